import type { z } from 'zod'
import type { Actor } from '../domain/check-events'
import type { OutageMonitor } from '../pipelines/outage-monitor'
import type { Logger } from '../ports/logger'
import { errorFields } from '../support/error-fields'
import { VetkitError } from '../errors'
import type { VetkitApi, WebhookIntake } from '../vetkit/api'
import { clientIpFrom } from '../support/client-ip'
import { OPERATIONS, type OperationContract, type OperationName } from '../operations/operations'
import type { HttpActor, HttpOptions, RequestContext } from './http-options'
import { openApiDocument } from './openapi'
import { HttpError, problemResponse } from './problem'
import { readBody } from './read-body'
import { runOperation, type OperationCall } from './operation-handlers'
import { fieldPath, firstIssue } from '../support/zod-issue'

interface CompiledRoute {
  name: OperationName
  contract: OperationContract
  pattern: RegExp
  keys: string[]
}

const COMPILED: CompiledRoute[] = (Object.entries(OPERATIONS) as [OperationName, OperationContract][]).map(([name, contract]) => {
  const keys: string[] = []
  const source = contract.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, key: string) => {
    keys.push(key)
    return '([^/]+)'
  })
  return { name, contract, pattern: new RegExp(`^${source}$`), keys }
})

/** What the handler is built on: the engine's operations and webhook intake. It imports neither back. */
interface Engine {
  api: VetkitApi
  webhooks: Pick<WebhookIntake, 'receive' | 'refuse'>
  /** The webhook path segment: `/webhooks/{providerName}`. */
  providerName: string
}

/**
 * The framework-agnostic HTTP handler: a Fetch `Request` in, a `Response` out. Routes come from
 * the contract table; every error is `application/problem+json` with a stable code; bad input is
 * always a 4xx and is refused before anything is written. Mount it under any path: only the part
 * after the mount point (`basePath`) is routed.
 */
export function createHttpHandler(engine: Engine, options: HttpOptions & { basePath?: string; logger: Logger; outage: OutageMonitor }) {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '')
  const maxBody = options.maxBodyBytes ?? 64 * 1024
  const maxWebhook = options.maxWebhookBytes ?? 1024 * 1024
  const adminRole = options.adminRole ?? 'admin'
  const webhookPath = `/webhooks/${engine.providerName}`

  return async function handler(request: Request, context: RequestContext = {}): Promise<Response> {
    // Where a fault happened, for its log line: the host's hook, or vetkit's own handling.
    const stage = { name: 'request' as 'request' | 'authenticate', route: null as OperationName | null }
    try {
      const url = new URL(request.url)
      const path = stripBase(url.pathname, context.mountPath === undefined ? basePath : context.mountPath.replace(/\/+$/, ''))
      if (path === null) throw new HttpError(404, 'not_found', 'no such route')

      if (path === webhookPath) {
        if (request.method !== 'POST') throw methodNotAllowed(['POST'])
        const clientIp = clientIpFrom(request.headers, context.remoteAddress, options.trustProxy ?? false)
        let rawBody: Uint8Array
        try {
          rawBody = await readBody(request, maxWebhook)
        } catch (error) {
          if (!(error instanceof HttpError) || error.status !== 413) throw error
          const refused = await engine.webhooks.refuse(413, 'payload_too_large', clientIp)
          if (refused.status === 413) throw error
          return json(refused.status, refused.body, refused.headers)
        }
        const result = await engine.webhooks.receive({ headers: request.headers, rawBody, clientIp }, { maxBytes: maxWebhook })
        options.outage.ok()
        return json(result.status, result.body, result.headers)
      }
      if (path === '/openapi.json') {
        if (request.method !== 'GET' && request.method !== 'HEAD') throw methodNotAllowed(['GET', 'HEAD'])
        return json(200, openApiDocument({ basePath, webhookPath }), { 'cache-control': 'public, max-age=300' })
      }

      const matches = COMPILED.map((route) => ({ route, match: route.pattern.exec(path) })).filter((m) => m.match !== null)
      if (matches.length === 0) throw new HttpError(404, 'not_found', 'no such route')
      const hit = matches.find((m) => m.route.contract.method === request.method || (request.method === 'HEAD' && m.route.contract.method === 'GET'))
      if (!hit?.match) throw methodNotAllowed([...new Set(matches.map((m) => m.route.contract.method))])
      const { route, match } = hit
      stage.route = route.name

      const repeated = [...url.searchParams.keys()].find((key, i, keys) => keys.indexOf(key) !== i)
      if (repeated !== undefined) throw new HttpError(422, 'invalid_input', `query.${repeated}: given more than once`, { field: `query.${repeated}` })
      const rawParams = Object.fromEntries(route.keys.map((key, i) => [key, safeDecode(match[i + 1] ?? '')]))
      const actor = await authorize(route.contract, rawParams, request, stage)
      const params = validate(route.contract.params, rawParams, 'params')
      const query = validate(route.contract.query, Object.fromEntries(url.searchParams), 'query')
      const body = route.contract.method === 'POST' ? validate(route.contract.body, await jsonBody(request, maxBody), 'body') : {}

      const call = {
        params,
        query,
        body,
        actor,
        clientIp: clientIpFrom(request.headers, context.remoteAddress, options.trustProxy ?? false),
        // The consent's user agent column holds 512 characters.
        userAgent: request.headers.get('user-agent')?.slice(0, 512) ?? null,
      }
      // The parts were validated with this route's own schemas just above: the call is the route's.
      const result = await runOperation(engine.api, route.name, call as OperationCall<typeof route.name>)
      const status = successStatus(route.contract.status, result)
      options.outage.ok()
      return json(status, result)
    } catch (error) {
      const problem = problemResponse(error)
      // An outage is logged once when it starts (and when it ends), not once per request.
      if (!options.outage.failed(error) && problem.status >= 500) {
        // Every server-side failure is logged whole (message, stack, cause); the body says nothing internal.
        options.logger.error(stage.name === 'authenticate' ? 'the authenticate hook threw' : 'request failed', {
          status: problem.status,
          code: error instanceof VetkitError ? error.code : 'internal_error',
          method: request.method,
          route: stage.route,
          err: errorFields(error),
        })
      }
      const text = JSON.stringify(problem.body)
      return new Response(text, { status: problem.status, headers: { ...problem.headers, 'content-length': String(Buffer.byteLength(text)) } })
    }
  }

  async function authorize(contract: OperationContract, params: Record<string, string>, request: Request, stage: { name: 'request' | 'authenticate' }): Promise<Actor> {
    stage.name = 'authenticate'
    const caller: HttpActor | null = options.authenticate ? await options.authenticate(request) : null
    stage.name = 'request'
    if (!caller) throw new HttpError(401, 'unauthenticated', 'sign in to use this route')
    const isAdmin = caller.roles.includes(adminRole)
    if (contract.access === 'admin') {
      if (!isAdmin) throw new HttpError(403, 'forbidden', 'this route needs the admin role')
      return { kind: 'admin', id: caller.id }
    }
    // Subject routes: the subject itself, or an admin acting for it.
    if (isAdmin) return { kind: 'admin', id: caller.id }
    if (caller.subjectId && caller.subjectId === params.subjectId) return { kind: 'subject', id: caller.subjectId }
    throw new HttpError(403, 'forbidden', 'a subject may act only on itself')
  }
}

