import type { IncomingMessage } from 'node:http'

const kept = new WeakMap<IncomingMessage, Uint8Array>()

/**
 * A body-parser `verify` hook that keeps each request's exact bytes for vetkit, so webhooks still
 * verify when vetkit is mounted after `express.json()` or `express.urlencoded()`:
 * `app.use(express.json({ verify: keepRawBody }))`.
 */
export function keepRawBody(req: IncomingMessage, _res: unknown, buffer: Uint8Array): void {
  kept.set(req, buffer)
}

/** The bytes (or text) a parser left on the request, from the most to the least exact source. */
export function rawBodyOf(req: IncomingMessage & { rawBody?: unknown; body?: unknown }): Uint8Array | string | undefined {
  const saved = kept.get(req)
  if (saved) return saved
  // `req.rawBody` is the common convention (Google Cloud Functions, Firebase, many verify hooks).
  if (req.rawBody instanceof Uint8Array || typeof req.rawBody === 'string') return req.rawBody
  // express.raw() and express.text() keep the body itself as bytes or text.
  if (req.body instanceof Uint8Array || typeof req.body === 'string') return req.body
  return undefined
}
