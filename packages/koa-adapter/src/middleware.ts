import {
  badRequestTarget,
  bodyAlreadyParsed,
  internalError,
  isUnderBase,
  normalizeBase,
  planBody,
  releaseUnreadBody,
  requestContext,
  requestUrl,
  screenRequest,
  toFetchRequest,
} from '@vetkit/core/node-http'
import type { KoaContextLike, ParsedKoaRequest, VetkitKoaMiddleware } from './koa-context'
import type { VetkitHttp, VetkitMiddlewareOptions } from './options'
import { rawBodyOf } from './raw-body'
import { writeResponse } from './write-response'

const MOUNTING_HELP =
  'a body parser read this request before vetkit and kept no raw body, and vetkit needs the exact bytes: ' +
  'register vetkitMiddleware() before the body parser (koa-bodyparser and @koa/bodyparser keep ctx.request.rawBody and work either way)'

/**
 * vetkit's HTTP API and webhooks as Koa middleware: a thin conversion to vetkit's Fetch handler
 * and back.
 *
 * ```ts
 * app.use(vetkitMiddleware(vetkit, { basePath: '/vetkit' }))
 * ```
 *
 * The full original URL (`ctx.originalUrl`) is passed on. The body is streamed to vetkit, which
 * applies its own size limits; the socket address is passed as the remote address and vetkit's
 * `trustProxy` decides about X-Forwarded-For (Koa's `app.proxy` is not consulted).
 */
export function vetkitMiddleware(vetkit: VetkitHttp, options: VetkitMiddlewareOptions = {}): VetkitKoaMiddleware {
  const prefix = normalizeBase(options.basePath)
  const webhookSuffix = vetkit.webhookPath

  return async function vetkitKoaMiddleware(ctx, next) {
    const url = requestUrl(ctx.req, ctx.originalUrl)
    // Not a path (e.g. `OPTIONS *`): vetkit's only when everything reaching the middleware is.
    if (url ? !isUnderBase(url.pathname, prefix) : prefix !== '') {
      await next()
      return
    }
    if (!url) {
      await writeResponse(badRequestTarget(), ctx)
      return
    }
    const refused = screenRequest(ctx.req, ctx.originalUrl)
    if (refused) {
      await writeResponse(refused, ctx)
      return
    }
    try {
      await serve(ctx, url)
    } catch (error) {
      // A failure of the adapter itself: answered with a generic problem, reported to Koa's
      // 'error' event (its default listener logs the stack to stderr), never put in the response.
      ctx.app.emit('error', error instanceof Error ? error : new Error(String(error)), ctx)
      await writeResponse(internalError(), ctx)
    }
  }

  async function serve(ctx: KoaContextLike, url: URL): Promise<void> {
    const request = ctx.request as ParsedKoaRequest
    const isWebhook = ctx.method === 'POST' && webhookSuffix !== null && url.pathname.endsWith(webhookSuffix)
    const plan = planBody(ctx.req, isWebhook, () => ({ raw: rawBodyOf(request, ctx.req), parsed: request.body }))
    if (plan.kind === 'consumed') {
      const fields = { method: ctx.method, path: url.pathname, code: 'body_already_parsed' }
      if (options.logger) options.logger.error('vetkit: request body already parsed', fields)
      else ctx.app.emit('error', Object.assign(new Error(`vetkit: ${MOUNTING_HELP}`), fields), ctx)
      await writeResponse(bodyAlreadyParsed(MOUNTING_HELP), ctx)
      return
    }
    // If vetkit stops reading early (413), the unread rest makes the connection unusable.
    const fetchRequest = await toFetchRequest(ctx.req, url, plan, () => ctx.set('connection', 'close'))
    const response = await vetkit.handler(fetchRequest, requestContext(ctx.req))
    await releaseUnreadBody(ctx.req, fetchRequest)
    await writeResponse(response, ctx)
  }
}
