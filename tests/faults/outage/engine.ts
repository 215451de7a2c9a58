import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createVetkit, manualClock, memoryMailer, type ManualClock, type Vetkit, type Worker } from '@vetkit/core'
import { createFakeProvider, type FakeProvider, type FakeWebhookDeliverer } from '@vetkit/core/fake'
import { createKnexStorage, type KnexStorage } from '@vetkit/core/knex'
import { testSealer } from '@vetkit/core/testing'
import { vetkitRouter } from '../../../packages/express-adapter/src'
import { express, knexFactory, type Knex } from './modules'

export const SIGNING_KEY = 'outage-webhook-signing-key'
export const ADMIN_TOKEN = 'outage-admin-token'
export const MOUNT = '/vetkit'
export const AUTHORIZATION_TEXT = 'I authorize Example Marketplace to obtain a consumer report about me.'

/**
 * The manual clock runs about 600 times faster than real time while the test drives it (one
 * minute per 100 ms tick), so leases are scaled the same way: 30 s of real work is 30 minutes.
 */
export const LEASE_MS = 30 * 60_000

export interface LogLine {
  level: 'info' | 'warn' | 'error'
  message: string
  fields: Record<string, unknown> | undefined
  /** performance.now() when it was logged. */
  at: number
}

export interface OutageEngine {
  knex: Knex
  storage: KnexStorage
  vetkit: Vetkit
  fake: FakeProvider
  clock: ManualClock
  worker: Worker
  logs: LogLine[]
  /** `http://127.0.0.1:{port}`. */
  origin: string
  /** Where the fake provider POSTs webhooks. */
  webhookUrl: string
  /** The fake's deliverer: set by the load generator, which records every answer. */
  setDeliverer(deliver: FakeWebhookDeliverer): void
  /**
   * Holds the next invitation the provider creates on its way back to vetkit (as a slow Checkr
   * response would be), so the database can be crashed while an invite is at the provider.
   * `reached` resolves once the provider has created it; `release` lets the answer through.
   */
  holdNextInvitation(): { reached: Promise<void>; release(): void }
  /** Stops the worker, closes the server and the pool; each step runs even if another fails. */
  close(): Promise<void>
}

/**
 * A whole engine on the throwaway cluster: knex `pg` with small timeouts (an outage answers in
 * about two seconds at most), migrated storage, the fake provider on a manual clock, a real
 * Express app on 127.0.0.1 (port 0) with vetkit mounted, a polling worker, and a logger that
 * records every line.
 */
export async function createOutageEngine(url: string): Promise<OutageEngine> {
  const quiet = { warn: () => undefined, error: () => undefined, debug: () => undefined, deprecate: () => undefined }
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: url, connectionTimeoutMillis: 2_000 },
    pool: { min: 0, max: 10 },
    acquireConnectionTimeout: 2_000,
    log: quiet,
  })
  const storage = createKnexStorage({ knex, sealer: testSealer(), tablePrefix: 'vk_' })
  await storage.migrate()

  const logs: LogLine[] = []
  const record = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) => {
    logs.push({ level, message, fields, at: performance.now() })
  }
  const clock = manualClock(new Date(Math.floor(Date.now() / 1000) * 1000))
  let deliverer: FakeWebhookDeliverer | null = null
  const fake = createFakeProvider({
    clock,
    signingKey: SIGNING_KEY,
    // Minutes instead of days, so whole lifecycles play out while the clock is driven.
    timings: { invitationCompleted: { minutes: 5 }, reportCompleted: { minutes: 30 }, reportSuspended: { minutes: 10 }, reportResumed: { minutes: 10 } },
    deliver: (webhook) => {
      if (!deliverer) throw new Error('no deliverer set')
      return deliverer(webhook)
    },
  })
  let hold: { reach: () => void; released: Promise<void> } | null = null
  const createInvitation = fake.createInvitation.bind(fake)
  fake.createInvitation = async (input) => {
    const invitation = await createInvitation(input)
    const held = hold
    if (held) {
      hold = null
      held.reach()
      await held.released
    }
    return invitation
  }

  const vetkit = createVetkit({
    storage,
    provider: fake,
    clock,
    environment: 'test',
    logger: { info: record('info'), warn: record('warn'), error: record('error') },
    email: {
      mailer: memoryMailer(),
      from: '"Example Trust & Safety" <trust@example.test>',
      branding: { productName: 'Example Marketplace', supportEmail: 'support@example.test', links: { status: 'https://example.test/status' } },
    },
    http: {
      basePath: MOUNT,
      // The load varies X-Forwarded-For per call, as many clients behind a proxy would.
      trustProxy: ['loopback'],
      authenticate: (request) => (request.headers.get('authorization') === `Bearer ${ADMIN_TOKEN}` ? { id: 'admin-1', roles: ['admin'] } : null),
    },
  })

  const app = express()
  app.use(MOUNT, vetkitRouter(vetkit))
  const server = createServer(app)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const worker = vetkit.createWorker({ pollIntervalMs: 200, leaseMs: LEASE_MS })
  worker.start()

  return {
    knex,
    storage,
    vetkit,
    fake,
    clock,
    worker,
    logs,
    origin,
    webhookUrl: `${origin}${MOUNT}/webhooks/fake`,
    setDeliverer: (deliver) => {
      deliverer = deliver
    },
    holdNextInvitation() {
      let reach: () => void = () => undefined
      let release: () => void = () => undefined
      const reached = new Promise<void>((resolve) => {
        reach = resolve
      })
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      hold = { reach, released }
      return { reached, release }
    },
    async close() {
      const failures: unknown[] = []
      await worker.stop().catch((error: unknown) => failures.push(error))
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await knex.destroy().catch((error: unknown) => failures.push(error))
      if (failures.length > 0) throw new AggregateError(failures, 'closing the outage engine failed')
    },
  }
}
