import type { IncomingMessage, ServerResponse } from 'node:http'
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
import { writeResponse } from './write-response'
import type { VetkitHttp, VetkitRouterOptions } from './options'
import { rawBodyOf } from './raw-body'

/** The request as Express hands it over: a Node request plus what Express and parsers add. */
type ExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: unknown }

/** An Express (or Connect) middleware: `app.use('/vetkit', vetkitRouter(vetkit))`. */
export type VetkitExpressHandler = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void

const MOUNTING_HELP =
  'a body parser (express.json(), express.urlencoded()...) read this request before vetkit, and vetkit needs the exact bytes: ' +
  'mount vetkitRouter() before the body parsers, or give them { verify: keepRawBody } from @vetkit/express'

/**
 * vetkit's HTTP API and webhooks as Express middleware: a thin conversion to vetkit's Fetch
 * handler and back. Mount it where `createVetkit({ http: { basePath } })` says vetkit lives:
 *
 * ```ts
 * app.use('/vetkit', vetkitRouter(vetkit))
 * ```
 *
 * The full original URL (`req.originalUrl`) is passed on, so sub-path mounts keep their path. The
 * body is streamed to vetkit, which applies its own size limits; the socket address is passed as
 * the remote address and vetkit's `trustProxy` decides about X-Forwarded-For (Express's own
 * `trust proxy` setting is not consulted).
 */
export function vetkitRouter(vetkit: VetkitHttp, options: VetkitRouterOptions = {}): VetkitExpressHandler {
  const basePath = normalizeBase(options.basePath)
  const webhookSuffix = vetkit.webhookPath
  let warned = false
  const report = (fields: Record<string, unknown>) => {
    if (options.logger) options.logger.error('vetkit: request body already parsed', fields)
    else if (!warned) {
      warned = true
      process.emitWarning(MOUNTING_HELP, { code: 'VETKIT_BODY_ALREADY_PARSED' })
    }
  }

  async function handle(req: ExpressRequest, res: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    const target = req.originalUrl ?? req.url ?? '/'
    const url = requestUrl(req, target)
    // Not a path (e.g. `OPTIONS *`): vetkit's only when everything reaching the router is.
    if (url ? !isUnderBase(url.pathname, basePath) : basePath !== '') {
      next()
      return
    }
    if (!url) {
      await writeResponse(badRequestTarget(), res)
      return
    }
    const refused = screenRequest(req, target)
    if (refused) {
      await writeResponse(refused, res)
      return
    }
    const isWebhook = req.method === 'POST' && webhookSuffix !== null && url.pathname.endsWith(webhookSuffix)
    const plan = planBody(req, isWebhook, () => ({ raw: rawBodyOf(req), parsed: req.body }))
    if (plan.kind === 'consumed') {
      report({ method: req.method, path: url.pathname, code: 'body_already_parsed' })
      await writeResponse(bodyAlreadyParsed(MOUNTING_HELP), res)
      return
    }
    // If vetkit stops reading early (413), the unread rest makes the connection unusable.
    const request = await toFetchRequest(req, url, plan, () => {
      if (!res.headersSent) res.setHeader('connection', 'close')
    })
    // Mounted with app.use(path, ...): Express knows the mount point, so vetkit need not be told.
    const baseUrl = (req as { baseUrl?: unknown }).baseUrl
    const context = { ...requestContext(req), ...(options.basePath === undefined && typeof baseUrl === 'string' ? { mountPath: baseUrl } : {}) }
    const response = await vetkit.handler(request, context)
    await releaseUnreadBody(req, request)
    await writeResponse(response, res)
  }

  // A failure of the adapter itself is answered here, never passed to Express's error handler,
  // whose development page would show the stack and file paths.
  return (req, res, next) => {
    handle(req, res, next).catch(async (error: unknown) => {
      const fields = { method: req.method, code: 'internal_error', err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }
      if (options.logger) options.logger.error('vetkit: the Express adapter failed', fields)
      else process.emitWarning(`vetkit: the Express adapter failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, { code: 'VETKIT_ADAPTER_FAILED' })
      if (res.headersSent) res.destroy()
      else await writeResponse(internalError(), res).catch(() => res.destroy())
    })
  }
}
