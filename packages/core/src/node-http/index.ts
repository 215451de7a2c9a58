// @vetkit/core/node-http: Node <-> Fetch conversion shared by the framework adapters
// (@vetkit/express, @vetkit/koa). Framework-free: node:http types only.
export { planBody, hasBody, isConsumed, type BodyPlan, type LeftoverBody } from './body-plan'
export { nodeBodyStream } from './body-stream'
export { requestHeaders } from './request-headers'
export { requestUrl, isUnderBase, normalizeBase } from './request-url'
export { responseHeaderEntries } from './response-headers'
export { toFetchRequest, requestContext, releaseUnreadBody } from './to-request'
export { bodyAlreadyParsed, badRequestTarget, internalError } from './problem-responses'
export { screenRequest } from './screen-request'
export { bufferedBody } from './buffered-body'
export type { VetkitAdapterOptions, VetkitHttp } from './vetkit-http'
