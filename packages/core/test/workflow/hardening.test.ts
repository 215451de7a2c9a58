import knexFactory from 'knex'
import { beforeAll, expect, it } from 'vitest'
import { systemClock } from '../../src/domain/clock'
import { createFakeProvider } from '../../src/providers/fake'
import { signCheckrPayload } from '../../src/providers/checkr/webhook-signature'
import { createKnexStorage } from '../../src/storage/knex'
import { TABLES } from '../../src/storage/knex/table-names'
import { testSealer } from '../../src/testing'
import { createVetkit } from '../../src/vetkit/create-vetkit'
import { describeEachBackend } from '../storage/support/backends'
import { createHarness, SIGNING_KEY, type Harness } from './support/harness'

/**
 * Defects found by attacking the engine, each kept as a test: provider ids in clear at rest,
 * finished jobs never removed, poison webhooks answered 500, unsigned POSTs growing the ledger,
 * provider refusals leaking as 502s with the provider's text, outages looking like bugs, and a
 * dead worker's jobs waiting out a long lease.
 */
const ADMIN = { kind: 'admin' as const, id: 'admin-1' }
const DAY = 86_400_000

const signed = (value: unknown) => {
  const rawBody = new TextEncoder().encode(JSON.stringify(value))
  return { headers: new Headers({ 'content-type': 'application/json', 'x-checkr-signature': signCheckrPayload(rawBody, SIGNING_KEY) }), rawBody }
}
const webhookRequest = (body: Uint8Array, headers: Record<string, string>) =>
  new Request('http://host/webhooks/fake', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })

async function everyTableAsText(h: Harness): Promise<string> {
  const dumps = await Promise.all(TABLES.map(async (table) => JSON.stringify(await h.db.knex(h.storage.tables.ref(table)).select())))
  return dumps.join('\n')
}

