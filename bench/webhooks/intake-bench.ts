import type { KnexStorage } from '@vetkit/core/knex'
import { prewarmKnex, prewarmRaw, type BenchDb, type RawPool } from '../storage/databases'
import { bounded, nowMs, percentiles, type Percentiles } from '../storage/stats'
import { capture, retargeter, type Statement } from './capture'
import type { WebhookBenchConfig } from './config'
import { VETKIT_PREFIX, type BenchWorld, type PreparedWebhook } from './world'

/** The raw baseline's own tables (same DDL: created by vetkit's migrate). */
const RAW_PREFIX = 'ri_'
const WARMUP_VETKIT_PREFIX = 'wv_'
const WARMUP_RAW_PREFIX = 'wr_'

export interface IntakeRun {
  requests: number
  ms: number
  latency: Percentiles
}

export interface IntakeResult {
  vetkit: IntakeRun
  raw: IntakeRun
  /** The statements of one `receive`, as captured (schema-qualified names shortened). */
  statements: string[]
  verified: string[]
}

/**
 * Receives N signed webhooks through `vetkit.webhooks.receive` with C in flight, and as the
 * baseline runs the statements one receive sends (captured from knex) N times through the bare
 * `pg` driver with C in flight: the same single statement (ledger row + job row), each with
 * its own event id, ledger id and payload.
 */
export async function intakeBench(db: BenchDb, world: BenchWorld, cfg: WebhookBenchConfig, log: (line: string) => void): Promise<IntakeResult> {
  const c = cfg.concurrency
  const knex = db.knex(c)
  const rawPool = db.raw(c)
  try {
    await Promise.all([prewarmKnex(knex, c), prewarmRaw(rawPool, c)])
    const storage = (prefix: string) => db.storage(knex, prefix)
    const rawStorage = storage(RAW_PREFIX)
    const warmVetkit = storage(WARMUP_VETKIT_PREFIX)
    const warmRaw = storage(WARMUP_RAW_PREFIX)
    for (const s of [rawStorage, warmVetkit, warmRaw]) await s.migrate()

    // One receive on the raw tables, recorded: the statements the baseline replays.
    const captured = await capture(knex, () => world.vetkit(rawStorage).webhooks.receive(requireRequest(world, 0)))
    const template = intakeTemplate(captured)
    await db.admin.query(`delete from ${rawStorage.tables.sql('jobs')}`)
    await db.admin.query(`delete from ${rawStorage.tables.sql('webhook_events')}`)

    const vetkit = world.vetkit(storage(VETKIT_PREFIX))
    const warmup = world.requests.slice(0, cfg.warmup)
    log(`  warm-up: ${warmup.length} requests through vetkit and through the raw driver, on throwaway tables (not timed)`)
    const warmVk = world.vetkit(warmVetkit)
    await run(warmup, c, (r) => receiveOk(warmVk, r))
    const toWarm = retargeter(db.namespace, RAW_PREFIX, WARMUP_RAW_PREFIX)
    await run(warmup, c, (r) => rawReceive(rawPool, template, r, toWarm))

    // Two rounds, each half of the requests, vetkit then raw: drift on a shared machine hits both.
    const half = Math.ceil(world.requests.length / 2)
    const rounds = [world.requests.slice(0, half), world.requests.slice(half)]
    log(`  vetkit: webhooks.receive x ${world.requests.length} (concurrency ${c})`)
    log(`  raw pg: BEGIN; insert ledger row; insert job row; COMMIT x ${world.requests.length} (concurrency ${c})`)
    log(`  (alternating: ${rounds.map((r) => r.length).join(' + ')} requests each, vetkit first in each round)`)
    const vetkitRuns: TimedRun[] = []
    const rawRuns: TimedRun[] = []
    for (const round of rounds) {
      vetkitRuns.push(await run(round, c, (r) => receiveOk(vetkit, r)))
      rawRuns.push(await run(round, c, (r) => rawReceive(rawPool, template, r, (sql) => sql)))
    }
    const vetkitRun = combine(vetkitRuns)
    const rawRun = combine(rawRuns)

    const verified = [
      await verifyIntake(db, storage(VETKIT_PREFIX), 'vetkit', world.requests.length),
      await verifyIntake(db, rawStorage, 'raw driver', world.requests.length),
    ]
    const short = (sql: string) => sql.replaceAll(`"${db.namespace}".`, '')
    return { vetkit: vetkitRun, raw: rawRun, statements: captured.map((s) => short(s.sql)), verified }
  } finally {
    await Promise.allSettled([knex.destroy(), rawPool.end()])
  }
}

