// The reference marketplace on Express: its own `instructors` table behind vetkit's go-live gate,
// vetkit mounted at /vetkit, a page per instructor, an admin area, the worker in-process and, by
// default, the fake Checkr delivering its webhooks to the app over HTTP.
//
//   const host = await createApp(configFromEnv())   // database, vetkit, seed data, routes
//   const { url } = await host.listen()              // serves; starts the worker and the fake's deliveries
//   await host.close()
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express, { type Express } from 'express'
import type { Knex } from 'knex'
import type { Vetkit, Worker } from '@vetkit/core'
import { httpDeliverer } from '@vetkit/core/fake'
import { metricsEndpoint } from '@vetkit/core/metrics'
import { vetkitRouter } from '@vetkit/express'
import { demoAuth } from './auth'
import { switchableClock } from './clock'
import type { AppConfig } from './config'
import { migrateHostSchema, openDatabase } from './database'
import { createEngine, VETKIT_BASE_PATH, type Engine } from './engine'
import { instructorStore, type InstructorStore } from './instructors'
import { hostRoutes } from './routes'
import { seed } from './seed'

export interface App {
  /** The Express application (vetkit mounted at /vetkit), e.g. for supertest-style tests. */
  app: Express
  vetkit: Vetkit
  engine: Engine
  /** The host's database: its own tables and vetkit's. */
  knex: Knex
  instructors: InstructorStore
  /** True when this start seeded an empty database. */
  seeded: boolean
  /** Where the data lives, for the start-up banner. */
  database: string
  /** Serves on `port` (0: any free port); starts the worker and the fake Checkr's deliveries. */
  listen(port?: number, host?: string): Promise<{ url: string; localUrl: string; port: number }>
  /** Stops serving, the deliveries and the worker, and closes the database. */
  close(): Promise<void>
}

export async function createApp(config: AppConfig): Promise<App> {
  if (config.production && !config.allowDemoLoginInProduction) {
    throw new Error('NODE_ENV=production: the demo login (?as=) is not authentication. Wire your own sessions into authenticate (src/auth.ts), or set ALLOW_DEMO_LOGIN=true for a throwaway demo.')
  }
  let muted = false
  const log = (line: string) => {
    if (!muted) config.log(line)
  }
  let publicUrl = (config.publicUrl ?? `http://localhost:${config.port || 3000}`).replace(/\/+$/, '')

  const db = await openDatabase(config.database)
  const clock = switchableClock()
  try {
    await migrateHostSchema(db.knex)
    const instructors = instructorStore(db.knex)
    const auth = demoAuth(instructors)
    const engine = await createEngine({ config: { ...config, log }, knex: db.knex, clock, publicUrl: () => publicUrl, authenticate: auth.authenticate })
    const { vetkit } = engine

    // First start on an empty database (fake provider only): an instructor in every status.
    const seeded = config.seed && engine.fake && (await instructors.count()) === 0
    if (seeded) {
      muted = true
      try {
        await seed({ engine, instructors, clock })
      } finally {
        muted = false
      }
    }

    const app = express()
    app.disable('x-powered-by')

    // The metrics endpoint: Basic auth (credentials printed at start), loopback and private networks only.
    const metrics = metricsEndpoint({
      registry: engine.registry,
      environment: config.production ? 'production' : 'development',
      basicAuth: { username: config.metrics.username, password: config.metrics.password },
    })
    app.use(vetkitRouter(metrics, { basePath: metrics.path }))

    // vetkit first, before any body parser: it reads the raw bytes itself (webhook signatures).
    app.use(VETKIT_BASE_PATH, vetkitRouter(vetkit))

    app.use(hostRoutes({ vetkit, engine, instructors, auth, clock, log }))

    let server: Server | null = null
    let worker: Worker | null = null
    let deliveries: NodeJS.Timeout | null = null
    let delivering: Promise<void> | null = null

    return {
      app,
      vetkit,
      engine,
      knex: db.knex,
      instructors,
      seeded: Boolean(seeded),
      database: db.description,

      async listen(port = config.port, host = config.host): Promise<{ url: string; localUrl: string; port: number }> {
        const listening = createServer(app)
        await new Promise<void>((resolve, reject) => {
          listening.once('error', reject)
          listening.listen(port, host, () => resolve())
        })
        server = listening
        const bound = (listening.address() as AddressInfo).port
        const localUrl = `http://${loopbackFor(host)}:${bound}`
        if (!config.publicUrl) publicUrl = `http://localhost:${bound}`

        const fake = engine.fake
        if (fake) {
          // The fake Checkr POSTs its signed webhooks to the app's own webhook route, as Checkr would.
          engine.setFakeDeliverer(httpDeliverer(`${localUrl}${VETKIT_BASE_PATH}/webhooks/${fake.name}`))
          const deliverDue = async () => {
            for (const r of await fake.deliverDue()) {
              log(`webhook   fake Checkr -> POST ${VETKIT_BASE_PATH}/webhooks/${fake.name} ${r.type}: ${r.status ?? r.error?.message ?? 'error'}`)
            }
          }
          deliveries = setInterval(() => {
            delivering ??= deliverDue()
              .catch((error: unknown) => log(`webhook   delivery failed: ${error instanceof Error ? error.message : String(error)}`))
              .finally(() => {
                delivering = null
              })
          }, config.deliveryIntervalMs)
        }
        worker = vetkit.createWorker()
        worker.start()
        return { url: publicUrl, localUrl, port: bound }
      },

      async close(): Promise<void> {
        if (deliveries) clearInterval(deliveries)
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
  } catch (error) {
    await db.close()
    throw error
  }
}


/** An address this process can reach its own server at, whatever it is bound to. */
function loopbackFor(host: string): string {
  if (host === '' || host === '0.0.0.0' || host === '::' || host === 'localhost') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}
