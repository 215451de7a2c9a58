import type { IncomingMessage } from 'node:http'
import type { BodyPlan } from './body-plan'
import { nodeBodyStream } from './body-stream'
import { requestHeaders } from './request-headers'

/** Headers that describe the wire form of a body vetkit receives re-assembled. */
const WIRE_HEADERS = ['content-length', 'content-encoding', 'transfer-encoding']

/** Bodies with a declared length up to this are read whole before the Request is built. */
const SMALL_BODY_MAX = 256 * 1024

/**
 * A Fetch `Request` for a Node request: method, full URL, every header, the planned body. A small
 * body of declared length (a webhook, a JSON call) is read whole first: a buffer body is much
 * cheaper than a web stream. Anything larger or of unknown length is streamed with back-pressure,
 * so vetkit's size cap applies as bytes arrive.
 */
export async function toFetchRequest(req: IncomingMessage, url: URL, plan: BodyPlan, onAbandon: () => void): Promise<Request> {
  // HTTP/2 streams end on their own; only an HTTP/1 connection has to be closed.
  const abandon = req.httpVersionMajor < 2 ? onAbandon : () => undefined
  const headers = requestHeaders(req)
  const method = req.method ?? 'GET'
  if (plan.kind === 'stream') {
    const declared = Number(req.headers['content-length'] ?? Number.NaN)
    if (Number.isFinite(declared) && declared <= SMALL_BODY_MAX && req.httpVersionMajor < 2) {
      return new Request(url, { method, headers, body: await readSmallBody(req) })
    }
    return new Request(url, { method, headers, body: nodeBodyStream(req, abandon), duplex: 'half' })
  }
  if (plan.kind === 'bytes') {
    for (const name of WIRE_HEADERS) headers.delete(name)
    headers.set('content-length', String(plan.bytes.byteLength))
    return new Request(url, { method, headers, body: plan.bytes })
  }
  return new Request(url, { method, headers })
}

/** The socket's peer address, for vetkit's client-IP logic (trusted proxies are vetkit's setting). */
export function requestContext(req: IncomingMessage): { remoteAddress?: string } {
  const remoteAddress = req.socket?.remoteAddress
  return remoteAddress ? { remoteAddress } : {}
}

/**
 * When vetkit answered without reading the whole body (401 before an upload, 413 mid-way), stops
 * reading it: the stream is cancelled, which marks the connection for closing after the answer,
 * so the unread rest is neither buffered nor left blocking a kept-alive socket.
 */
export async function releaseUnreadBody(req: IncomingMessage, request: Request): Promise<void> {
  if (req.readableEnded || !request.body || request.body.locked) return
  await request.body.cancel().catch(() => undefined)
}

/**
 * Reads a body whose declared length is small (HTTP/1 framing guarantees it ends there). A client
 * that goes away mid-body leaves a truncated body: it fails vetkit's checks (bad JSON, a signature
 * that does not match) and nobody is left to read the answer anyway.
 */
function readSmallBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const done = () => resolve(Buffer.concat(chunks))
    req.on('data', (chunk: Buffer | string) => chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk))
    req.once('end', done)
    req.once('error', done)
    req.once('close', done)
  })
}
