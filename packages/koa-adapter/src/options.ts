import type { VetkitAdapterOptions, VetkitHttp } from '@vetkit/core/node-http'

export type { VetkitHttp }

/**
 * `basePath` as in `createVetkit({ http: { basePath } })`; without it every request that reaches
 * the middleware is vetkit's (behind a router route or koa-mount). A mounting error goes to
 * `logger`, or the app's `error` event (which Koa prints unless `app.silent`).
 */
export type VetkitMiddlewareOptions = VetkitAdapterOptions
