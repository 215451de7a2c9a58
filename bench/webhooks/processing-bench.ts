import { randomUUID } from 'node:crypto'
import { TABLES } from '@vetkit/core/knex'
import { prewarmKnex, prewarmRaw, type BenchDb, type RawResult, type Row } from '../storage/databases'
import type { Knex } from '../storage/deps'
import { nowMs } from '../storage/stats'
import { bindingIndex, boundValue, findWhereIndex, kindOf, record, retargeter, type Statement, type StatementKind } from './capture'
import type { WebhookBenchConfig } from './config'
import { VETKIT_PREFIX, type BenchWorld } from './world'

/** Copies of vetkit's tables taken before processing, for the two replays. */
const REPLAY_ALL_PREFIX = 'ra_'
const REPLAY_WRITES_PREFIX = 'rw_'

export interface ProcessingRun {
  label: string
  ms: number
  /** Job runs: the N webhook.process jobs and the follow-ups they enqueued (outbox deliveries...). */
  jobs: number
  /** Job runs that failed (the job was requeued with a backoff). */
  failed: number
  /** Claim passes, all workers together (the last, empty one of each worker included). */
  passes: number
  statements: number
}

export interface JobShape {
  kind: string
  jobs: number
  /** Per job, averaged: statements by kind. */
  perJob: Record<StatementKind, number>
}

export interface ProcessingResult {
  webhooks: number
  batch: number
  vetkit: ProcessingRun
  replayAll: ProcessingRun
  replayWrites: ProcessingRun
  shapes: JobShape[]
  /** Statements per claim pass, outside any job (lease reclaim + claim). */
  passStatements: number
  /** Ledger rows by event type, processing outcome and error code, after processing. */
  outcomes: Row[]
  /** Jobs that failed in the timed run, by type, event type and error (then retried, untimed). */
  failures: Row[]
  verified: string[]
  notes: string[]
}

interface Segment {
  jobId: string
  token: string
  /** The run ended with `jobs.fail` (requeued for a retry) rather than a completion. */
  failed: boolean
  /** Ends with the job's completion, or with the COMMIT of its failure. */
  statements: Statement[]
  /** Per statement: the binding holding the job's row id (`"id" = $n` on the jobs table), or -1. */
  jobIdAt: number[]
}

interface KeyedSegment extends Segment {
  kind: string
}

interface WorkerLog {
  header: Statement[]
  claim: Statement
  segments: Segment[]
}

const OUTCOMES_SQL = (table: string) =>
  `select event_type, processing_outcome, coalesce(error_code, '') as error_code, count(*)::int as n from ${table} group by 1, 2, 3 order by 1, 2, 3`

/**
 * Two workers (each a vetkit on its own knex pool, like two processes) loop `runDue()` until a
 * claim comes back empty, over the N queued webhook.process jobs and whatever they enqueue. Every
 * statement each worker sends is recorded. The baselines replay them through the bare `pg` driver
 * on two connections, on copies of the tables taken before the run: each replay worker claims with
 * vetkit's claim statement, then for each job it got runs the statements vetkit ran for that job
 * (same SQL, same values, its own claim token and job id), so it does the same writes to the same
 * rows. "Same statements" replays everything; "writes + locks" drops the plain reads.
 *
 * A job that fails is requeued with a backoff, into the future of the bench's frozen clock: the
 * timed loops leave it queued. vetkit's run then moves the clock past the backoff and drains the
 * retries, untimed, so that every job ends completed.
 */
