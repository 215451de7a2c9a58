import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { StartedServer } from './contract-suite'

/** Serves a Node request listener (an Express app, `koaApp.callback()`) on 127.0.0.1, port 0. */
export async function listen(listener: RequestListener): Promise<StartedServer> {
  const server = createServer(listener)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
