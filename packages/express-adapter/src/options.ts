import type { Logger } from '@vetkit/core'

/** What the adapter uses of a vetkit engine: `createVetkit(...)` returns one. */
export interface VetkitHttp {
  /** vetkit's Fetch handler. */
  handler(request: Request, context?: { remoteAddress?: string; mountPath?: string }): Promise<Response>
  /** The screening provider: its name is the webhook path segment (`/webhooks/{name}`). */
  readonly provider: { readonly name: string }
}

export interface VetkitRouterOptions {
  /**
   * The full path vetkit is served under, as in `createVetkit({ http: { basePath } })`. When set,
   * only requests at or below it (judged on `req.originalUrl`) reach vetkit and every other
   * request goes on to `next()`, so the router can also be mounted at the root. Default: every
   * request that reaches the router is vetkit's.
   */
  basePath?: string
  /**
   * Where a mounting error (a body parser consumed a webhook before vetkit) is reported. Default:
   * a Node process warning, once.
   */
  logger?: Pick<Logger, 'error'>
}