describeEachBackend('hardening', (db) => {
  let h: Harness
  let provider: Harness
  beforeAll(async () => {
    h = await createHarness(db(), { http: { authenticate: () => ({ id: 'admin-1', roles: ['admin'] }) } })
    provider = await createHarness(db(), { policy: { adverseAction: { mode: 'provider' } } })
  }, 60_000)

  it('no provider id is stored in clear in any table after whole lifecycles (jobs hold the ledger id only)', async () => {
    await provider.enrol('z-clear', 'clear')
    await provider.enrol('z-consider', 'consider')
    const a = (await provider.vetkit.api.invite({ subjectId: 'z-clear', ip: null })).check
    const b = (await provider.vetkit.api.invite({ subjectId: 'z-consider', ip: null })).check
    await provider.advance({ days: 3 })
    const items = await provider.vetkit.api.listAdverseItems(b.id)
    await provider.vetkit.api.startAdverseAction({ checkId: b.id, actor: ADMIN, adverseItemIds: [items[0]!.id] })
    await provider.advance({ days: 10 })

    const checks = await Promise.all([a.id, b.id].map(async (id) => (await provider.storage.checks.get(id))!))
    expect(checks.map((c) => c.state.status)).toEqual(['passed', 'failed'])
    expect(checks[1]!.providerAdverseActionId).toEqual(expect.any(String))
    const ids = checks.flatMap((c) => [c.candidateId, c.invitationId, c.state.reportId, c.providerAdverseActionId, c.invitationUrl]).filter((id) => id !== null)
    expect(ids).toHaveLength(9)
    const everything = await everyTableAsText(provider)
    for (const id of ids) expect(everything, 'a provider id in clear').not.toContain(id as string)

    const jobs = (await provider.db.knex(provider.storage.tables.ref('jobs')).where({ type: 'webhook.process' }).select('payload', 'ref_id')) as { payload: string; ref_id: string }[]
    expect(jobs.length).toBeGreaterThan(0)
    // A reference to the ledger row, nothing else.
    expect(jobs.every((job) => job.payload === '{}' && /^\d+$/.test(job.ref_id))).toBe(true)
  })

  it('prunes completed jobs after the retention period (default 7 days) and keeps recent ones', async () => {
    const fresh = await createHarness(db())
    await fresh.enrol('p-prune', 'clear')
    await fresh.vetkit.api.invite({ subjectId: 'p-prune', ip: null })
    await fresh.advance({ days: 3 })
    const table = () => fresh.db.knex(fresh.storage.tables.ref('jobs'))
    const finished = ((await table().where({ status: 'completed' }).select('id')) as { id: unknown }[]).map((row) => String(row.id))
    expect(finished.length).toBeGreaterThan(5)
    await fresh.advance({ days: 3 })
    // At most 6 days old: kept for diagnosis.
    expect(Number(((await table().whereIn('id', finished).count({ n: '*' })) as { n: unknown }[])[0]?.n)).toBe(finished.length)
    await fresh.advance({ days: 5 })
    expect(Number(((await table().whereIn('id', finished).count({ n: '*' })) as { n: unknown }[])[0]?.n)).toBe(0)
    const cutoff = fresh.clock.now().getTime() - 7 * DAY
    expect(Number(((await table().where({ status: 'completed' }).where('updated_at', '<', cutoff).count({ n: '*' })) as { n: unknown }[])[0]?.n)).toBe(0)
    // The webhook log is the admin's record and is kept.
    expect((await fresh.vetkit.webhooks.list({ limit: 50 })).items.filter((r) => r.processingOutcome === 'applied').length).toBeGreaterThanOrEqual(2)
  })

  it.each([
    ['an event id over 191 characters', { id: 'e'.repeat(192), type: 'report.completed' }],
    ['a type over 100 characters', { id: 'evt_poison_type', type: `report.${'x'.repeat(100)}` }],
    ['a NUL byte in the event id', { id: 'evt_\u0000poison', type: 'report.completed' }],
    ['an unpaired surrogate in the event id', { id: 'evt_\ud800poison', type: 'report.completed' }],
  ])('a validly signed webhook with %s is a 400 malformed, in the webhook log, with no job', async (_what, fields) => {
    const queuedBefore = (await h.storage.jobs.countByStatus()).queued
    const body = { ...fields, object: 'event', created_at: '2026-01-01T00:00:00Z', data: { object: { id: 'r_1', object: 'report', uri: '/v1/reports/r_1' } } }
    const response = await h.vetkit.webhooks.receive(signed(body))
    expect(response).toMatchObject({ status: 400, body: { ok: false, code: 'malformed' } })
    const logged = (await h.vetkit.webhooks.list({ httpStatus: 400, limit: 5 })).items[0]
    expect(logged).toMatchObject({ authOutcome: 'malformed', processingOutcome: 'not_processed', eventId: null })
    expect((await h.storage.jobs.countByStatus()).queued).toBe(queuedBefore)
  })

  it('unsigned POSTs are counted on one ledger row per source and reason, and a source past the limit gets 429 with nothing written', async () => {
    const before = (await h.vetkit.webhooks.list({ limit: 200 })).items.length
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 150; i++) {
      const res = await h.vetkit.handler(webhookRequest(new TextEncoder().encode(`{"id":"evt_${i}"}`), { 'x-checkr-signature': 'f'.repeat(64) }), { remoteAddress: '203.0.113.66' })
      statuses.push(res.status)
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after')
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(60)
    expect(statuses.slice(60).every((s) => s === 429)).toBe(true)
    expect(Number(retryAfter)).toBeGreaterThan(0)
    // Another source is not limited by this one.
    const other = await h.vetkit.handler(webhookRequest(new TextEncoder().encode('{}'), {}), { remoteAddress: '198.51.100.7' })
    expect(other.status).toBe(401)
    const log = (await h.vetkit.webhooks.list({ limit: 200 })).items
    expect(log.length - before).toBe(2)
    expect(log.find((r) => r.source === 'v4:203.0.113.66')).toMatchObject({ httpStatus: 401, authOutcome: 'bad_signature', attempts: 60 })
  })

  it('a provider refusing an action in the report\'s state is a 409 with vetkit\'s own code and words, never the provider\'s text', async () => {
    await h.enrol('q-disputed', 'consider')
    const { check } = await h.vetkit.api.invite({ subjectId: 'q-disputed', ip: null })
    await h.advance({ days: 3 })
    h.fake.openDispute((await h.storage.checks.get(check.id))!.state.reportId!)
    await h.settle()
    const res = await h.vetkit.handler(new Request(`http://host/admin/checks/${check.id}/adverse-items`))
    expect(res.status).toBe(409)
    const text = await res.text()
    expect(JSON.parse(text)).toMatchObject({ code: 'provider_state_conflict' })
    expect(text).not.toMatch(/Report is under dispute|\/reports\/|Checkr|HTTP 400/)
  })

  it('a live worker renews its lease while a job runs; a dead one\'s jobs come back within one lease', async () => {
    const lease = 3_000
    const storage = await db().freshStorage()
    const clock = h.clock
    let reclaimedDuringRun: number | null = null
    const vetkit = createVetkit({
      storage,
      provider: h.fake,
      environment: 'test',
      clock,
      // A slow host: 4 s of the job's clock pass (beyond the 3 s lease) while the event is handled.
      onEvent: async () => {
        clock.advance({ seconds: 2 })
        await new Promise((resolve) => setTimeout(resolve, 1_100))
        clock.advance({ seconds: 2 })
        await new Promise((resolve) => setTimeout(resolve, 1_100))
        reclaimedDuringRun = (await storage.jobs.reclaimExpired(clock.now())).requeued
      },
    })
    const now = clock.now()
    const { id: eventId } = await storage.outbox.append({ type: 'check.invited', subjectId: null, checkId: null, payload: {}, createdAt: now })
    await storage.jobs.enqueue({ type: 'outbox.deliver', payload: { eventId }, runAt: now, now })
    const result = await vetkit.createWorker({ leaseMs: lease, concurrency: 1 }).runDue()
    // The heartbeat kept the lease ahead of the clock: nobody could take the job mid-run.
    expect(reclaimedDuringRun).toBe(0)
    expect(result).toMatchObject({ claimed: 1, completed: 1 })

    // A worker that dies (claims, never renews): its job is claimable again one lease later.
    const { id } = await storage.jobs.enqueue({ type: 'expiry.sweep', payload: {}, runAt: clock.now(), now: clock.now() })
    const [held] = await storage.jobs.claim({ workerId: 'dead-worker', limit: 1, leaseMs: lease, now: clock.now() })
    expect(held?.id).toBe(id)
    clock.advance({ seconds: 2 })
    expect((await storage.jobs.reclaimExpired(clock.now())).requeued).toBe(0)
    clock.advance({ seconds: 2 })
    expect((await storage.jobs.reclaimExpired(clock.now())).requeued).toBe(1)
  }, 20_000)

  it('a pass claims only the jobs it starts: a crash burns no attempts of jobs that never ran', async () => {
    const storage = await db().freshStorage()
    const vetkit = createVetkit({ storage, provider: h.fake, environment: 'test', clock: h.clock })
    const now = h.clock.now()
    for (let i = 0; i < 10; i++) await storage.jobs.enqueue({ type: 'expiry.sweep', payload: {}, runAt: now, now })
    const result = await vetkit.createWorker({ concurrency: 2, batchSize: 20 }).runDue()
    expect(result).toMatchObject({ claimed: 2, completed: 2 })
    const rows = (await db().knex(storage.tables.ref('jobs')).where({ status: 'queued' }).select('attempts')) as { attempts: unknown }[]
    expect(rows).toHaveLength(8)
    expect(rows.every((row) => Number(row.attempts) === 0)).toBe(true)
  })

  it('a webhook whose workers kept dying is dead in the webhook log, not left "queued"', async () => {
    const storage = await db().freshStorage()
    const vetkit = createVetkit({ storage, provider: h.fake, environment: 'test', clock: h.clock })
    const body = { id: 'evt_doomed', object: 'event', type: 'report.created', created_at: '2026-01-01T00:00:00Z', data: { object: { id: 'r_doomed', object: 'report', uri: '/v1/reports/r_doomed' } } }
    expect((await vetkit.webhooks.receive(signed(body))).status).toBe(200)
    // Eight workers in a row claim it and die (no completion, no failure recorded, the lease runs out).
    for (let i = 0; i < 8; i++) {
      const [claimed] = await storage.jobs.claim({ workerId: `doomed-${i}`, limit: 1, leaseMs: 1_000, now: h.clock.now() })
      expect(claimed?.attempts).toBe(i + 1)
      h.clock.advance({ seconds: 2 })
      if (i < 7) await storage.jobs.reclaimExpired(h.clock.now())
    }
    // A live worker finds the last expired lease: attempts exhausted, so the job and its webhook are dead.
    await vetkit.createWorker().runDue()
    const log = (await vetkit.webhooks.list({ limit: 5 })).items.find((r) => r.eventId === 'evt_doomed')
    expect(log).toMatchObject({ processingOutcome: 'dead', errorCode: 'lease_expired' })
    const dead = (await storage.jobs.listDead({ limit: 5 })).items.find((j) => j.type === 'webhook.process')
    expect(dead?.lastError).toMatch(/lease expired/)
  })

  it('health(): the database answers, the schema is current, and the queue\'s lag is reported', async () => {
    const report = await h.vetkit.health()
    expect(report).toMatchObject({ status: 'ok', ready: true, database: { ok: true, code: null }, schema: { current: true, pending: [] }, queue: { oldestDueAgeSeconds: 0 } })
  })
})

