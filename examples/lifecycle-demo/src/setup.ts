// Wiring, as a host app would do it: a database with the host's own table, vetkit's storage and
// go-live gate on it, the fake Checkr, a mailer, and the engine with its worker. Only the public
// entry points of @vetkit/core are used.
import { createVetkit, memoryMailer, type HostEvent, type ManualClock, type MemoryMailer, type Vetkit, type Worker } from '@vetkit/core'
import type { SentEmail } from '@vetkit/core/mail'
import { createFakeProvider, type FakeDeliveryResult, type FakeProvider } from '@vetkit/core/fake'
import { createKnexStorage, type KnexStorage } from '@vetkit/core/knex'
import { openPglite } from '@vetkit/core/pglite'
import { createSimulation, testSealer } from '@vetkit/core/testing'

export interface DemoHooks {
  /** Each host event, as the engine's outbox hands it to `onEvent`. */
  onEvent(event: HostEvent): void
  /** The webhooks the fake Checkr delivered in one round. */
  onWebhooks(results: FakeDeliveryResult[]): void
  /** Emails the mailer sent since the last report. */
  onEmails(sent: readonly SentEmail[]): void
}

/** The demo's world, named so the host's own types stay readable. */
export interface Demo {
  storage: KnexStorage
  /** The migrations `migrate()` applied. */
  migrations: string[]
  fake: FakeProvider
  mailer: MemoryMailer
  vetkit: Vetkit
  worker: Worker
  host: {
    addInstructor(id: string): Promise<unknown>
    setLive(id: string): Promise<unknown>
    isLive(id: string): Promise<boolean>
  }
  settle(): Promise<void>
  advance(by: { days?: number; hours?: number }): Promise<void>
  close(): Promise<void>
}

export async function setUp(clock: ManualClock, hooks: DemoHooks): Promise<Demo> {
  // Embedded PostgreSQL, in memory: no server, real triggers.
  const db = await openPglite()
  await db.knex.schema.createTable('instructors', (t) => {
    t.string('id').primary()
    t.boolean('is_live').notNullable().defaultTo(false)
  })
  const storage = createKnexStorage({ knex: db.knex, sealer: testSealer(), goLiveGate: { table: 'instructors' } })
  const { applied } = await storage.migrate()
  await storage.installGoLiveGate()

  const mailer = memoryMailer()
  // The fake delivers its signed webhooks to vetkit's intake, as Checkr would over HTTP.
  let vetkit: Vetkit | null = null
  const fake = createFakeProvider({
    clock,
    signingKey: 'demo-webhook-signing-key',
    deliver: async (webhook) => {
      if (!vetkit) throw new Error('vetkit is not built yet')
      return { status: (await vetkit.webhooks.receive(webhook)).status }
    },
  })
  vetkit = createVetkit({
    storage,
    provider: fake,
    clock,
    environment: 'development',
    email: {
      mailer,
      from: '"Example Trust & Safety" <trust@example.test>',
      branding: { productName: 'Example Marketplace', supportEmail: 'support@example.test', links: { status: 'https://example.test/status' } },
    },
    onEvent: async (event) => hooks.onEvent(event),
  })
  const engine = vetkit
  const worker = engine.createWorker()

  let emailsReported = 0
  // The host's background loop and Checkr's timeline, on the manual clock: each round reports the
  // webhooks delivered and the emails sent, for the timeline.
  const simulation = createSimulation({
    clock,
    fake,
    jobs: storage.jobs,
    worker,
    onRound: ({ delivered }) => {
      if (delivered.length > 0) hooks.onWebhooks(delivered)
      hooks.onEmails(mailer.sent.slice(emailsReported))
      emailsReported = mailer.sent.length
    },
  })
  const { settle } = simulation
  /** Moves the clock forward, stopping at each moment a webhook or a job is due (instead of waiting). */
  const advance = (by: { days?: number; hours?: number }) => simulation.advance(by)

  /** The host's own SQL on its own table; the go-live gate checks every write inside the database. */
  const host = {
    addInstructor: (id: string) => db.knex('instructors').insert({ id, is_live: false }),
    setLive: (id: string) => db.knex.raw('UPDATE instructors SET is_live = true WHERE id = ?', [id]),
    async isLive(id: string): Promise<boolean> {
      const row = (await db.knex('instructors').where({ id }).first()) as { is_live: boolean } | undefined
      return row?.is_live === true
    },
  }

  return { storage, migrations: applied, fake, mailer, vetkit: engine, worker, host, settle, advance, close: () => db.close() }
}
