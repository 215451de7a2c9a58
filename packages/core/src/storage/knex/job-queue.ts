import { randomUUID } from 'node:crypto'
import type { Knex } from 'knex'
import type { ClaimedJob, JobQueue, JobRecord, JobStatus, NewJob } from '../../ports/storage'
import { VetkitError } from '../../errors'
import { insertIfAbsent, insertReturningId } from './insert-helpers'
import { decodeCursor, encodeCursor, pageLimit } from './keyset-cursor'
import { withLockRetry } from './dialect'
import { inTransaction, type StoreContext } from './store-context'
import { affected, fromJson, ms, toDate, toDateOrNull, toInt, toJson } from './values'

type Row = Record<string, unknown>

const DEFAULT_MAX_ATTEMPTS = 5
/** Errors are kept for diagnosis, bounded so a huge stack cannot bloat the table. */
const MAX_ERROR_LENGTH = 4000

function toJob(row: Row): JobRecord {
  return {
    id: String(row.id),
    type: String(row.type),
    payload: fromJson<Record<string, unknown>>(row.payload, {}),
    status: row.status as JobStatus,
    runAt: toDate(row.run_at),
    attempts: toInt(row.attempts),
    maxAttempts: toInt(row.max_attempts),
    dedupeKey: (row.dedupe_key as string | null) ?? null,
    ref: row.ref_id == null ? null : String(row.ref_id),
    lockedBy: (row.locked_by as string | null) ?? null,
    lockedUntil: toDateOrNull(row.locked_until),
    lastError: (row.last_error as string | null) ?? null,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    completedAt: toDateOrNull(row.completed_at),
  }
}

const released = { locked_by: null, claim_token: null, locked_until: null }

/** The columns of a new job row. Every job row is written from here, or from the statement below. */
function jobRow(job: NewJob): Row {
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new VetkitError('invalid_argument', 'maxAttempts must be a positive integer', { field: 'maxAttempts' })
  }
  return {
    type: job.type,
    payload: toJson(job.payload),
    status: 'queued',
    run_at: ms(job.runAt),
    attempts: 0,
    max_attempts: maxAttempts,
    dedupe_key: job.dedupeKey ?? null,
    ref_id: job.ref ?? null,
    created_at: ms(job.now),
    updated_at: ms(job.now),
  }
}

/**
 * `INSERT INTO jobs ... SELECT ... FROM <source>` (PostgreSQL): the job of a row inserted in the
 * same statement, one job per row `source` yields, its `ref_id` that row's id. For a store that
 * enqueues in one round trip (the webhook ledger); the columns are the ones `jobRow` writes.
 */
export function insertJobsFromSelect(ctx: StoreContext, job: Omit<NewJob, 'ref'>, source: string): { sql: string; bindings: Knex.Value[] } {
  const row = jobRow(job)
  const columns = Object.keys(row)
  const values = columns.map((column) => (column === 'ref_id' ? `${source}.id::text` : '?'))
  return {
    sql: `INSERT INTO ${ctx.names.sql('jobs')} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM ${source}`,
    bindings: columns.filter((column) => column !== 'ref_id').map((column) => row[column] as Knex.Value),
  }
}

/**
 * A durable job queue in the application's own database. Claims use `FOR UPDATE SKIP LOCKED`, so
 * any number of worker processes share one table without ever running a job twice at once; a
 * claim token fences a worker whose lease expired from completing a job someone else now holds.
 */
