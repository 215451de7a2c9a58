import type { IncomingMessage } from 'node:http'

const HIGH_WATER_MARK = 64 * 1024

/**
 * The request body as a Fetch stream, pulled with back-pressure: the socket is paused while the
 * reader (vetkit's size-limited body reader) is not asking for more, so nothing is buffered beyond
 * one window. When the reader gives up early (body too large), `onAbandon` runs: the rest of the
 * body is never read, so the connection must not be reused.
 */
export function nodeBodyStream(req: IncomingMessage, onAbandon: () => void): ReadableStream<Uint8Array> {
  let detach: () => void = () => undefined
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const onData = (chunk: Buffer | string) => {
          controller.enqueue(typeof chunk === 'string' ? new Uint8Array(Buffer.from(chunk, 'utf8')) : new Uint8Array(chunk))
          if ((controller.desiredSize ?? 0) <= 0) req.pause()
        }
        const onEnd = () => {
          detach()
          controller.close()
        }
        const onError = (error: Error) => {
          detach()
          controller.error(error)
        }
        const onClose = () => {
          if (!req.readableEnded) onError(new Error('the client closed the connection before the body was complete'))
        }
        req.on('data', onData)
        req.once('end', onEnd)
        req.once('error', onError)
        req.once('close', onClose)
        detach = () => {
          req.off('data', onData)
          req.off('end', onEnd)
          req.off('error', onError)
          req.off('close', onClose)
        }
        req.pause()
      },
      pull() {
        req.resume()
      },
      cancel() {
        detach()
        req.pause()
        onAbandon()
      },
    },
    { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
  )
}