function successStatus(declared: OperationContract['status'], result: unknown): number {
  if (declared !== 'created_or_ok') return declared
  return typeof result === 'object' && result !== null && 'created' in result && result.created === true ? 201 : 200
}

function stripBase(pathname: string, basePath: string): string | null {
  if (basePath === '') return pathname
  if (pathname === basePath) return '/'
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : null
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'bad_path', 'the path is not validly encoded')
  }
}

function methodNotAllowed(allowed: string[]): HttpError {
  return new HttpError(405, 'method_not_allowed', `use ${allowed.join(' or ')}`, { headers: { allow: allowed.join(', ') } })
}

async function jsonBody(request: Request, limit: number): Promise<unknown> {
  // JSON only, even for an empty body: a cross-site form or fetch cannot send application/json
  // without a CORS preflight, so a cookie-authenticated host is not open to CSRF through vetkit.
  const type = request.headers.get('content-type')
  if (!type || !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json (an empty object is fine)')
  }
  const raw = await readBody(request, limit)
  if (raw.byteLength === 0) return {}
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)) as unknown
  } catch {
    throw new HttpError(400, 'malformed_json', 'the body is not valid JSON')
  }
}

function validate(schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'body'): unknown {
  if (!schema) {
    if (where === 'query' && value && typeof value === 'object' && Object.keys(value).length > 0) {
      const key = Object.keys(value)[0] ?? ''
      throw new HttpError(422, 'invalid_input', `${key}: unknown query parameter`, { field: `query.${key}` })
    }
    return {}
  }
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = firstIssue(parsed.error)
  const field = fieldPath([where, ...issue.path])
  throw new HttpError(422, 'invalid_input', `${field}: ${issue.unknownKey ? 'unknown field' : issue.message}`, { field })
}

/** A JSON answer. Its length is declared, so adapters can write it in one piece. */
function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body)
  return new Response(text, {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    },
  })
}