export async function processingBench(db: BenchDb, world: BenchWorld, cfg: WebhookBenchConfig, log: (line: string) => void): Promise<ProcessingResult> {
  const setupKnex = db.knex(2)
  const knexes: Knex[] = Array.from({ length: cfg.workers }, () => db.knex(cfg.workerPoolSize))
  try {
    const sql = (prefix: string, table: (typeof TABLES)[number]) => db.storage(setupKnex, prefix).tables.sql(table)
    const jobsTable = sql(VETKIT_PREFIX, 'jobs')
    log(`  copying vetkit's tables (${TABLES.length}) for the two replays`)
    await copyTables(db, setupKnex, VETKIT_PREFIX, REPLAY_ALL_PREFIX)
    await copyTables(db, setupKnex, VETKIT_PREFIX, REPLAY_WRITES_PREFIX)
    for (const prefix of [VETKIT_PREFIX, REPLAY_ALL_PREFIX, REPLAY_WRITES_PREFIX]) {
      for (const table of TABLES) await db.admin.query(`analyze ${sql(prefix, table)}`)
    }
    const completedBefore = await countCompleted(db, jobsTable)

    await Promise.all(knexes.map((k) => prewarmKnex(k, cfg.workerPoolSize)))
    // One job at a time per worker (createWorker's default runs 4 at once): the replay baseline
    // cuts each worker's statement log into per-job segments, which needs them in sequence.
    const workers = knexes.map((k) => world.vetkit(db.storage(k, VETKIT_PREFIX)).createWorker({ concurrency: 1 }))
    const recorders = knexes.map(record)
    log(`  vetkit: ${cfg.workers} workers (createWorker({ concurrency: 1 }), ${cfg.workerPoolSize} connections each) loop runDue() until a claim is empty`)
    const start = nowMs()
    const results = await Promise.all(
      workers.map(async (worker) => {
        const total = { claimed: 0, failed: 0, passes: 0 }
        for (;;) {
          const pass = await worker.runDue()
          total.passes++
          total.claimed += pass.claimed
          total.failed += pass.failed
          if (pass.claimed === 0) return total
        }
      }),
    )
    const ms = nowMs() - start
    for (const r of recorders) r.stop()

    const claimed = results.reduce((a, r) => a + r.claimed, 0)
    const failed = results.reduce((a, r) => a + r.failed, 0)
    const vetkitRun: ProcessingRun = {
      label: 'vetkit',
      ms,
      jobs: claimed,
      failed,
      passes: results.reduce((a, r) => a + r.passes, 0),
      statements: recorders.reduce((a, r) => a + r.statements.length, 0),
    }
    const verified: string[] = []
    const notes: string[] = []
    // The state the replays must reach: the timed run's, before any retry.
    const expected = { completed: completedBefore + claimed - failed, queued: failed }
    verified.push(await verifyJobs(db, jobsTable, 'vetkit', vetkitRun, expected))
    const timedOutcomes = outcomeSummary((await db.admin.query(OUTCOMES_SQL(sql(VETKIT_PREFIX, 'webhook_events')))).rows)

    // The recorded logs, cut into per-job segments keyed by the job's replay key.
    const logs = recorders.map((r) => parseWorkerLog(r.statements, jobsTable))
    const segments = await keyByJob(db, jobsTable, sql(VETKIT_PREFIX, 'webhook_events'), logs)
    const shapes = jobShapes(segments)
    const first = logs[0]
    if (!first) throw new Error('no worker log')
    // Per pass: the claim (the lease reclaim runs before the first claim only).
    const passStatements = 1
    const batch = Number(first.claim.bindings.at(-1))

    let failures: Row[] = []
    if (failed > 0) {
      failures = (
        await db.admin.query(
          `select type, payload, last_error from ${jobsTable} where status = 'queued' order by id`,
        )
      ).rows.map((r) => ({ type: r.type, event: eventTypeOf(r), error: r.last_error }))
      await retryFailed(db, world, workers[0], jobsTable, failed, log)
      const after = (await db.admin.query(`select status, count(*)::int as n from ${jobsTable} group by status`)).rows
      if (after.length !== 1 || after[0]?.status !== 'completed') throw new Error(`vetkit: after the retries the jobs table holds ${JSON.stringify(after)}`)
      verified.push(`vetkit: after moving the clock past the backoff, the ${failed} failed jobs were retried and every job is completed`)
    }
    const outcomes = (await db.admin.query(OUTCOMES_SQL(sql(VETKIT_PREFIX, 'webhook_events')))).rows
    const unprocessed = outcomes.filter((r) => r.processing_outcome === 'queued').reduce((a, r) => a + Number(r.n), 0)
    if (unprocessed > 0) throw new Error(`vetkit: ${unprocessed} ledger rows are still queued after processing`)
    verified.push(`vetkit: ledger ${outcomeSummary(outcomes)}`)

    const replays: ProcessingRun[] = []
    for (const [label, prefix, keep] of [
      ['raw pg, same statements', REPLAY_ALL_PREFIX, () => true],
      ['raw pg, writes + locks only', REPLAY_WRITES_PREFIX, (s: Statement) => kindOf(s.sql) !== 'read'],
    ] as const) {
      log(`  ${label}: ${cfg.workers} connections replay each claimed job's statements`)
      const run = await replay(db, prefix, logs, segments, keep, label)
      if (run.jobs !== claimed || run.failed !== failed) {
        throw new Error(`${label}: ran ${run.jobs} jobs (${run.failed} failing), vetkit ${claimed} (${failed} failing)`)
      }
      verified.push(await verifyJobs(db, sql(prefix, 'jobs'), label, run, expected))
      const replayed = outcomeSummary((await db.admin.query(OUTCOMES_SQL(sql(prefix, 'webhook_events')))).rows)
      verified.push(`${label}: ledger outcomes ${replayed === timedOutcomes ? "identical to vetkit's timed run" : `DIFFER: ${replayed} vs vetkit ${timedOutcomes}`}`)
      const checks = async (p: string) =>
        JSON.stringify((await db.admin.query(`select status, count(*)::int as n from ${sql(p, 'checks')} group by 1 order by 1`)).rows)
      const [a, b] = await Promise.all([checks(VETKIT_PREFIX), checks(prefix)])
      if (a !== b) {
        notes.push(
          `${label}: check statuses ${b} vs vetkit ${a} (the replay claims jobs in its own order, so a few compare-and-set ` +
            'updates meet another version and change nothing)',
        )
      }
      replays.push(run)
    }
    const [replayAll, replayWrites] = replays
    if (!replayAll || !replayWrites) throw new Error('replays missing')
    return {
      webhooks: world.requests.length,
      batch,
      vetkit: vetkitRun,
      replayAll,
      replayWrites,
      shapes,
      passStatements,
      outcomes,
      failures,
      verified,
      notes,
    }
  } finally {
    await Promise.allSettled([setupKnex.destroy(), ...knexes.map((k) => k.destroy())])
  }
}

