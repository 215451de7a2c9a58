import type { IncomingMessage } from 'node:http'

/** What a body parser that ran before vetkit left behind. */
export interface LeftoverBody {
  /** The body's bytes or text as received (a raw parser, a `verify` hook, `rawBody`). */
  raw: Uint8Array | string | undefined
  /** What a parser made of it (`req.body`, `ctx.request.body`). */
  parsed: unknown
}

/** How the adapter gives vetkit the request body. */
export type BodyPlan =
  | { kind: 'none' }
  | { kind: 'stream' }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'consumed' }

/**
 * Chooses the body source. The socket stream whenever nobody read it (the normal case). When a
 * body parser mounted before vetkit consumed it: the bytes or text it kept, else, for JSON routes
 * only, the parsed value serialised again. Webhooks are verified over their exact bytes, so a
 * parsed value is never good enough for them: that is `consumed`, a mounting error.
 */
export function planBody(req: IncomingMessage, needsExactBytes: boolean, leftover: () => LeftoverBody): BodyPlan {
  if (req.method === 'GET' || req.method === 'HEAD') return { kind: 'none' }
  // Unread: stream it, even when nothing announces a body (HTTP/2 need not): it may be empty.
  if (!isConsumed(req)) return { kind: 'stream' }
  const { raw, parsed } = leftover()
  if (raw !== undefined) return { kind: 'bytes', bytes: toBytes(raw) }
  if (!hasBody(req) && req.httpVersionMajor < 2) return { kind: 'none' }
  if (needsExactBytes || parsed === undefined) return { kind: 'consumed' }
  if (typeof parsed === 'string' || parsed instanceof Uint8Array) return { kind: 'bytes', bytes: toBytes(parsed) }
  const json = safeStringify(parsed)
  return json === undefined ? { kind: 'consumed' } : { kind: 'bytes', bytes: toBytes(json) }
}

/** A body is announced by Transfer-Encoding or a non-zero Content-Length. */
export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true
  const length = Number(req.headers['content-length'])
  return Number.isFinite(length) && length > 0
}

/** The socket stream has been read to its end (or torn down) by someone else. */
export function isConsumed(req: IncomingMessage): boolean {
  return req.readableEnded || req.destroyed || (req.complete && !req.readable)
}

function toBytes(value: Uint8Array | string): Uint8Array {
  return typeof value === 'string' ? new Uint8Array(Buffer.from(value, 'utf8')) : new Uint8Array(value)
}

function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}
