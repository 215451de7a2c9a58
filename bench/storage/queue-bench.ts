import { randomUUID } from 'node:crypto'
import type { KnexStorage } from '@vetkit/core/knex'
import type { BenchConfig } from './config'
import { prewarmKnex, prewarmRaw, type BenchDb, type RawPool, type Row } from './databases'
import type { Knex } from './deps'
import { bounded, nowMs } from './stats'

/**
 * Queue throughput: enqueue N jobs, then two workers (each its own storage on its own pool, like
 * two processes) claim batches and complete every job until the queue is empty. The baseline runs
 * the same statements through the bare driver with the same concurrency.
 */
export interface QueueRun {
  jobs: number
  enqueueMs: number
  processMs: number
  claims: number
  /** Completes that returned false (lease lost): must be 0. */
  lost: number
}

export interface QueueResult {
  vetkit: QueueRun
  raw: QueueRun
  /** Sanity checks on the final table of each measured run. */
  verified: string[]
}

const LEASE_MS = 10 * 60_000
const JOB_TYPE = 'bench.provider_sync'

const payloadFor = (i: number) => ({ checkId: `0190b3c4-7d2e-7a9b-8c1d-${String(i).padStart(12, '0')}`, reason: 'report.completed', seq: i })

interface Runner {
  enqueue(i: number, runAt: number): Promise<void>
  /** One worker loop until a claim comes back empty; returns claims made and leases lost. */
  work(worker: number): Promise<{ claims: number; lost: number; done: number }>
}

function vetkitRunner(enqueuer: KnexStorage, workers: KnexStorage[], batch: number): Runner {
  return {
    async enqueue(i, runAt) {
      await enqueuer.jobs.enqueue({ type: JOB_TYPE, payload: payloadFor(i), runAt: new Date(runAt), now: new Date() })
    },
    async work(w) {
      const storage = workers[w]
      if (!storage) throw new Error(`no worker ${w}`)
      let claims = 0
      let lost = 0
      let done = 0
      for (;;) {
        const jobs = await storage.jobs.claim({ workerId: `bench-worker-${w}`, limit: batch, leaseMs: LEASE_MS, now: new Date() })
        if (jobs.length === 0) return { claims, lost, done }
        claims++
        const completed = await Promise.all(jobs.map((job) => storage.jobs.complete(job, new Date())))
        for (const ok of completed) if (ok) done++
        else lost++
      }
    },
  }
}

/**
 * The same statements vetkit sends (captured from knex's query log and reproduced verbatim),
 * through `pg` / `mysql2` directly: no query builder, no row mapping.
 */
