import type { StartedServer } from './contract-suite'

/** What the echo handler saw of one request. */
export interface Seen {
  method: string
  url: string
  headers: Record<string, string>
  remoteAddress: string | undefined
  body: Uint8Array
}

/**
 * A stand-in for vetkit that records each Fetch request it is handed and answers with `respond`
 * (default: 200 and a JSON echo), to test the Node <-> Fetch conversion itself.
 */
export function echoVetkit(respond?: (seen: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = []
  return {
    seen,
    webhookPath: '/webhooks/fake',
    async handler(request: Request, context: { remoteAddress?: string } = {}): Promise<Response> {
      const entry: Seen = {
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers),
        remoteAddress: context.remoteAddress,
        body: new Uint8Array(await request.arrayBuffer()),
      }
      seen.push(entry)
      if (respond) return respond(entry)
      return Response.json({ ...entry, body: new TextDecoder().decode(entry.body) })
    },
  }
}

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/**
 * A request with header lines exactly as given (repeats included) and the path sent byte for byte
 * (dot segments, backslashes, any method), which fetch cannot send.
 */
export async function rawRequest(server: StartedServer, method: string, path: string, headers: [string, string][], body?: Buffer): Promise<RawResponse> {
  const { request } = await import('node:http')
  const base = new URL(server.baseUrl)
  return new Promise((resolve, reject) => {
    const withHost: [string, string][] = headers.some(([name]) => name.toLowerCase() === 'host') ? headers : [['Host', base.host], ...headers]
    const req = request({ host: base.hostname, port: base.port, method, path, headers: withHost.flat() }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}