function requireRequest(world: BenchWorld, i: number): PreparedWebhook {
  const request = world.requests[i]
  if (!request) throw new Error(`no request ${i}`)
  return request
}

async function run(requests: readonly PreparedWebhook[], concurrency: number, fn: (r: PreparedWebhook) => Promise<void>): Promise<TimedRun> {
  const samples: number[] = new Array<number>(requests.length)
  const start = nowMs()
  await bounded(requests.length, concurrency, async (i) => {
    const request = requests[i]
    if (!request) return
    const t = nowMs()
    await fn(request)
    samples[i] = nowMs() - t
  })
  return { requests: requests.length, ms: nowMs() - start, samples }
}

interface TimedRun {
  requests: number
  ms: number
  samples: number[]
}

function combine(runs: readonly TimedRun[]): IntakeRun {
  return {
    requests: runs.reduce((a, r) => a + r.requests, 0),
    ms: runs.reduce((a, r) => a + r.ms, 0),
    latency: percentiles(runs.flatMap((r) => r.samples)),
  }
}

async function receiveOk(vetkit: ReturnType<BenchWorld['vetkit']>, request: PreparedWebhook): Promise<void> {
  const response = await vetkit.webhooks.receive({ headers: request.headers, rawBody: request.rawBody })
  if (response.status !== 200 || response.body.duplicate === true) {
    throw new Error(`webhook ${request.eventId} (${request.type}) answered ${response.status} ${JSON.stringify(response.body)}`)
  }
}

/**
 * vetkit's intake on PostgreSQL is one statement: a CTE that inserts the ledger row and, only if
 * it was new, the processing job. The baseline replays that statement verbatim through the
 * driver, with each request's own event id, type and sealed event bound in (sealed beforehand:
 * the baseline does no encryption).
 */
interface IntakeTemplate {
  statement: Statement
}

const BIND = { eventId: 1, eventType: 2, sealedEvent: 7 } as const

function intakeTemplate(captured: Statement[]): IntakeTemplate {
  const [statement, ...rest] = captured
  const ok = statement !== undefined && /^WITH ins AS \(\s*INSERT INTO \S+webhook_events"/.test(statement.sql) && rest.length === 0
  if (!ok) throw new Error(`a receive sent an unexpected sequence; update the bench:\n${captured.map((s) => s.sql).join('\n')}`)
  return { statement }
}

/** The baseline's receive: vetkit's statement, verbatim but for the request's own values. */
async function rawReceive(pool: RawPool, t: IntakeTemplate, request: PreparedWebhook, target: (sql: string) => string): Promise<void> {
  const bindings = [...t.statement.bindings]
  bindings[BIND.eventId] = request.eventId
  bindings[BIND.eventType] = request.type
  bindings[BIND.sealedEvent] = request.sealedEvent
  const result = await pool.query(target(t.statement.sql), bindings)
  if (result.rows.length !== 1) throw new Error(`raw intake of ${request.eventId} inserted ${result.rows.length} jobs`)
}

async function verifyIntake(db: BenchDb, storage: KnexStorage, label: string, n: number): Promise<string> {
  const ledger = (
    await db.admin.query(
      `select count(*) as total, count(distinct event_id) as events,
              count(*) filter (where http_status = 200 and auth_outcome = 'ok' and processing_outcome = 'queued') as queued
         from ${storage.tables.sql('webhook_events')}`,
    )
  ).rows[0]
  const jobs = (
    await db.admin.query(
      `select count(*) filter (where type = 'webhook.process' and status = 'queued') as queued,
              count(*) filter (where status in ('queued', 'running') and type <> 'webhook.process') as other
         from ${storage.tables.sql('jobs')}`,
    )
  ).rows[0]
  const [total, events, queued, jobsQueued, other] = [ledger?.total, ledger?.events, ledger?.queued, jobs?.queued, jobs?.other].map(Number)
  const ok = total === n && events === n && queued === n && jobsQueued === n && other === 0
  const line = `${label}: ledger ${total} rows (${events} distinct event ids, ${queued} 200/ok/queued), queue ${jobsQueued} webhook.process jobs queued`
  if (!ok) throw new Error(`intake check failed, expected ${n} of each: ${line}, ${other} other jobs pending`)
  return `${line} -> exactly N`
}
