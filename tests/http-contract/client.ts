/** A small fetch client for the contract suite: real sockets, every call recorded for coverage. */
export type Json = Record<string, unknown>

export interface CallOptions {
  token?: string
  /** Sent as JSON. */
  body?: unknown
  /** Sent as is, with `type` (default application/json). */
  raw?: string | Uint8Array
  type?: string
  /** The client address as the loopback proxy reports it (X-Forwarded-For); null sends none. */
  ip?: string | null
  headers?: Record<string, string>
}

export interface CallResult {
  status: number
  headers: Headers
  text: string
  json: Json
}

export interface Client {
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>
  /** Every `METHOD /path` called so far (paths under the mount point, without the query). */
  readonly calls: readonly string[]
}

export function createClient(base: () => string): Client {
  const calls: string[] = []
  let n = 0
  return {
    calls,
    async call(method, path, options = {}) {
      const headers = new Headers(options.headers)
      if (options.token) headers.set('authorization', `Bearer ${options.token}`)
      // A fresh documentation address per call keeps the per-IP invite throttle out of the way.
      const ip = options.ip === undefined ? `198.51.100.${(n++ % 250) + 1}` : options.ip
      if (ip !== null) headers.set('x-forwarded-for', ip)
      let body: string | Uint8Array | undefined
      if (options.raw !== undefined) body = options.raw
      else if (options.body !== undefined) body = JSON.stringify(options.body)
      // vetkit takes JSON only, even an empty body (a CSRF guard): send {} like a real client.
      else if (method === 'POST') body = '{}'
      if (body !== undefined && !headers.has('content-type')) headers.set('content-type', options.type ?? 'application/json')
      calls.push(`${method} ${path.split('?')[0] ?? path}`)
      const response = await fetch(`${base()}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) })
      const text = await response.text()
      return { status: response.status, headers: response.headers, text, json: parseJson(text) }
    },
  }
}

function parseJson(text: string): Json {
  try {
    const value: unknown = JSON.parse(text)
    return value !== null && typeof value === 'object' ? (value as Json) : {}
  } catch {
    return {}
  }
}

/** Narrows a JSON value for assertions (the suite checks shapes with `expect` right after). */
export function field<T>(value: unknown, key: string): T {
  return (value as Json)[key] as T
}