/** Creates `to` tables with vetkit's own migrations and fills them with the rows of `from`. */
async function copyTables(db: BenchDb, knex: Knex, from: string, to: string): Promise<void> {
  const source = db.storage(knex, from)
  const target = db.storage(knex, to)
  await target.migrate()
  for (const table of TABLES) await db.admin.query(`insert into ${target.tables.sql(table)} select * from ${source.tables.sql(table)}`)
  const serials = (
    await db.admin.query(
      `select table_name, column_name from information_schema.columns
        where table_schema = $1 and table_name like $2 and column_default like 'nextval(%'`,
      [db.namespace, `${to.replace(/_/g, '\\_')}%`],
    )
  ).rows
  for (const r of serials) {
    const qualified = `"${db.namespace}"."${String(r.table_name)}"`
    await db.admin.query(
      `select setval(pg_get_serial_sequence($1, $2), coalesce((select max("${String(r.column_name)}") from ${qualified}), 0) + 1, false)`,
      [qualified, r.column_name],
    )
  }
}

async function countCompleted(db: BenchDb, jobsTable: string): Promise<number> {
  return Number((await db.admin.query(`select count(*) as n from ${jobsTable} where status = 'completed'`)).rows[0]?.n)
}

/**
 * After a timed run: exactly the expected jobs completed and the failed ones queued for a retry,
 * none running or dead, each run once (attempts = 1).
 */
