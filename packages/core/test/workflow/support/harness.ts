import type { Knex } from 'knex'
import { manualClock, type ManualClock } from '../../../src/domain/clock'
import type { PolicyInput } from '../../../src/domain/policy'
import type { HostEvent } from '../../../src/pipelines/engine-context'
import { createFakeProvider, type FakeProvider, type FakeProviderOptions, type FakeScenario } from '../../../src/providers/fake'
import type { MetricsPort } from '../../../src/metrics/metrics-port'
import type { KnexStorage } from '../../../src/storage/knex'
import { memoryMailer, type MemoryMailer } from '../../../src/mail/memory-mailer'
import { createSimulation } from '../../../src/testing/simulation'
import { createVetkit, type Vetkit, type VetkitOptions } from '../../../src/vetkit/create-vetkit'
import type { TestDb } from '../../storage/support/backends'

export const SIGNING_KEY = 'fake-webhook-signing-key'
export const AUTHORIZATION_TEXT = 'I authorize Example Marketplace to obtain a consumer report about me.'

export interface Harness {
  db: TestDb
  storage: KnexStorage
  clock: ManualClock
  fake: FakeProvider
  vetkit: Vetkit
  worker: ReturnType<Vetkit['createWorker']>
  /** Host events handed to `onEvent`, in delivery order. */
  events: HostEvent[]
  /** Every email sent, rendered. */
  mailer: MemoryMailer
  /** The host's own gated table, e.g. `t3_instructors`. */
  hostTable: string
  /** Delivers due webhooks and runs due jobs (including the sweep) until quiet. */
  settle(): Promise<void>
  /** Moves the clock forward in steps (hours while short, days beyond), settling at each step. */
  advance(by: { days?: number; hours?: number }): Promise<void>
  /** Creates a subject with consent and a host row, optionally choosing the fake scenario. */
  enrol(subjectId: string, scenario?: FakeScenario): Promise<void>
  isLive(subjectId: string): Promise<boolean>
  /** The host's event handler throws on its next `n` calls. */
  failNextEvents(n: number): void
  /** Raw SQL, as a host (or an attacker with DB access) would run it. */
  setLiveRaw(subjectId: string, live: boolean): Promise<void>
}

export async function createHarness(
  db: TestDb,
  options: { policy?: PolicyInput; start?: Date; http?: VetkitOptions['http']; fake?: Pick<FakeProviderOptions, 'includeObject' | 'timings'>; metrics?: (storage: KnexStorage, clock: ManualClock) => MetricsPort } = {},
): Promise<Harness> {
  // The gate compares against the database clock: start the manual clock at the real time.
  const clock = manualClock(options.start ?? new Date(Math.floor(Date.now() / 1000) * 1000))
  const probe = await db.freshStorage()
  const hostTable = `${probe.tables.prefix}instructors`
  const storage = await db.freshStorage({ goLiveGate: { table: hostTable, ...(db.hostSchema ? { schema: db.hostSchema } : {}) } })
  const hostRef = db.hostSchema ? `${db.hostSchema}.${hostTable}` : hostTable
  const schema: Knex.SchemaBuilder = db.hostSchema ? db.knex.schema.withSchema(db.hostSchema) : db.knex.schema
  await schema.createTable(hostTable, (t) => {
    t.string('id', 191).primary()
    t.boolean('is_live').notNullable().defaultTo(false)
  })
  await storage.installGoLiveGate()

  const events: HostEvent[] = []
  const mailer = memoryMailer()
  let eventFailures = 0
  let vetkit: Vetkit | null = null
  const fake = createFakeProvider({
    ...options.fake,
    clock,
    signingKey: SIGNING_KEY,
    deliver: async (webhook) => {
      if (!vetkit) throw new Error('vetkit is not built yet')
      return { status: (await vetkit.webhooks.receive(webhook)).status }
    },
  })
  vetkit = createVetkit({
    storage,
    provider: fake,
    clock,
    environment: 'test',
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.http ? { http: options.http } : {}),
    ...(options.metrics ? { metrics: options.metrics(storage, clock) } : {}),
    onEvent: async (event) => {
      if (eventFailures > 0) {
        eventFailures--
        throw new Error('the host is down')
      }
      events.push(event)
    },
    email: {
      mailer,
      from: '"Example Trust & Safety" <trust@example.test>',
      branding: { productName: 'Example Marketplace', supportEmail: 'support@example.test', links: { status: 'https://example.test/status' } },
    },
  })
  const built = vetkit
  const worker = built.createWorker({ batchSize: 50 })

  const simulation = createSimulation({ clock, fake, jobs: storage.jobs, worker })

  return {
    db,
    storage,
    clock,
    fake,
    vetkit: built,
    worker,
    events,
    mailer,
    hostTable,
    settle: simulation.settle,
    advance: (by) => simulation.advance(by),
    async enrol(subjectId, scenario) {
      if (scenario) fake.setScenario(subjectId, scenario)
      await db.knex(hostRef).insert({ id: subjectId, is_live: false })
      await built.api.recordConsent({
        subjectId,
        email: `${subjectId}@example.test`,
        displayName: `Worker ${subjectId}`,
        disclosureVersion: '1',
        authorizationText: AUTHORIZATION_TEXT,
        signatureName: `Worker ${subjectId}`,
        ip: '203.0.113.7',
        userAgent: 'vitest',
      })
    },
    failNextEvents(n) {
      eventFailures = n
    },
    async isLive(subjectId) {
      const row = (await db.knex(hostRef).where({ id: subjectId }).first()) as { is_live: unknown } | undefined
      return row !== undefined && (row.is_live === true || Number(row.is_live) === 1)
    },
    async setLiveRaw(subjectId, live) {
      await db.knex(hostRef).where({ id: subjectId }).update({ is_live: live })
    },
  }
}

/** The simulator's webhooks about one check (matched on its candidate), oldest first. */
export function streamOf(h: Harness, candidateId: string | null) {
  return h.fake.webhooksFor().filter((w) => {
    const object = (JSON.parse(w.body) as { data: { object: { id: string; candidate_id?: string } } }).data.object
    return object.candidate_id === candidateId || object.id === candidateId
  })
}
