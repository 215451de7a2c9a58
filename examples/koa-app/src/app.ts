// vetkit on Koa, the smallest host: an `instructors` table behind the go-live gate, vetkit mounted
// at /vetkit, three JSON routes of the host's own, the worker in-process and the fake Checkr
// delivering its webhooks over HTTP. The Express app (examples/express-app) is the full tour.
import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { bodyParser } from '@koa/bodyparser'
import Router from '@koa/router'
import Koa from 'koa'
import type { Knex } from 'knex'
import { createVetkit, type HttpActor, type Vetkit, type Worker } from '@vetkit/core'
import { createFakeProvider, httpDeliverer, type FakeTimings, type FakeWebhookDeliverer } from '@vetkit/core/fake'
import { createKnexStorage, isGoLiveRefusal } from '@vetkit/core/knex'
import { openPglite } from '@vetkit/core/pglite'
import { testSealer } from '@vetkit/core/testing'
import { vetkitMiddleware } from '@vetkit/koa'

export interface KoaAppConfig {
  /** PGlite data directory; null keeps the database in memory. */
  dataDir: string | null
  /** The fake Checkr's pace (default: the hosted flow takes 3 s, the report 10 s more). */
  timings?: Partial<FakeTimings>
  deliveryIntervalMs?: number
  workerPollMs?: number
  log?: (line: string) => void
}

export interface KoaApp {
  app: Koa
  vetkit: Vetkit
  knex: Knex
  listen(port: number, host?: string): Promise<{ url: string }>
  close(): Promise<void>
}

export async function createKoaApp(config: KoaAppConfig): Promise<KoaApp> {
  if (process.env.NODE_ENV === 'production') throw new Error('the Koa example uses a fake login and the public test keys: never run it in production')
  const log = config.log ?? ((line: string) => console.log(line))
  if (config.dataDir) await mkdir(config.dataDir, { recursive: true })
  const db = await openPglite(config.dataDir ? { dataDir: config.dataDir } : {})
  const { knex } = db

  if (!(await knex.schema.hasTable('instructors'))) {
    await knex.schema.createTable('instructors', (t) => {
      t.string('id', 64).primary()
      t.string('name', 200).notNullable()
      t.boolean('is_live').notNullable().defaultTo(false)
    })
  }
  const storage = createKnexStorage({ knex, sealer: testSealer(), goLiveGate: { table: 'instructors' } })
  await storage.migrate()
  await storage.installGoLiveGate()

  let deliver: FakeWebhookDeliverer | null = null
  const fake = createFakeProvider({
    clock: { now: () => new Date() },
    signingKey: 'koa-example-fake-checkr-key',
    seed: randomUUID(),
    timings: config.timings ?? { invitationCompleted: { seconds: 3 }, reportCompleted: { seconds: 10 } },
    deliver: (webhook) => (deliver ? deliver(webhook) : Promise.reject(new Error('not listening yet'))),
  })

  // FAKE LOGIN: the `X-Demo-User` header names the caller (`admin`, or an instructor id). Replace
  // it with your own session check: vetkit only needs `authenticate` to answer who is calling.
  async function authenticate(request: Request): Promise<HttpActor | null> {
    const id = request.headers.get('x-demo-user')
    if (id === 'admin') return { id, roles: ['admin'] }
    if (id && (await knex('instructors').where({ id }).first())) return { id, roles: ['instructor'], subjectId: id }
    return null
  }

  const vetkit = createVetkit({
    storage,
    provider: fake,
    environment: 'development',
    http: { basePath: '/vetkit', authenticate },
    worker: { pollIntervalMs: config.workerPollMs ?? 500 },
    onEvent: async (event) => {
      if (event.type === 'check.status_changed') log(`event    ${event.payload.subjectId}: ${event.payload.from} -> ${event.payload.to}`)
    },
  })

  const app = new Koa()
  // vetkit before the body parser; it needs the raw bytes of the webhooks.
  app.use(vetkitMiddleware(vetkit, { basePath: '/vetkit' }))
  app.use(bodyParser())

  const router = new Router()
  router.get('/', (ctx) => {
    ctx.body = {
      app: 'vetkit Koa example',
      try: [
        'POST /instructors {"id":"ada","name":"Ada Lovelace"}',
        'POST /vetkit/subjects/ada/consents with X-Demo-User: ada',
        'POST /vetkit/subjects/ada/invite with X-Demo-User: ada',
        'GET /vetkit/subjects/ada/status with X-Demo-User: ada',
        'POST /instructors/ada/go-live with X-Demo-User: ada',
      ],
    }
  })
  router.post('/instructors', async (ctx) => {
    const body = (ctx.request.body ?? {}) as { id?: unknown; name?: unknown }
    if (typeof body.id !== 'string' || !/^[a-z0-9-]{1,64}$/.test(body.id) || typeof body.name !== 'string' || body.name.trim() === '') {
      ctx.status = 422
      ctx.body = { code: 'invalid_input', detail: 'id (a-z, 0-9, -) and name are required' }
      return
    }
    await knex('instructors').insert({ id: body.id, name: body.name.trim(), is_live: false })
    ctx.status = 201
    ctx.body = { id: body.id, name: body.name.trim(), isLive: false }
  })
  router.get('/instructors/:id', async (ctx) => {
    const row = (await knex('instructors').where({ id: ctx.params.id }).first()) as { id: string; name: string; is_live: boolean } | undefined
    if (!row) {
      ctx.status = 404
      return
    }
    ctx.body = { id: row.id, name: row.name, isLive: row.is_live, check: await vetkit.api.getStatus(row.id) }
  })
  // The host's own SQL; the database's go-live gate has the last word.
  router.post('/instructors/:id/go-live', async (ctx) => {
    const id = String(ctx.params.id)
    const caller = ctx.get('x-demo-user')
    if (caller !== id && caller !== 'admin') {
      ctx.status = 403
      return
    }
    try {
      await knex.raw('UPDATE instructors SET is_live = true WHERE id = ?', [id])
      ctx.body = { id, isLive: true }
    } catch (error) {
      if (!isGoLiveRefusal(error)) throw error
      ctx.status = 409
      ctx.body = { code: 'go_live_refused', detail: (error as Error).message }
    }
  })
  app.use(router.routes()).use(router.allowedMethods())

  let server: Server | null = null
  let worker: Worker | null = null
  let timer: NodeJS.Timeout | null = null
  let delivering: Promise<unknown> | null = null

  return {
    app,
    vetkit,
    knex,
    async listen(port, host = '127.0.0.1') {
      const listening = createServer(app.callback())
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject)
        listening.listen(port, host, () => resolve())
      })
      server = listening
      const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`
      deliver = httpDeliverer(`${url}/vetkit/webhooks/fake`)
      timer = setInterval(() => {
        delivering ??= fake
          .deliverDue()
          .then((results) => results.forEach((r) => log(`webhook  ${r.type} -> ${r.status ?? 'error'}`)))
          .catch((error: unknown) => log(`webhook  delivery failed: ${String(error)}`))
          .finally(() => {
            delivering = null
          })
      }, config.deliveryIntervalMs ?? 1000)
      worker = vetkit.createWorker()
      worker.start()
      return { url }
    },
    async close() {
      if (timer) clearInterval(timer)
      await delivering
      await worker?.stop()
      if (server) {
        const closing = server
        await new Promise<void>((resolve) => {
          closing.close(() => resolve())
          closing.closeAllConnections()
        })
      }
      await db.close()
    },
  }
}
