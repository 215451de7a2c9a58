/**
 * What a framework adapter uses of a vetkit engine (`createVetkit(...)` returns one): the Fetch
 * handler and the path its webhooks arrive on. One declaration for every adapter.
 */
export interface VetkitHttp {
  /** vetkit's Fetch handler. */
  handler(request: Request, context?: { remoteAddress?: string; mountPath?: string }): Promise<Response>
  /** The webhook route under vetkit's base path, e.g. `/webhooks/checkr`; null for a handler without webhooks (the metrics endpoint). */
  readonly webhookPath: string | null
}

/** The options every adapter takes, named the same in each. */
export interface VetkitAdapterOptions {
  /**
   * The full path vetkit is served under, as in `createVetkit({ http: { basePath } })`. When set,
   * only requests at or below it (judged on the original URL) reach vetkit and every other request
   * goes on to `next()`. Default: every request that reaches the adapter is vetkit's.
   */
  basePath?: string
  /** Where a mounting error (a body parser consumed a webhook before vetkit) is reported. */
  logger?: { error(message: string, fields?: Record<string, unknown>): void }
}
