import type { z } from 'zod'
import type { OPERATIONS, OperationName, OperationOutput } from '../operations/operations'
import { ROUTES } from '../operations/routes'

// Types only from the operation table: the schemas stay on the server, the client carries ROUTES.
type Contract<N extends OperationName> = (typeof OPERATIONS)[N]
type Part<C, K extends string, Required extends boolean> = C extends Record<K, infer S extends z.ZodType>
  ? Required extends true
    ? Record<K, z.input<S>>
    : Partial<Record<K, z.input<S>>>
  : Partial<Record<K, never>>

/** A route's input: `params` (path), `query` and `body`, each present only when the route has it. */
export type ClientInput<N extends OperationName> = Part<Contract<N>, 'params', true> & Part<Contract<N>, 'query', false> & Part<Contract<N>, 'body', false>

type HeadersInit = ConstructorParameters<typeof Headers>[0]

/** Per call: an `AbortSignal` cancels the request (the promise rejects with its `AbortError`). */
export interface CallOptions {
  signal?: AbortSignal
}

type Method<N extends OperationName> = Record<never, never> extends ClientInput<N>
  ? (input?: ClientInput<N>, options?: CallOptions) => Promise<OperationOutput<N>>
  : (input: ClientInput<N>, options?: CallOptions) => Promise<OperationOutput<N>>

export type VetkitClient = { [N in OperationName]: Method<N> }

export interface VetkitClientOptions {
  /**
   * Where vetkit is mounted, e.g. `https://app.example/vetkit` or `/vetkit`. A function is called
   * at every request, for hosts whose API origin depends on the tenant or cookie scope.
   */
  baseUrl: string | (() => string)
  /** Defaults to the global `fetch`, looked up at call time (so test doubles installed later apply). */
  fetch?: typeof fetch
  /** Extra headers (auth, CSRF), computed per request when a function. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>)
  credentials?: RequestInit['credentials']
}

/**
 * An error answer of the API (`application/problem+json`), with its stable `code` and `field`;
 * also a request that never got an answer (`status` 0, code `network_error`) or one whose body
 * was not the API's JSON (code `bad_response`).
 */
export class VetkitClientError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined
  readonly retryAfterSeconds: number | null

  constructor(status: number, problem: { code?: string; detail?: string; field?: string }, retryAfter: string | null = null, options?: { cause?: unknown }) {
    super(problem.detail ?? `request failed with HTTP ${status}`, options)
    this.name = 'VetkitClientError'
    this.status = status
    this.code = problem.code ?? 'http_error'
    this.field = problem.field
    const seconds = retryAfter === null ? Number.NaN : Number(retryAfter)
    this.retryAfterSeconds = Number.isFinite(seconds) ? seconds : null
  }
}

/** One method per route of the contract table, typed by its schemas. */
export function createVetkitClient(options: VetkitClientOptions): VetkitClient {
  const client: Record<string, (input?: Record<string, unknown>, call?: CallOptions) => Promise<unknown>> = {}
  for (const [name, route] of Object.entries(ROUTES)) {
    client[name] = (input = {}, call = {}) => send(options, route, input, call)
  }
  return client as unknown as VetkitClient
}

async function send(options: VetkitClientOptions, route: { method: string; path: string }, input: Record<string, unknown>, call: CallOptions): Promise<unknown> {
  const base = (typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl).replace(/\/+$/, '')
  const params = (input.params ?? {}) as Record<string, unknown>
  const path = route.path.replace(/\{(\w+)\}/g, (_m, key: string) => encodeURIComponent(String(params[key] ?? '')))
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue
    query.set(key, Array.isArray(value) ? value.join(',') : String(value))
  }
  const headers = new Headers(typeof options.headers === 'function' ? await options.headers() : options.headers)
  headers.set('accept', 'application/json')
  const init: RequestInit = { method: route.method, headers }
  if (options.credentials) init.credentials = options.credentials
  if (call.signal) init.signal = call.signal
  if (route.method === 'POST') {
    headers.set('content-type', 'application/json')
    init.body = JSON.stringify(input.body ?? {})
  }
  const qs = query.toString()
  const doFetch = options.fetch ?? globalThis.fetch

  let response: Response
  let text: string
  try {
    response = await doFetch(`${base}${path}${qs ? `?${qs}` : ''}`, init)
    text = await response.text()
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason ?? error
    throw new VetkitClientError(0, { code: 'network_error', detail: 'the request did not reach the server (network failure); check the connection and try again' }, null, { cause: error })
  }
  let json: unknown
  try {
    json = text ? JSON.parse(text) : null
  } catch (error) {
    throw new VetkitClientError(response.status, { code: 'bad_response', detail: `the server answered HTTP ${response.status} with a body that is not JSON; is baseUrl pointing at vetkit?` }, null, { cause: error })
  }
  if (!response.ok) {
    const problem = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {}
    throw new VetkitClientError(
      response.status,
      {
        ...(typeof problem.code === 'string' ? { code: problem.code } : {}),
        ...(typeof problem.detail === 'string' ? { detail: problem.detail } : {}),
        ...(typeof problem.field === 'string' ? { field: problem.field } : {}),
      },
      response.headers.get('retry-after'),
    )
  }
  return json
}
