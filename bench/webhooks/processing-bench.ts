import { randomUUID } from 'node:crypto'
import { TABLES } from '../../packages/core/src/storage/knex/table-names'
import { prewarmKnex, prewarmRaw, type BenchDb, type RawResult, type Row } from '../storage/databases'
import type { Knex } from '../storage/deps'
import { nowMs } from '../storage/stats'
import { boundValue, bindingIndex, whereIndex, kindOf, record, retargeter, type Statement, type StatementKind } from './capture'
import type { WebhookBenchConfig } from './config'
import { VETKIT_PREFIX, type BenchWorld } from './world'

/** Copies of vetkit's tables taken before processing, for the two replays. */
const REPLAY_ALL_PREFIX = 'ra_'
const REPLAY_WRITES_PREFIX = 'rw_'

export interface ProcessingRun {
  label: string
  ms: number
  /** Jobs run: the N webhook.process jobs and the follow-ups they enqueued (outbox deliveries...). */
  jobs: number
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
  /** Ledger rows by event type and processing outcome (vetkit's run). */
  outcomes: Row[]
  verified: string[]
  notes: string[]
}

interface Segment {
  jobId: string
  token: string
  /** Ends with the job's completion, whose `id = $n` is the job's row id (a follow-up job's differs in a replay). */
  statements: Statement[]
}

interface WorkerLog {
  header: Statement[]
  claim: Statement
  segments: Segment[]
  passes: number
  statements: number
}

/**
 * Two workers (each a vetkit on its own knex pool, like two processes) loop `runDue()` until a
 * claim comes back empty, over the N queued webhook.process jobs and whatever they enqueue. Every
 * statement each worker sends is recorded. The baselines replay them through the bare `pg` driver
 * on two connections, on copies of the tables taken before the run: each replay worker claims with
 * vetkit's claim statement, then for each job it got runs the statements vetkit ran for that job
 * (same SQL, same values, its own claim token), so it does the same writes to the same rows.
 * "All" replays every statement; "writes" drops the plain reads (locks, writes, BEGIN/COMMIT kept).
 */