async function verifyJobs(
  db: BenchDb,
  jobsTable: string,
  label: string,
  run: ProcessingRun,
  expected: { completed: number; queued: number },
): Promise<string> {
  const rows = (await db.admin.query(`select status, count(*)::int as n, max(attempts) as max_attempts from ${jobsTable} group by status`)).rows
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0)
  const summary = rows.map((r) => `${String(r.status)}=${String(r.n)}`).join(', ')
  const ok =
    count('completed') === expected.completed &&
    count('queued') === expected.queued &&
    rows.every((r) => (r.status === 'completed' || r.status === 'queued') && Number(r.max_attempts) === 1)
  if (!ok) {
    const stuck = (
      await db.admin.query(`select id, type, status, attempts, last_error, payload from ${jobsTable} where status <> 'completed' order by id limit 5`)
    ).rows.map((r) => `\n  job ${String(r.id)} ${String(r.type)} ${String(r.status)} attempts=${String(r.attempts)} last_error=${String(r.last_error)} payload=${String(r.payload).slice(0, 300)}`)
    throw new Error(`${label}: the jobs table holds ${summary}; expected completed=${expected.completed}, queued=${expected.queued}, each run once${stuck.join('')}`)
  }
  const failures = run.failed > 0 ? `, ${run.failed} failed and requeued for a retry` : ''
  return `${label}: ${run.jobs} job runs, each job run once: ${run.jobs - run.failed} completed${failures} (jobs table: ${summary})`
}

/** Moves the shared clock past the retries' backoff and drains them with one worker (untimed). */
async function retryFailed(
  db: BenchDb,
  world: BenchWorld,
  worker: ReturnType<ReturnType<BenchWorld['vetkit']>['createWorker']> | undefined,
  jobsTable: string,
  failed: number,
  log: (line: string) => void,
): Promise<void> {
  if (!worker) throw new Error('no worker')
  for (let round = 0; round < 10; round++) {
    const next = (await db.admin.query(`select max(run_at) as at from ${jobsTable} where status = 'queued'`)).rows[0]?.at
    if (next == null) return
    if (round === 0) log(`  vetkit: ${failed} job runs failed and were requeued with a backoff; moving the clock past it to drain them (not timed)`)
    world.clock.set(new Date(Math.max(Number(next), world.clock.now().getTime())))
    await worker.drain()
  }
  throw new Error('vetkit: retried jobs kept failing')
}

function eventTypeOf(row: Row): string | null {
  if (row.type !== 'webhook.process') return null
  return (JSON.parse(String(row.payload)) as { event?: { type?: string } }).event?.type ?? null
}

function outcomeSummary(rows: readonly Row[]): string {
  const byOutcome = new Map<string, number>()
  for (const r of rows) {
    const key = r.error_code ? `${String(r.processing_outcome)} (${String(r.error_code)})` : String(r.processing_outcome)
    byOutcome.set(key, (byOutcome.get(key) ?? 0) + Number(r.n))
  }
  return [...byOutcome].map(([k, n]) => `${k}=${n}`).join(', ')
}

const isClaim = (s: Statement, jobsTable: string) => s.sql.startsWith(`UPDATE ${jobsTable} SET status = `) && s.sql.includes('SKIP LOCKED')
const isComplete = (s: Statement, jobsTable: string) => s.sql.startsWith(`update ${jobsTable} set "status" = $1, "completed_at" = $2`)
/** `jobs.fail`: requeue (or bury) one held job; the lease reclaim has the same SET but no `id` filter. */
const isFail = (s: Statement, jobsTable: string) =>
  s.sql.startsWith(`update ${jobsTable} set "status" = $1, "run_at" = $2, "last_error" = $3`) && findWhereIndex(s, 'id') >= 0