function rawRunner(db: BenchDb, table: string, enqueuer: RawPool, workers: RawPool[], batch: number): Runner {
  const pgDialect = db.kind === 'postgres'
  const q = (name: string) => (pgDialect ? `"${name}"` : `\`${name}\``)
  const columns = ['attempts', 'created_at', 'dedupe_key', 'max_attempts', 'payload', 'run_at', 'status', 'type', 'updated_at']
  const placeholders = columns.map((_, i) => (pgDialect ? `$${i + 1}` : '?')).join(', ')
  const insertSql = `insert into ${table} (${columns.map(q).join(', ')}) values (${placeholders})${pgDialect ? ` returning ${q('id')}` : ''}`
  const completeSql = pgDialect
    ? `update ${table} set "status" = $1, "completed_at" = $2, "updated_at" = $3, "locked_by" = $4, "claim_token" = $5, "locked_until" = $6 where "id" = $7 and "claim_token" = $8 and "status" = $9`
    : `update ${table} set \`status\` = ?, \`completed_at\` = ?, \`updated_at\` = ?, \`locked_by\` = ?, \`claim_token\` = ?, \`locked_until\` = ? where \`id\` = ? and \`claim_token\` = ? and \`status\` = ?`
  const pgClaimSql = `UPDATE ${table} SET status = $1, attempts = attempts + 1, locked_by = $2, claim_token = $3, locked_until = $4, updated_at = $5
           WHERE id IN (SELECT id FROM ${table} WHERE status = $6 AND run_at <= $7
                        ORDER BY run_at, id LIMIT $8 FOR UPDATE SKIP LOCKED)
           RETURNING *`
  const myPickSql = `SELECT id FROM ${table} WHERE status = ? AND run_at <= ? ORDER BY run_at, id LIMIT ? FOR UPDATE SKIP LOCKED`

  async function claim(pool: RawPool, workerId: string): Promise<{ rows: Row[]; token: string }> {
    const token = randomUUID()
    const at = Date.now()
    if (pgDialect) {
      const result = await pool.query(pgClaimSql, ['running', workerId, token, at + LEASE_MS, at, 'queued', at, batch])
      return { rows: result.rows, token }
    }
    const conn = await pool.connect()
    try {
      await conn.query('BEGIN;')
      const picked = await conn.query(myPickSql, ['queued', at, batch])
      const ids = picked.rows.map((r) => Number(r.id))
      if (ids.length === 0) {
        await conn.query('COMMIT;')
        return { rows: [], token }
      }
      const list = ids.map(() => '?').join(', ')
      await conn.query(
        `update ${table} set \`status\` = ?, \`locked_by\` = ?, \`claim_token\` = ?, \`locked_until\` = ?, \`updated_at\` = ?, \`attempts\` = \`attempts\` + 1 where \`id\` in (${list})`,
        ['running', workerId, token, at + LEASE_MS, at, ...ids],
      )
      const rows = await conn.query(`select * from ${table} where \`id\` in (${list})`, ids)
      await conn.query('COMMIT;')
      return { rows: rows.rows, token }
    } catch (error) {
      await conn.query('ROLLBACK;').catch(() => undefined)
      throw error
    } finally {
      conn.release()
    }
  }

  return {
    async enqueue(i, runAt) {
      const now = Date.now()
      await enqueuer.query(insertSql, [0, now, null, 5, JSON.stringify(payloadFor(i)), runAt, 'queued', JOB_TYPE, now])
    },
    async work(w) {
      const pool = workers[w]
      if (!pool) throw new Error(`no worker ${w}`)
      let claims = 0
      let lost = 0
      let done = 0
      for (;;) {
        const { rows, token } = await claim(pool, `bench-worker-${w}`)
        if (rows.length === 0) return { claims, lost, done }
        claims++
        const results = await Promise.all(
          rows.map((row) => {
            const now = Date.now()
            return pool.query(completeSql, ['completed', now, now, null, null, null, Number(row.id), token, 'running'])
          }),
        )
        for (const r of results) if (r.affected === 1) done++
        else lost++
      }
    },
  }
}

async function run(runner: Runner, jobs: number, cfg: BenchConfig): Promise<QueueRun> {
  const runAt = Date.now() - 1000
  const t0 = nowMs()
  await bounded(jobs, cfg.enqueueConcurrency, (i) => runner.enqueue(i, runAt))
  const t1 = nowMs()
  const outcomes = await Promise.all([runner.work(0), runner.work(1)])
  const t2 = nowMs()
  const done = outcomes.reduce((a, o) => a + o.done, 0)
  if (done !== jobs) throw new Error(`queue run completed ${done} of ${jobs} jobs`)
  return {
    jobs,
    enqueueMs: t1 - t0,
    processMs: t2 - t1,
    claims: outcomes.reduce((a, o) => a + o.claims, 0),
    lost: outcomes.reduce((a, o) => a + o.lost, 0),
  }
}

