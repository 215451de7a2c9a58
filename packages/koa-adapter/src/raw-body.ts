import type { IncomingMessage } from 'node:http'
import type { ParsedKoaRequest } from './koa-context'

const UNPARSED = Symbol.for('unparsedBody')

/**
 * The bytes or text a Koa body parser kept. koa-bodyparser and @koa/bodyparser both keep the text
 * they parsed as `ctx.request.rawBody`; with `patchNode` it is on `ctx.req` too. Text is encoded
 * back as UTF-8: for a UTF-8 body (webhooks are) those are the bytes received, and a webhook whose
 * bytes did not survive simply fails its signature check; it is never accepted.
 */
export function rawBodyOf(request: ParsedKoaRequest, req: IncomingMessage & { rawBody?: unknown }): Uint8Array | string | undefined {
  // koa-body keeps it under a symbol of the parsed body, with `includeUnparsed: true`.
  const unparsed = request.body !== null && typeof request.body === 'object' ? (request.body as Record<symbol, unknown>)[UNPARSED] : undefined
  for (const candidate of [request.rawBody, req.rawBody, unparsed, request.body]) {
    if (candidate instanceof Uint8Array || typeof candidate === 'string') return candidate
  }
  return undefined
}