/**
 * A worker's log is passes of [lease reclaim, claim, then per job: its statements ending with the
 * job's completion, or with the COMMIT of its failure]. Anything else between a pass's last job
 * and the next claim makes the log unusable for the replay.
 */
function parseWorkerLog(statements: readonly Statement[], jobsTable: string): WorkerLog {
  let header: Statement[] | null = null
  let claim: Statement | null = null
  let pending: Statement[] = []
  let failing: Statement | null = null
  const segments: Segment[] = []
  const close = (ref: Statement, failed: boolean) => {
    const jobId = String(boundValue(ref, 'id'))
    const jobIdAt = pending.map((s) => {
      if (!s.sql.includes(jobsTable)) return -1
      const at = findWhereIndex(s, 'id')
      return at >= 0 && String(s.bindings[at]) === jobId ? at : -1
    })
    segments.push({ jobId, token: String(boundValue(ref, 'claim_token')), failed, statements: pending, jobIdAt })
    pending = []
    failing = null
  }
  for (const s of statements) {
    if (isClaim(s, jobsTable)) {
      // The lease reclaim runs before some claims only (every few seconds): a pass's preamble is
      // that reclaim or nothing.
      if (header === null || header.length === 0) header = pending
      else if (pending.length > 0 && pending.map((p) => p.sql).join('\n') !== header.map((h) => h.sql).join('\n')) {
        throw new Error(`unexpected statements between a pass's jobs and the next claim:\n${pending.map((p) => p.sql).join('\n')}`)
      }
      claim ??= s
      pending = []
      continue
    }
    pending.push(s)
    if (isComplete(s, jobsTable)) close(s, false)
    else if (isFail(s, jobsTable)) failing = s
    else if (failing && s.sql.startsWith('COMMIT')) close(failing, true)
  }
  if (!claim || !header) throw new Error('a worker log has no claim')
  if (pending.length > 0) throw new Error(`a worker log ends with ${pending.length} statements after its last claim`)
  return { header, claim, segments }
}

/**
 * What identifies a job across the table copies: its dedupe key, or for a webhook job (which has
 * none: the ledger's event id is its dedupe) the ledger row it refers to. Copies keep the ids.
 */
function replayKey(row: Row): string {
  if (row.dedupe_key != null) return String(row.dedupe_key)
  if (row.ref_id != null) return `${String(row.type)}:ref:${String(row.ref_id)}`
  throw new Error(`job ${String(row.id)} has neither a dedupe key nor a ref: the replay cannot find it`)
}

async function keyByJob(db: BenchDb, jobsTable: string, eventsTable: string, logs: readonly WorkerLog[]): Promise<Map<string, KeyedSegment>> {
  const all = logs.flatMap((l) => l.segments)
  const rows = (
    await db.admin.query(
      `select j.id, j.type, j.dedupe_key, j.ref_id, w.event_type
         from ${jobsTable} j left join ${eventsTable} w on j.type = 'webhook.process' and w.id::text = j.ref_id
        where j.id = any($1::bigint[])`,
      [all.map((s) => s.jobId)],
    )
  ).rows
  const byId = new Map(rows.map((r) => [String(r.id), r]))
  const keyed = new Map<string, KeyedSegment>()
  for (const segment of all) {
    const row = byId.get(segment.jobId)
    if (!row) throw new Error(`job ${segment.jobId} is not in the table: the replay cannot find it`)
    const key = replayKey(row)
    const eventType = row.event_type == null ? null : String(row.event_type)
    const kind = `${eventType ? `webhook.process: ${eventType}` : String(row.type)}${segment.failed ? ' (failed run)' : ''}`
    if (keyed.has(key)) throw new Error(`job ${key} ran twice`)
    keyed.set(key, { ...segment, kind })
  }
  return keyed
}

