import { createRequire } from 'node:module'
import type { RequestListener } from 'node:http'
import type { Vetkit } from '@vetkit/core'
import { vetkitRouter } from '../../../packages/express-adapter/src'
import { vetkitMiddleware } from '../../../packages/koa-adapter/src'
import type { StartedServer } from '../../http-contract/contract-suite'
import { listen } from '../../http-contract/listen'

// Express and Koa are the adapters' dev dependencies, not the root's: load them from there. Only
// the few members used here are typed.
interface HostResponse {
  status(code: number): HostResponse
  type(type: string): HostResponse
  send(body: string): void
}
interface ExpressApp extends RequestListener {
  use(path: string, handler: unknown): void
  get(path: string, handler: (req: unknown, res: HostResponse) => void): void
}
interface KoaApp {
  silent: boolean
  use(middleware: unknown): void
  callback(): RequestListener
}
const express = createRequire(new URL('../../../packages/express-adapter/package.json', import.meta.url))('express') as (() => ExpressApp) & {
  json(): unknown
}
const Koa = createRequire(new URL('../../../packages/koa-adapter/package.json', import.meta.url))('koa') as new () => KoaApp

/**
 * A real Express app: vetkit mounted at `mountPath` before the host's JSON parser, a host route
 * beside it, and the host's own error handler last. Without that handler, Express's default one
 * would print stacks (in development) for the host's routes, e.g. a malformed body sent outside
 * the mount reaching `express.json()`: the host's page, not vetkit's, which never calls `next(err)`.
 */
export function startExpress(vetkit: Vetkit, mountPath: string): Promise<StartedServer> {
  const app = express()
  app.get('/host/ping', (_req, res) => {
    res.type('text/plain').send('pong')
  })
  app.use(mountPath, vetkitRouter(vetkit))
  app.use('/', express.json())
  app.use('/', (error: { status?: unknown }, _req: unknown, res: HostResponse, _next: unknown) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 600 ? error.status : 500
    res.status(status).type('text/plain').send('host error')
  })
  return listen(app)
}

/** A real Koa app: vetkit's middleware with its prefix, nothing else. */
export function startKoa(vetkit: Vetkit, mountPath: string): Promise<StartedServer> {
  const app = new Koa()
  app.silent = true
  app.use(vetkitMiddleware(vetkit, { basePath: mountPath }))
  return listen(app.callback())
}
