import { z } from 'zod'
import { VETKIT_VERSION } from '../version'
import { OPERATIONS, type OperationContract } from '../operations/operations'

const problem = {
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'stable, machine-readable' },
    detail: { type: 'string' },
    field: { type: 'string', description: 'the offending input, for validation errors' },
  },
} as const

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' })

/** The OpenAPI 3.1 document of the HTTP API, generated from the route contracts. */
export function openApiDocument(options: { basePath: string; webhookPath: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [name, contract] of Object.entries(OPERATIONS) as [string, OperationContract][]) {
    const parameters = [
      ...objectParameters(contract.params, 'path'),
      ...objectParameters(contract.query, 'query'),
    ]
    const operation: Record<string, unknown> = {
      operationId: name,
      summary: contract.summary,
      tags: [contract.access === 'admin' ? 'admin' : 'subject'],
      security: [{ host: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(contract.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(contract.body, 'input') } } } } : {}),
      responses: {
        ...Object.fromEntries(
          successStatuses(contract).map(([code, description]) => [code, { description, content: { 'application/json': { schema: schemaOf(contract.response, 'output') } } }]),
        ),
        default: { description: 'An error', content: { 'application/problem+json': { schema: problem } } },
      },
    }
    paths[`${options.basePath}${contract.path}`] = { ...paths[`${options.basePath}${contract.path}`], [contract.method.toLowerCase()]: operation }
  }
  paths[`${options.basePath}${options.webhookPath}`] = {
    post: {
      operationId: 'receiveWebhook',
      summary: "The provider's webhooks (signed; verified over the raw body)",
      tags: ['webhooks'],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: { '200': { description: 'Recorded (or a duplicate)' }, '401': { description: 'Signature or Basic auth refused' } },
    },
  }
  return {
    openapi: '3.1.0',
    info: { title: 'vetkit', version: VETKIT_VERSION, description: 'Background checks: consent, invitations, review decisions and webhooks.' },
    components: { securitySchemes: { host: { type: 'http', scheme: 'bearer', description: "The host's own authentication (the `authenticate` hook)" } } },
    paths,
  }
}

function successStatuses(contract: OperationContract): [string, string][] {
  if (contract.status === 'created_or_ok') return [['201', 'Created'], ['200', 'Already in progress: the existing one']]
  return [[String(contract.status), contract.status === 201 ? 'Created' : 'OK']]
}

function objectParameters(schema: z.ZodObject | undefined, where: 'path' | 'query') {
  if (!schema) return []
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
    schema: schemaOf(field as z.ZodType, 'input'),
  }))
}