function jobShapes(segments: ReadonlyMap<string, KeyedSegment>): JobShape[] {
  const byKind = new Map<string, { jobs: number; counts: Record<StatementKind, number> }>()
  for (const s of segments.values()) {
    const entry = byKind.get(s.kind) ?? { jobs: 0, counts: { read: 0, lock: 0, write: 0, tx: 0 } }
    entry.jobs++
    for (const st of s.statements) entry.counts[kindOf(st.sql)]++
    byKind.set(s.kind, entry)
  }
  return [...byKind]
    .map(([kind, { jobs, counts }]) => ({
      kind,
      jobs,
      perJob: { read: counts.read / jobs, lock: counts.lock / jobs, write: counts.write / jobs, tx: counts.tx / jobs },
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind))
}

async function replay(
  db: BenchDb,
  prefix: string,
  logs: readonly WorkerLog[],
  segments: ReadonlyMap<string, KeyedSegment>,
  keep: (s: Statement) => boolean,
  label: string,
): Promise<ProcessingRun> {
  const target = retargeter(db.namespace, VETKIT_PREFIX, prefix)
  const retarget = (s: Statement): Statement => ({ sql: target(s.sql), bindings: s.bindings })
  const prepared = new Map<string, Segment>()
  for (const [key, s] of segments) {
    const kept = s.statements.map((st, i) => ({ st, at: s.jobIdAt[i] ?? -1 })).filter(({ st }) => keep(st))
    prepared.set(key, { ...s, statements: kept.map(({ st }) => retarget(st)), jobIdAt: kept.map(({ at }) => at) })
  }
  const pool = db.raw(logs.length)
  try {
    await prewarmRaw(pool, logs.length)
    const start = nowMs()
    const results = await Promise.all(
      logs.map(async (log) => {
        const header = log.header.map(retarget)
        const claim = retarget(log.claim)
        const tokenAt = bindingIndex(claim, 'claim_token')
        const conn = await pool.connect()
        const done = { jobs: 0, failed: 0, passes: 0, statements: 0 }
        try {
          for (let pass = 0; ; pass++) {
            // Like the worker: the lease reclaim before the first claim only (it runs every few seconds).
            if (pass === 0) for (const s of header) await conn.query(s.sql, s.bindings)
            const token = randomUUID()
            const bindings = [...claim.bindings]
            bindings[tokenAt] = token
            const rows = (await conn.query(claim.sql, bindings)).rows
            done.passes++
            done.statements += (pass === 0 ? header.length : 0) + 1
            if (rows.length === 0) return done
            rows.sort((a, b) => Number(a.run_at) - Number(b.run_at) || Number(a.id) - Number(b.id))
            for (const row of rows) {
              const segment = prepared.get(replayKey(row))
              if (!segment) throw new Error(`${label}: claimed job ${replayKey(row)} (${String(row.type)}) that vetkit never ran`)
              let last: RawResult | null = null
              for (const [i, s] of segment.statements.entries()) {
                const values = s.bindings.map((b) => (b === segment.token ? token : b))
                const idAt = segment.jobIdAt[i] ?? -1
                if (idAt >= 0) values[idAt] = Number(row.id)
                last = await conn.query(s.sql, values)
              }
              done.statements += segment.statements.length
              if (segment.failed) done.failed++
              else if (last?.affected !== 1) throw new Error(`${label}: job ${replayKey(row)} was not completed by its own claim`)
              done.jobs++
            }
          }
        } catch (error) {
          await conn.query('ROLLBACK').catch(() => undefined)
          throw error
        } finally {
          conn.release()
        }
      }),
    )
    const sum = (key: 'jobs' | 'failed' | 'passes' | 'statements') => results.reduce((a, r) => a + r[key], 0)
    return { label, ms: nowMs() - start, jobs: sum('jobs'), failed: sum('failed'), passes: sum('passes'), statements: sum('statements') }
  } finally {
    await pool.end().catch(() => undefined)
  }
}
