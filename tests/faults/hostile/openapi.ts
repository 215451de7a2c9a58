/** The parts of the served OpenAPI document the generator reads: routes, parameters, body schemas. */
export interface JsonSchema {
  type?: string | string[]
  enum?: readonly unknown[]
  format?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  items?: JsonSchema
  properties?: Record<string, JsonSchema>
  required?: readonly string[]
}

export interface Parameter {
  name: string
  schema: JsonSchema
}

export type Access = 'admin' | 'subject' | 'webhook' | 'public'

/** One route of the document (or the document itself), as the generator attacks it. */
export interface Operation {
  id: string
  method: 'GET' | 'POST'
  /** The full path template, mount point included: `/vetkit/admin/checks/{checkId}`. */
  template: string
  access: Access
  pathParams: Parameter[]
  query: Parameter[]
  /** The JSON body's schema; null for GET routes and the webhook (raw bytes, signed). */
  body: JsonSchema | null
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * Every operation of the document, plus `GET /openapi.json` itself (not listed in it). New routes
 * of the contract table appear here, and so in the storm, without touching the test.
 */
export function operationsOf(doc: unknown, mount: string): Operation[] {
  if (!isRecord(doc) || !isRecord(doc.paths)) throw new Error('the OpenAPI document has no paths')
  const operations: Operation[] = []
  for (const [template, item] of Object.entries(doc.paths)) {
    if (!isRecord(item)) continue
    for (const [verb, raw] of Object.entries(item)) {
      if (!isRecord(raw)) continue
      const method = verb.toUpperCase()
      if (method !== 'GET' && method !== 'POST') throw new Error(`the document has a ${method} route (${template}): teach the generator about it`)
      const tags = Array.isArray(raw.tags) ? raw.tags : []
      const access: Access = tags.includes('webhooks') ? 'webhook' : tags.includes('admin') ? 'admin' : tags.includes('subject') ? 'subject' : 'public'
      const parameters = (Array.isArray(raw.parameters) ? raw.parameters : []).filter(isRecord)
      const param = (where: string) =>
        parameters.filter((p) => p.in === where).map((p) => ({ name: String(p.name), schema: (isRecord(p.schema) ? p.schema : {}) as JsonSchema }))
      const content = isRecord(raw.requestBody) && isRecord(raw.requestBody.content) ? raw.requestBody.content['application/json'] : undefined
      const body = access !== 'webhook' && isRecord(content) && isRecord(content.schema) ? (content.schema as JsonSchema) : null
      operations.push({
        id: typeof raw.operationId === 'string' ? raw.operationId : `${method} ${template}`,
        method,
        template,
        access,
        pathParams: param('path'),
        query: param('query'),
        body,
      })
    }
  }
  operations.push({ id: 'openapi', method: 'GET', template: `${mount}/openapi.json`, access: 'public', pathParams: [], query: [], body: null })
  return operations
}
