import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import type { KoaContextLike } from './koa-context'
import { bufferedBody, responseHeaderEntries } from '@vetkit/core/node-http'

/** Statuses that never carry a body. */
const EMPTY = new Set([204, 205, 304])

/**
 * Hands a Fetch `Response` to Koa: status, every header (each `Set-Cookie` on its own line), and
 * the body as a stream Koa pipes with back-pressure (and destroys when the client goes away).
 * Middleware above still sees `ctx.status` and the headers.
 */
export async function writeResponse(response: Response, ctx: KoaContextLike): Promise<void> {
  ctx.status = response.status
  for (const [name, value] of responseHeaderEntries(response.headers)) ctx.set(name, value)
  const whole = EMPTY.has(response.status) ? null : await bufferedBody(response)
  if (whole) ctx.body = whole
  else if (response.body && !EMPTY.has(response.status)) ctx.body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)
  else {
    void response.body?.cancel()
    // An explicit empty body: `null` would make Koa turn the status into 204.
    ctx.body = EMPTY.has(response.status) ? null : ''
  }
}
