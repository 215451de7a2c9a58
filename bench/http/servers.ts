/**
 * The four servers: vetkit mounted with each adapter as the READMEs show, and a bare handler on the
 * same framework as each one's baseline. Each is a real `node:http` server on 127.0.0.1, port 0.
 */
import { createServer, type IncomingMessage, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Vetkit } from '@vetkit/core'
import { vetkitRouter } from '@vetkit/express'
import { vetkitMiddleware } from '@vetkit/koa'
import { expressFactory, KoaClass, type ExpressErrorHandler } from './deps'

/** Where vetkit is mounted (`createVetkit({ http: { basePath } })` says the same). */
export const BASE_PATH = '/vetkit'
/** The webhook route of the fake provider (Checkr's format and signature): `/vetkit/webhooks/fake`. */
export const webhookPath = (providerName: string): string => `${BASE_PATH}/webhooks/${providerName}`

export interface RunningServer {
  /** `http://127.0.0.1:{port}` */
  origin: string
  /** Errors a server reported (Express's `next(error)`, Koa's `error` event) rather than threw at a client. */
  readonly errors: string[]
  close(): Promise<void>
}

async function listen(listener: RequestListener, errors: string[]): Promise<RunningServer> {
  const server = createServer(listener)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  let closed = false
  return {
    origin: `http://127.0.0.1:${port}`,
    errors,
    close: () => {
      if (closed) return Promise.resolve()
      closed = true
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
    },
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** An Express app as @vetkit/express's README mounts it: the router first, the app's own parsers after. */
export function expressVetkit(vetkit: Vetkit): Promise<RunningServer> {
  const errors: string[] = []
  const app = expressFactory()
  app.use(BASE_PATH, vetkitRouter(vetkit))
  app.use(expressFactory.json())
  const onError: ExpressErrorHandler = (error, _req, res, _next) => {
    errors.push(message(error))
    res.status(500).end()
  }
  app.use(onError)
  return listen(app, errors)
}

/** Express with one bare route: read the body, run `intake`, answer 200 `{"ok":true}`. */
export function expressBaseline(path: string, intake: (rawBody: Buffer) => Promise<void>): Promise<RunningServer> {
  const errors: string[] = []
  const app = expressFactory()
  app.post(path, (req, res) => {
    readBody(req)
      .then(intake)
      .then(
        () => {
          res.status(200).json({ ok: true })
        },
        (error: unknown) => {
          errors.push(message(error))
          res.status(500).end()
        },
      )
  })
  return listen(app, errors)
}

/** A Koa app as @vetkit/koa's README mounts it: the middleware with its prefix. */
export function koaVetkit(vetkit: Vetkit): Promise<RunningServer> {
  const errors: string[] = []
  const app = new KoaClass()
  app.silent = true
  app.on('error', (error: unknown) => errors.push(message(error)))
  app.use(vetkitMiddleware(vetkit, { basePath: BASE_PATH }))
  return listen(app.callback(), errors)
}

/** Koa with one bare middleware: read the body, run `intake`, answer 200 `{"ok":true}`. */
export function koaBaseline(path: string, intake: (rawBody: Buffer) => Promise<void>): Promise<RunningServer> {
  const errors: string[] = []
  const app = new KoaClass()
  app.silent = true
  app.on('error', (error: unknown) => errors.push(message(error)))
  app.use(async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== path) {
      await next()
      return
    }
    await intake(await readBody(ctx.req))
    ctx.body = { ok: true }
  })
  return listen(app.callback(), errors)
}