export async function processingBench(db: BenchDb, world: BenchWorld, cfg: WebhookBenchConfig, log: (line: string) => void): Promise<ProcessingResult> {
  const setupKnex = db.knex(2)
  const knexes: Knex[] = Array.from({ length: cfg.workers }, () => db.knex(cfg.workerPoolSize))
  try {
    const sql = (prefix: string, table: (typeof TABLES)[number]) => db.storage(setupKnex, prefix).tables.sql(table)
    log(`  copying vetkit's tables (${TABLES.length}) for the two replays`)
    await copyTables(db, setupKnex, VETKIT_PREFIX, REPLAY_ALL_PREFIX)
    await copyTables(db, setupKnex, VETKIT_PREFIX, REPLAY_WRITES_PREFIX)
    for (const prefix of [VETKIT_PREFIX, REPLAY_ALL_PREFIX, REPLAY_WRITES_PREFIX]) {
      for (const table of TABLES) await db.admin.query(`analyze ${sql(prefix, table)}`)
    }
    const completedBefore = await completedJobs(db, sql(VETKIT_PREFIX, 'jobs'))

    await Promise.all(knexes.map((k) => prewarmKnex(k, cfg.workerPoolSize)))
    const workers = knexes.map((k) => world.vetkit(db.storage(k, VETKIT_PREFIX)).createWorker())
    const recorders = knexes.map(record)
    log(`  vetkit: ${cfg.workers} workers (createWorker() defaults, ${cfg.workerPoolSize} connections each) loop runDue() until a claim is empty`)
    const start = nowMs()
    const results = await Promise.all(
      workers.map(async (worker) => {
        const total = { claimed: 0, completed: 0, failed: 0, passes: 0 }
        for (;;) {
          const pass = await worker.runDue()
          total.passes++
          total.claimed += pass.claimed
          total.completed += pass.completed
          total.failed += pass.failed
          if (pass.claimed === 0) return total
        }
      }),
    )
    const ms = nowMs() - start
    for (const r of recorders) r.stop()

    const claimed = results.reduce((a, r) => a + r.claimed, 0)
    const failed = results.reduce((a, r) => a + r.failed, 0)
    const verified: string[] = []
    const notes: string[] = []
    const jobsTable = sql(VETKIT_PREFIX, 'jobs')
    const vkJobs = await verifyJobs(db, jobsTable, completedBefore, claimed, 'vetkit')
    if (failed > 0) throw new Error(`vetkit: ${failed} job runs failed (see the jobs table's last_error)`)
    verified.push(vkJobs)
    const outcomes = (
      await db.admin.query(
        `select event_type, processing_outcome, coalesce(error_code, '') as error_code, count(*)::int as n
           from ${sql(VETKIT_PREFIX, 'webhook_events')} group by 1, 2, 3 order by 1, 2, 3`,
      )
    ).rows
    const unprocessed = outcomes.filter((r) => r.processing_outcome === 'queued').reduce((a, r) => a + Number(r.n), 0)
    if (unprocessed > 0) throw new Error(`vetkit: ${unprocessed} ledger rows are still queued after processing`)
    verified.push(`vetkit: ledger ${outcomeSummary(outcomes)}`)

    const vetkitRun: ProcessingRun = {
      label: 'vetkit',
      ms,
      jobs: claimed,
      passes: results.reduce((a, r) => a + r.passes, 0),
      statements: recorders.reduce((a, r) => a + r.statements.length, 0),
    }

    // The recorded logs, cut into per-job segments keyed by the job's dedupe key.
    const logs = recorders.map((r) => parseWorkerLog(r.statements, jobsTable))
    const segments = await keyByDedupe(db, jobsTable, logs)
    const shapes = jobShapes(segments)
    const first = logs[0]
    if (!first) throw new Error('no worker log')
    const passStatements = first.header.length + 1
    const batch = Number(first.claim.bindings.at(-1))

    const replays: ProcessingRun[] = []
    for (const [label, prefix, keep] of [
      ['raw pg, same statements', REPLAY_ALL_PREFIX, () => true],
      ['raw pg, writes + locks only', REPLAY_WRITES_PREFIX, (s: Statement) => kindOf(s.sql) !== 'read'],
    ] as const) {
      log(`  ${label}: ${cfg.workers} connections replay each claimed job's statements`)
      const run = await replay(db, prefix, logs, segments, keep, label)
      const jobsLine = await verifyJobs(db, sql(prefix, 'jobs'), completedBefore, run.jobs, label)
      if (run.jobs !== claimed) throw new Error(`${label}: ran ${run.jobs} jobs, vetkit ${claimed}`)
      verified.push(jobsLine)
      const replayed = (
        await db.admin.query(
          `select event_type, processing_outcome, coalesce(error_code, '') as error_code, count(*)::int as n
             from ${sql(prefix, 'webhook_events')} group by 1, 2, 3 order by 1, 2, 3`,
        )
      ).rows
      const same = outcomeSummary(replayed) === outcomeSummary(outcomes)
      verified.push(`${label}: ledger outcomes ${same ? 'identical to vetkit' : `DIFFER: ${outcomeSummary(replayed)}`}`)
      const checks = async (p: string) =>
        JSON.stringify((await db.admin.query(`select status, count(*)::int as n from ${sql(p, 'checks')} group by 1 order by 1`)).rows)
      const [a, b] = await Promise.all([checks(VETKIT_PREFIX), checks(prefix)])
      if (a !== b) notes.push(`${label}: check statuses differ from vetkit's: ${b} vs ${a}`)
      replays.push(run)
    }
    const [replayAll, replayWrites] = replays
    if (!replayAll || !replayWrites) throw new Error('replays missing')
    return { webhooks: world.requests.length, batch, vetkit: vetkitRun, replayAll, replayWrites, shapes, passStatements, outcomes, verified, notes }
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

async function completedJobs(db: BenchDb, jobsTable: string): Promise<number> {
  return Number((await db.admin.query(`select count(*) as n from ${jobsTable} where status = 'completed'`)).rows[0]?.n)
}

/** Every job completed, each run once in this run (attempts = 1), and as many as were claimed. */
async function verifyJobs(db: BenchDb, jobsTable: string, completedBefore: number, ran: number, label: string): Promise<string> {
  const rows = (await db.admin.query(`select status, count(*)::int as n, max(attempts) as max_attempts from ${jobsTable} group by status`)).rows
  const summary = rows.map((r) => `${String(r.status)}=${String(r.n)}`).join(', ')
  const completed = rows.find((r) => r.status === 'completed')
  const ok = rows.length === 1 && completed !== undefined && Number(completed.n) - completedBefore === ran && Number(completed.max_attempts) === 1
  if (!ok) throw new Error(`${label}: the jobs table holds ${summary} (max attempts ${String(completed?.max_attempts)}); expected ${ran} more completed, each once`)
  return `${label}: ${ran} jobs run, every job completed exactly once (jobs table: ${summary})`
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

/**
 * A worker's log is passes of [lease reclaim, claim, then per job: its statements ending with the
 * job's completion]. Statements between two claims that are not the reclaim (a job that failed
 * instead of completing) make the log unusable for the replay.
 */
function parseWorkerLog(statements: readonly Statement[], jobsTable: string): WorkerLog {
  let header: Statement[] | null = null
  let claim: Statement | null = null
  let pending: Statement[] = []
  let passes = 0
  const segments: Segment[] = []
  for (const s of statements) {
    if (isClaim(s, jobsTable)) {
      if (header === null) header = pending
      else if (pending.map((p) => p.sql).join('\n') !== header.map((h) => h.sql).join('\n')) {
        throw new Error(`unexpected statements between a pass's jobs and the next claim:\n${pending.map((p) => p.sql).join('\n')}`)
      }
      claim ??= s
      passes++
      pending = []
      continue
    }
    pending.push(s)
    if (isComplete(s, jobsTable)) {
      segments.push({ jobId: String(boundValue(s, 'id')), token: String(boundValue(s, 'claim_token')), statements: pending })
      pending = []
    }
  }
  if (!claim || !header) throw new Error('a worker log has no claim')
  if (pending.length > 0) throw new Error(`a worker log ends with ${pending.length} statements after its last claim`)
  return { header, claim, segments, passes, statements: statements.length }
}

interface KeyedSegment extends Segment {
  kind: string
}

async function keyByDedupe(db: BenchDb, jobsTable: string, logs: readonly WorkerLog[]): Promise<Map<string, KeyedSegment>> {
  const all = logs.flatMap((l) => l.segments)
  const rows = (
    await db.admin.query(`select id, type, dedupe_key, payload from ${jobsTable} where id = any($1::bigint[])`, [all.map((s) => s.jobId)])
  ).rows
  const byId = new Map(rows.map((r) => [String(r.id), r]))
  const keyed = new Map<string, KeyedSegment>()
  for (const segment of all) {
    const row = byId.get(segment.jobId)
    if (!row || row.dedupe_key == null) throw new Error(`job ${segment.jobId} has no dedupe key: the replay cannot find it`)
    const eventType = row.type === 'webhook.process' ? (JSON.parse(String(row.payload)) as { event?: { type?: string } }).event?.type : undefined
    const kind = eventType ? `webhook.process: ${eventType}` : String(row.type)
    if (keyed.has(String(row.dedupe_key))) throw new Error(`job ${String(row.dedupe_key)} ran twice`)
    keyed.set(String(row.dedupe_key), { ...segment, kind })
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
  for (const [key, s] of segments) prepared.set(key, { ...s, statements: s.statements.filter(keep).map(retarget) })
  const completion = logs.flatMap((l) => l.segments)[0]?.statements.at(-1)
  if (!completion) throw new Error('no job ran')
  const completionIdAt = whereIndex(completion, 'id')
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
        let jobs = 0
        let passes = 0
        let statements = 0
        try {
          for (;;) {
            for (const s of header) await conn.query(s.sql, s.bindings)
            const token = randomUUID()
            const bindings = [...claim.bindings]
            bindings[tokenAt] = token
            const rows = (await conn.query(claim.sql, bindings)).rows
            passes++
            statements += header.length + 1
            if (rows.length === 0) return { jobs, passes, statements }
            rows.sort((a, b) => Number(a.run_at) - Number(b.run_at) || Number(a.id) - Number(b.id))
            for (const row of rows) {
              const segment = prepared.get(String(row.dedupe_key))
              if (!segment) throw new Error(`${label}: claimed job ${String(row.dedupe_key)} (${String(row.type)}) that vetkit never ran`)
              let last: RawResult | null = null
              const n = segment.statements.length
              for (const [i, s] of segment.statements.entries()) {
                const values = s.bindings.map((b) => (b === segment.token ? token : b))
                if (i === n - 1) values[completionIdAt] = Number(row.id)
                last = await conn.query(s.sql, values)
              }
              statements += segment.statements.length
              if (last?.affected !== 1) throw new Error(`${label}: job ${String(row.dedupe_key)} was not completed by its own claim`)
              jobs++
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
    return {
      label,
      ms: nowMs() - start,
      jobs: results.reduce((a, r) => a + r.jobs, 0),
      passes: results.reduce((a, r) => a + r.passes, 0),
      statements: results.reduce((a, r) => a + r.statements, 0),
    }
  } finally {
    await pool.end().catch(() => undefined)
  }
}
