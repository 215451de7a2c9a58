import type { z } from 'zod'
import { OPERATIONS, type OperationContract, type OperationName, type OperationOutput } from '../operations/operations'

type Contract<N extends OperationName> = (typeof OPERATIONS)[N]
type Part<C, K extends string, Required extends boolean> = C extends Record<K, infer S extends z.ZodType>
  ? Required extends true
    ? Record<K, z.input<S>>
    : Partial<Record<K, z.input<S>>>
  : Partial<Record<K, never>>

/** A route's input: `params` (path), `query` and `body`, each present only when the route has it. */
export type ClientInput<N extends OperationName> = Part<Contract<N>, 'params', true> & Part<Contract<N>, 'query', false> & Part<Contract<N>, 'body', false>

type HeadersInit = ConstructorParameters<typeof Headers>[0]

export type VetkitClient = { [N in OperationName]: (input: ClientInput<N>) => Promise<OperationOutput<N>> }

export interface VetkitClientOptions {
  /** Where vetkit is mounted, e.g. `https://app.example/vetkit` or `/vetkit`. */
  baseUrl: string | (() => string)
  fetch?: typeof fetch
  /** Extra headers (auth), computed per request when a function. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>)
  credentials?: RequestInit['credentials']
}

/** An error answer of the API (`application/problem+json`), with its stable `code` and `field`. */
export class VetkitClientError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined
  readonly retryAfterSeconds: number | null

  constructor(status: number, problem: { code?: string; detail?: string; field?: string }, retryAfter: string | null) {
    super(problem.detail ?? `request failed with HTTP ${status}`)
    this.name = 'VetkitClientError'
    this.status = status
    this.code = problem.code ?? 'http_error'
    this.field = problem.field
    this.retryAfterSeconds = retryAfter === null ? null : Number(retryAfter)
  }
}

/** One method per route of the contract table, typed by its schemas. */
export function createVetkitClient(options: VetkitClientOptions): VetkitClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const client: Partial<Record<OperationName, (input: Record<string, unknown>) => Promise<unknown>>> = {}
  for (const [name, contract] of Object.entries(OPERATIONS) as [OperationName, OperationContract][]) {
    client[name] = async (input) => {
      const base = (typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl).replace(/\/+$/, '')
      const params = (input.params ?? {}) as Record<string, string>
      const path = contract.path.replace(/\{(\w+)\}/g, (_m, key: string) => encodeURIComponent(String(params[key] ?? '')))
      const query = new URLSearchParams()
      for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
        if (value === undefined || value === null) continue
        query.set(key, Array.isArray(value) ? value.join(',') : String(value))
      }
      const headers = new Headers(typeof options.headers === 'function' ? await options.headers() : options.headers)
      headers.set('accept', 'application/json')
      const init: RequestInit = { method: contract.method, headers, ...(options.credentials ? { credentials: options.credentials } : {}) }
      if (contract.method === 'POST') {
        headers.set('content-type', 'application/json')
        init.body = JSON.stringify(input.body ?? {})
      }
      const qs = query.toString()
      const response = await doFetch(`${base}${path}${qs ? `?${qs}` : ''}`, init)
      const text = await response.text()
      const json: unknown = text ? JSON.parse(text) : null
      if (!response.ok) throw new VetkitClientError(response.status, (json ?? {}) as { code?: string }, response.headers.get('retry-after'))
      return json
    }
  }
  return client as VetkitClient
}