export function jobQueue(ctx: StoreContext): JobQueue {
  const ref = ctx.names.ref('jobs')
  const sql = ctx.names.sql('jobs')
  const held = (job: ClaimedJob) => ({ id: Number(job.id), claim_token: job.claimToken, status: 'running' })

  return {
    async enqueue(job) {
      const row = jobRow(job)
      if (job.dedupeKey == null) return { id: await insertReturningId(ctx, ref, row), inserted: true }
      const result = await insertIfAbsent(ctx, ref, row, ['dedupe_key'])
      if (result.inserted && result.id !== null) return { id: result.id, inserted: true }
      const existing = (await ctx.db(ref).where({ dedupe_key: job.dedupeKey }).first('id')) as Row | undefined
      if (!existing) throw new VetkitError('storage_conflict', 'job vanished between insert and read')
      return { id: String(existing.id), inserted: false }
    },

    async claim(options) {
      const { limit, leaseMs, now } = options
      if (limit < 1) return []
      const token = randomUUID()
      const at = ms(now)
      const lock = { status: 'running', locked_by: options.workerId.slice(0, 64), claim_token: token, locked_until: at + leaseMs, updated_at: at }
      const types = options.types && options.types.length > 0 ? options.types : null
      const typeFilter = types ? ` AND type IN (${types.map(() => '?').join(', ')})` : ''
      const dueBindings = ['queued', at, ...(types ?? []), limit]

      if (ctx.dialect === 'postgres') {
        // One statement: pick due rows nobody holds, lock them, and mark them claimed.
        const result = await ctx.db.raw(
          `UPDATE ${sql} SET status = ?, attempts = attempts + 1, locked_by = ?, claim_token = ?, locked_until = ?, updated_at = ?
           WHERE id IN (SELECT id FROM ${sql} WHERE status = ? AND run_at <= ?${typeFilter}
                        ORDER BY run_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
           RETURNING *`,
          [lock.status, lock.locked_by, lock.claim_token, lock.locked_until, lock.updated_at, ...dueBindings],
        )
        return sortDue((result as { rows: Row[] }).rows.map((row) => ({ ...toJob(row), claimToken: token })))
      }

      return inTransaction(ctx, async (trx) => {
        const picked = (await trx.raw(
          `SELECT id FROM ${sql} WHERE status = ? AND run_at <= ?${typeFilter} ORDER BY run_at, id LIMIT ? FOR UPDATE SKIP LOCKED`,
          dueBindings,
        )) as [Row[], unknown]
        const ids = picked[0].map((row) => Number(row.id))
        if (ids.length === 0) return []
        await trx(ref).whereIn('id', ids).update({ ...lock, attempts: trx.raw('?? + 1', ['attempts']) })
        const rows = (await trx(ref).whereIn('id', ids)) as Row[]
        return sortDue(rows.map((row) => ({ ...toJob(row), claimToken: token })))
      })
    },

    async complete(job, now) {
      const result = await withLockRetry(() => ctx.db(ref).where(held(job)).update({ status: 'completed', completed_at: ms(now), updated_at: ms(now), ...released }))
      return affected(result) === 1
    },

    async fail(job, failure) {
      return inTransaction(ctx, async (trx) => {
        const row = (await trx(ref).where(held(job)).forUpdate().first('attempts', 'max_attempts')) as Row | undefined
        if (!row) return 'lease_lost' as const
        const dead = failure.final === true || toInt(row.attempts) >= toInt(row.max_attempts)
        await trx(ref)
          .where(held(job))
          .update({
            status: dead ? 'dead' : 'queued',
            run_at: dead ? ms(failure.now) : ms(failure.retryAt),
            last_error: failure.error.slice(0, MAX_ERROR_LENGTH),
            updated_at: ms(failure.now),
            ...released,
          })
        return dead ? ('dead' as const) : ('retrying' as const)
      })
    },

    async extendLease(job, until, now) {
      const result = await withLockRetry(() => ctx.db(ref).where(held(job)).update({ locked_until: ms(until), updated_at: ms(now) }))
      return affected(result) === 1
    },

    async renewClaim(claimToken, until, now) {
      const result = await withLockRetry(() => ctx.db(ref).where({ claim_token: claimToken, status: 'running' }).update({ locked_until: ms(until), updated_at: ms(now) }))
      return affected(result)
    },

    async reclaimExpired(now) {
      const at = ms(now)
      return inTransaction(ctx, async (trx) => {
        const expired = () => trx(ref).where('status', 'running').where('locked_until', '<=', at)
        // A job that keeps killing its worker must not loop forever: out of attempts -> dead.
        const exhausted = (await expired().whereRaw('attempts >= max_attempts').forUpdate().select('id')) as Row[]
        const deadIds = exhausted.map((row) => Number(row.id))
        if (deadIds.length > 0) {
          await trx(ref)
            .whereIn('id', deadIds)
            .update({ status: 'dead', last_error: 'lease expired: the worker stopped without finishing (attempts exhausted)', updated_at: at, ...released })
        }
        // Back in the queue with their own run time, so they are claimed before newer work.
        const requeued = affected(await expired().update({ status: 'queued', last_error: 'lease expired: the worker stopped without finishing', updated_at: at, ...released }))
        const deadJobs = deadIds.length > 0 ? ((await trx(ref).whereIn('id', deadIds)) as Row[]).map(toJob) : []
        return { requeued, dead: deadJobs.length, deadJobs }
      })
    },

    async redrive(id, now) {
      const result = await ctx.db(ref)
        .where({ id: Number(id), status: 'dead' })
        .update({ status: 'queued', attempts: 0, run_at: ms(now), updated_at: ms(now), ...released })
      return affected(result) === 1
    },

    async get(id) {
      const row = (await ctx.db(ref).where({ id: Number(id) }).first()) as Row | undefined
      return row ? toJob(row) : null
    },

    async getByDedupeKey(dedupeKey) {
      const row = (await ctx.db(ref).where({ dedupe_key: dedupeKey }).first()) as Row | undefined
      return row ? toJob(row) : null
    },

    async listDead(query) {
      const limit = pageLimit(query.limit)
      const cursor = decodeCursor(query.cursor, 'dead_desc', { numericId: true })
      const q = ctx.db(ref).where('status', 'dead')
      if (cursor) q.where('id', '<', Number(cursor.id))
      const rows = (await q.orderBy('id', 'desc').limit(limit + 1)) as Row[]
      const items = rows.slice(0, limit).map(toJob)
      const last = items.at(-1)
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ sort: 'dead_desc', value: null, id: last.id }) : null }
    },

    async countByStatus() {
      const rows = (await ctx.db(ref).select('status').count({ n: '*' }).groupBy('status')) as Row[]
      const counts: Record<JobStatus, number> = { queued: 0, running: 0, completed: 0, dead: 0 }
      for (const row of rows) counts[row.status as JobStatus] = toInt(row.n)
      return counts
    },

    async prune({ completedBefore, deadBefore, limit }) {
      // Oldest first within each status, through the (status, updated_at) index; bounded per call.
      let deleted = 0
      for (const [status, before] of [['completed', completedBefore], ['dead', deadBefore]] as const) {
        const room = limit - deleted
        if (room <= 0) break
        const bindings = [status, ms(before), room]
        const result =
          ctx.dialect === 'postgres'
            ? await ctx.db.raw(`DELETE FROM ${sql} WHERE id IN (SELECT id FROM ${sql} WHERE status = ? AND updated_at < ? ORDER BY updated_at LIMIT ?)`, bindings)
            : await ctx.db.raw(`DELETE FROM ${sql} WHERE status = ? AND updated_at < ? ORDER BY updated_at LIMIT ?`, bindings)
        deleted += rawAffected(result)
      }
      return { deleted }
    },

    async nextRunAt() {
      // Served by the (status, run_at, id) index: the first entry of the queued range.
      const row = (await ctx.db(ref).select('run_at').where('status', 'queued').orderBy('run_at').limit(1).first()) as Row | undefined
      return row ? toDate(row.run_at) : null
    },
  }
}

/** Rows changed by a raw statement: `rowCount` (pg), `affectedRows` (PGlite; mysql2's result header). */
function rawAffected(result: unknown): number {
  const header: unknown = Array.isArray(result) ? result[0] : result
  const { rowCount, affectedRows } = (header ?? {}) as { rowCount?: unknown; affectedRows?: unknown }
  if (typeof rowCount === 'number') return rowCount
  return typeof affectedRows === 'number' ? affectedRows : 0
}

function sortDue(jobs: ClaimedJob[]): ClaimedJob[] {
  return jobs.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || Number(a.id) - Number(b.id))
}

