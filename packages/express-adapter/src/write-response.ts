import type { ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { bufferedBody, responseHeaderEntries } from '@vetkit/core/node-http'

/**
 * Writes a Fetch `Response` to a Node response: status, every header (each `Set-Cookie` on its own
 * line), and the body streamed with back-pressure. A client that goes away cancels the body.
 */
export async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status
  for (const [name, value] of responseHeaderEntries(response.headers)) res.setHeader(name, value)
  if (!response.body) {
    res.end()
    return
  }
  const whole = await bufferedBody(response)
  if (whole) {
    res.end(whole)
    return
  }
  try {
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res)
  } catch {
    // The client went away or the body failed mid-stream: the socket is already torn down and
    // there is nobody left to answer.
  }
}