export async function queueBench(db: BenchDb, cfg: BenchConfig, log: (line: string) => void): Promise<QueueResult> {
  const pools: { knex: Knex[]; raw: RawPool[] } = { knex: [], raw: [] }
  try {
    const setup = db.knex(2)
    pools.knex.push(setup)
    const storage = db.storage(setup, 'q_')
    await storage.migrate()
    const table = storage.tables.sql('jobs')
    const truncate = () => db.admin.query(db.kind === 'postgres' ? `truncate table ${table} restart identity` : `truncate table ${table}`)

    // Pools are created once and reused by the warm-up and the measured run (connections open).
    const vkEnqueueKnex = db.knex(cfg.enqueueConcurrency)
    const vkWorkerKnex = [db.knex(cfg.workerPoolSize), db.knex(cfg.workerPoolSize)]
    pools.knex.push(vkEnqueueKnex, ...vkWorkerKnex)
    await Promise.all([prewarmKnex(vkEnqueueKnex, cfg.enqueueConcurrency), ...vkWorkerKnex.map((k) => prewarmKnex(k, cfg.workerPoolSize))])
    const vetkit = vetkitRunner(
      db.storage(vkEnqueueKnex, 'q_'),
      vkWorkerKnex.map((k) => db.storage(k, 'q_')),
      cfg.claimBatch,
    )

    const rawEnqueue = db.raw(cfg.enqueueConcurrency)
    const rawWorkers = [db.raw(cfg.workerPoolSize), db.raw(cfg.workerPoolSize)]
    pools.raw.push(rawEnqueue, ...rawWorkers)
    await Promise.all([prewarmRaw(rawEnqueue, cfg.enqueueConcurrency), ...rawWorkers.map((r) => prewarmRaw(r, cfg.workerPoolSize))])
    const raw = rawRunner(db, table, rawEnqueue, rawWorkers, cfg.claimBatch)

    if (cfg.warmupJobs > 0) {
      log(`  warm-up: ${cfg.warmupJobs} jobs through vetkit and through the raw driver (not timed)`)
      await truncate()
      await run(vetkit, cfg.warmupJobs, cfg)
      await truncate()
      await run(raw, cfg.warmupJobs, cfg)
    }

    const verified: string[] = []
    const verify = async (label: string, jobs: number) => {
      const rows = (
        await db.admin.query(`select status, count(*) as n, max(attempts) as max_attempts from ${table} group by status`)
      ).rows
      const summary = rows.map((r) => `${String(r.status)}=${String(r.n)} (max attempts ${String(r.max_attempts)})`).join(', ')
      const ok = rows.length === 1 && rows[0]?.status === 'completed' && Number(rows[0]?.n) === jobs && Number(rows[0]?.max_attempts) === 1
      verified.push(`${label}: ${summary} -> ${ok ? 'every job completed exactly once' : 'UNEXPECTED'}`)
      if (!ok) throw new Error(`${db.label} ${label} queue run left ${summary}`)
    }

    await truncate()
    log(`  vetkit: enqueue ${jobs(cfg)} (concurrency ${cfg.enqueueConcurrency}), then 2 workers claim ${cfg.claimBatch} + complete until empty`)
    const vetkitRun = await run(vetkit, cfg.jobs, cfg)
    await verify('vetkit', cfg.jobs)
    log(`    enqueue ${(vetkitRun.enqueueMs / 1000).toFixed(2)} s, claim+complete ${(vetkitRun.processMs / 1000).toFixed(2)} s`)

    await truncate()
    log(`  raw ${db.kind === 'postgres' ? 'pg' : 'mysql2'}: same statements, same concurrency`)
    const rawRun = await run(raw, cfg.jobs, cfg)
    await verify('raw driver', cfg.jobs)
    log(`    enqueue ${(rawRun.enqueueMs / 1000).toFixed(2)} s, claim+complete ${(rawRun.processMs / 1000).toFixed(2)} s`)
    await truncate()
    return { vetkit: vetkitRun, raw: rawRun, verified }
  } finally {
    await Promise.allSettled([...pools.knex.map((k) => k.destroy()), ...pools.raw.map((r) => r.end())])
  }
}

const jobs = (cfg: BenchConfig) => `${cfg.jobs.toLocaleString('en-US')} jobs`
