// @vetkit/koa: vetkit's HTTP API and webhooks as Koa middleware.
export { vetkitMiddleware } from './middleware'
export type { KoaContextLike, VetkitKoaMiddleware } from './koa-context'
export type { VetkitHttp, VetkitMiddlewareOptions } from './options'
