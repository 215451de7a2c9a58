import type { Logger } from '@vetkit/core'

/** What the adapter uses of a vetkit engine: `createVetkit(...)` returns one. */
export interface VetkitHttp {
  /** vetkit's Fetch handler. */
  handler(request: Request, context?: { remoteAddress?: string }): Promise<Response>
  /** The screening provider: its name is the webhook path segment (`/webhooks/{name}`). */
  readonly provider: { readonly name: string }
}

export interface VetkitMiddlewareOptions {
  /**
   * The full path vetkit is served under, as in `createVetkit({ http: { basePath } })`. Requests at
   * or below it (judged on `ctx.originalUrl`) are vetkit's; every other request goes on to
   * `next()`. Default: every request that reaches the middleware is vetkit's (for use behind a
   * router route or koa-mount).
   */
  prefix?: string
  /**
   * Where a mounting error (a body parser consumed a webhook before vetkit) is reported. Default:
   * the app's `error` event (`app.on('error', ...)`, which Koa prints unless `app.silent`).
   */
  logger?: Pick<Logger, 'error'>
}