it('a database that cannot be reached answers 503 with Retry-After, logs once, and health() says down', async () => {
  const errors: string[] = []
  const quiet = { warn: () => undefined, error: () => undefined, debug: () => undefined, deprecate: () => undefined }
  const knex = knexFactory({ client: 'pg', connection: 'postgres://postgres@127.0.0.1:1/none', pool: { min: 0, max: 2 }, acquireConnectionTimeout: 2_000, log: quiet })
  const vetkit = createVetkit({
    storage: createKnexStorage({ knex, sealer: testSealer() }),
    provider: createFakeProvider({ clock: systemClock, signingKey: SIGNING_KEY }),
    environment: 'test',
    logger: { info: () => undefined, warn: () => undefined, error: (message: string) => errors.push(message) },
    http: { authenticate: () => ({ id: 'admin-1', roles: ['admin'] }) },
  })
  try {
    for (let i = 0; i < 5; i++) {
      const res = await vetkit.handler(new Request('http://host/subjects/ada/status'))
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('5')
      expect(await res.json()).toMatchObject({ code: 'storage_unavailable' })
    }
    // A webhook is not acknowledged when it could not be stored: the provider retries it.
    const webhook = await vetkit.handler(webhookRequest(signed({ id: 'evt_outage', object: 'event', type: 'report.created', created_at: '2026-01-01T00:00:00Z', data: { object: { id: 'r', object: 'report' } } }).rawBody, { 'x-checkr-signature': signCheckrPayload(JSON.stringify({ id: 'evt_outage', object: 'event', type: 'report.created', created_at: '2026-01-01T00:00:00Z', data: { object: { id: 'r', object: 'report' } } }), SIGNING_KEY) }))
    expect(webhook.status).toBe(503)
    expect(await vetkit.health()).toMatchObject({ status: 'down', ready: false, database: { ok: false, code: 'storage_unavailable' } })
    expect(errors).toEqual(['database unreachable: requests answer 503 with Retry-After until it is back'])
  } finally {
    await knex.destroy()
  }
}, 30_000)
