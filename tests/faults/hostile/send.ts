import { Agent, request } from 'node:http'

/** One request exactly as it goes on the wire: any method, the path byte for byte, repeated headers. */
export interface WireRequest {
  method: string
  path: string
  headers: [string, string][]
  body?: Buffer
}

export type WireResult =
  | { ok: true; status: number; headers: Record<string, string | string[] | undefined>; body: string; bodyBytes: number }
  | { ok: false; error: string }

/** Bodies are kept up to this for inspection; the rest is counted and dropped (memory stays flat). */
const KEEP_BYTES = 64 * 1024

/**
 * A raw HTTP/1.1 client for one server: keep-alive sockets, at most `maxSockets` at once. A request
 * that gets no complete answer (reset, timeout) resolves as `{ ok: false }`: lost.
 */
export function createSender(baseUrl: string, options: { maxSockets: number; timeoutMs: number }) {
  const base = new URL(baseUrl)
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets })
  return {
    send(wire: WireRequest): Promise<WireResult> {
      return new Promise((resolve) => {
        let settled = false
        const finish = (result: WireResult) => {
          if (settled) return
          settled = true
          resolve(result)
        }
        const has = (header: string) => wire.headers.some(([name]) => name.toLowerCase() === header)
        const headers: [string, string][] = has('host') ? [...wire.headers] : [['Host', base.host], ...wire.headers]
        // Node frames a body of GET, DELETE, OPTIONS... only when told its length: without it the
        // bytes would reach the server as a second, garbage request.
        if (wire.body !== undefined && !has('content-length') && !has('transfer-encoding')) headers.push(['Content-Length', String(wire.body.byteLength)])
        let req: ReturnType<typeof request>
        try {
          req = request({ host: base.hostname, port: base.port, method: wire.method, path: wire.path, headers: headers.flat(), agent }, (res) => {
            const chunks: Buffer[] = []
            let kept = 0
            let total = 0
            res.on('data', (chunk: Buffer) => {
              total += chunk.byteLength
              if (kept < KEEP_BYTES) {
                chunks.push(chunk)
                kept += chunk.byteLength
              }
            })
            res.on('end', () => finish({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), bodyBytes: total }))
            res.on('error', (error) => finish({ ok: false, error: `response: ${error.message}` }))
            res.on('aborted', () => finish({ ok: false, error: 'response aborted' }))
          })
        } catch (error) {
          // The client itself refused to send it (an invalid header, say): a bug in the generator.
          finish({ ok: false, error: `not sent: ${error instanceof Error ? error.message : String(error)}` })
          return
        }
        req.setTimeout(options.timeoutMs, () => {
          finish({ ok: false, error: `no answer in ${options.timeoutMs} ms` })
          req.destroy()
        })
        // Once answered, a reset while the rest of a refused upload is still being written is expected.
        req.on('error', (error) => finish({ ok: false, error: `request: ${error.message}` }))
        req.end(wire.body)
      })
    },
    close(): void {
      agent.destroy()
    },
  }
}

/** Runs `task(i)` for i in [0, total) with at most `concurrency` in flight. */
export async function pool(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0
  const workers = Array.from({ length: Math.min(concurrency, total) }, async () => {
    while (next < total) {
      const i = next++
      await task(i)
    }
  })
  await Promise.all(workers)
}
