// @vetkit/express: vetkit's HTTP API and webhooks as Express middleware.
export { vetkitRouter, type VetkitExpressHandler } from './router'
export { keepRawBody } from './raw-body'
export type { VetkitHttp, VetkitRouterOptions } from './options'
