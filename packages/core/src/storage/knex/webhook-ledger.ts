import type { WebhookRecord } from '../../ports/storage'
import type { WebhookLedgerBackend } from '../../ports/storage-backend'
import { VetkitError } from '../../errors'
import { insertIfAbsent, insertReturningId } from './insert-helpers'
import { insertJobsFromSelect, jobQueue } from './job-queue'
import { decodeCursor, encodeCursor, pageLimit } from './keyset-cursor'
import type { StoreContext } from './store-context'
import { ms, toDate, toDateOrNull, toInt } from './values'
import { inTransaction } from './store-context'

type Row = Record<string, unknown>

function toRecord(row: Row): WebhookRecord {
  return {
    id: String(row.id),
    provider: String(row.provider),
    eventId: (row.event_id as string | null) ?? null,
    eventType: (row.event_type as string | null) ?? null,
    receivedAt: toDate(row.received_at),
    httpStatus: toInt(row.http_status),
    authOutcome: row.auth_outcome as WebhookRecord['authOutcome'],
    processingOutcome: row.processing_outcome as WebhookRecord['processingOutcome'],
    processedAt: toDateOrNull(row.processed_at),
    errorCode: (row.error_code as string | null) ?? null,
    checkId: (row.check_id as string | null) ?? null,
    attempts: toInt(row.attempts),
    source: (row.source as string | null) ?? null,
    lastReceivedAt: toDateOrNull(row.last_received_at),
  }
}

/** The sealed event is bound to its provider's context: a ciphertext moved elsewhere does not open. */

const LIST_COLUMNS = [
  'id', 'provider', 'event_id', 'event_type', 'received_at', 'http_status', 'auth_outcome', 'processing_outcome',
  'processed_at', 'error_code', 'check_id', 'attempts', 'source', 'last_received_at',
]

export function webhookLedger(ctx: StoreContext): WebhookLedgerBackend {
  const table = ctx.names.ref('webhook_events')
  const sql = ctx.names.sql('webhook_events')
  return {
    async record(receipt) {
      const row = {
        provider: receipt.provider,
        event_id: receipt.eventId,
        event_type: receipt.eventType,
        received_at: ms(receipt.receivedAt),
        http_status: receipt.httpStatus,
        auth_outcome: receipt.authOutcome,
        processing_outcome: receipt.processingOutcome,
        attempts: 0,
      }
      if (receipt.eventId === null) return { inserted: true, id: await insertReturningId(ctx, table, row) }
      const result = await insertIfAbsent(ctx, table, row, ['provider', 'event_id'])
      if (result.inserted && result.id !== null) return { inserted: true, id: result.id }
      const existing = (await ctx.db(table).where({ provider: receipt.provider, event_id: receipt.eventId }).first('id')) as Row | undefined
      if (!existing) throw new VetkitError('storage_conflict', 'webhook event vanished between insert and read')
      return { inserted: false, id: String(existing.id) }
    },

    async recordRefusal(refusal) {
      const at = ms(refusal.receivedAt)
      const slot = Math.floor(at / refusal.windowMs)
      // One row per provider, reason, status, source and window: the attack costs one row an hour.
      const key = [refusal.provider, refusal.authOutcome, refusal.httpStatus, refusal.source ?? '-', refusal.windowMs, slot].join('|').slice(0, 191)
      const row = {
        provider: refusal.provider,
        event_id: null,
        event_type: null,
        received_at: at,
        last_received_at: at,
        http_status: refusal.httpStatus,
        auth_outcome: refusal.authOutcome,
        processing_outcome: 'not_processed',
        attempts: 1,
        source: refusal.source,
        refusal_key: key,
      }
      if (ctx.dialect === 'postgres') {
        const result = await ctx.db.raw(
          `INSERT INTO ${sql} (provider, event_id, event_type, received_at, last_received_at, http_status, auth_outcome, processing_outcome, attempts, source, refusal_key)
           VALUES (?, NULL, NULL, ?, ?, ?, ?, ?, 1, ?, ?)
           ON CONFLICT (refusal_key) DO UPDATE SET attempts = ${sql}.attempts + 1, last_received_at = GREATEST(${sql}.last_received_at, EXCLUDED.last_received_at)
           RETURNING attempts`,
          [row.provider, at, at, row.http_status, row.auth_outcome, row.processing_outcome, row.source, key],
        )
        return { count: toInt((result as { rows: Row[] }).rows[0]?.attempts) }
      }
      return inTransaction(ctx, async (trx) => {
        await trx.raw(
          `INSERT INTO ${sql} (provider, event_id, event_type, received_at, last_received_at, http_status, auth_outcome, processing_outcome, attempts, source, refusal_key)
           VALUES (?, NULL, NULL, ?, ?, ?, ?, ?, 1, ?, ?)
           ON DUPLICATE KEY UPDATE attempts = attempts + 1, last_received_at = GREATEST(last_received_at, VALUES(last_received_at))`,
          [row.provider, at, at, row.http_status, row.auth_outcome, row.processing_outcome, row.source, key],
        )
        const counted = (await trx(table).where({ refusal_key: key }).first('attempts')) as Row | undefined
        return { count: toInt(counted?.attempts) }
      })
    },

    async recordAndEnqueue(receipt, sealed, job) {
      // The event arrives sealed (it holds provider ids); the job holds only a reference to its row.
      if (ctx.dialect === 'postgres') {
        // One round trip: the job row exists iff the ledger row was new, and refers to it.
        const enqueue = insertJobsFromSelect(ctx, job, 'ins')
        const result = await ctx.db.raw(
          `WITH ins AS (
             INSERT INTO ?? (provider, event_id, event_type, received_at, http_status, auth_outcome, processing_outcome, attempts, event_enc)
             VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
             ON CONFLICT (provider, event_id) DO NOTHING
             RETURNING id)
           ${enqueue.sql}
           RETURNING id`,
          [table, receipt.provider, receipt.eventId, receipt.eventType, ms(receipt.receivedAt), receipt.httpStatus, receipt.authOutcome, receipt.processingOutcome, sealed, ...enqueue.bindings],
        )
        return { inserted: ((result as { rows?: unknown[] }).rows ?? []).length > 0 }
      }
      return inTransaction(ctx, async (trx) => {
        const scoped = { ...ctx, db: trx }
        const row = {
          provider: receipt.provider, event_id: receipt.eventId, event_type: receipt.eventType, received_at: ms(receipt.receivedAt),
          http_status: receipt.httpStatus, auth_outcome: receipt.authOutcome, processing_outcome: receipt.processingOutcome, attempts: 0, event_enc: sealed,
        }
        const inserted = await insertIfAbsent(scoped, table, row, ['provider', 'event_id'])
        if (!inserted.inserted || inserted.id === null) return { inserted: false }
        await jobQueue(scoped).enqueue({ ...job, ref: inserted.id })
        return { inserted: true }
      })
    },

    async readEvent(id) {
      const row = (await ctx.db(table).where({ id }).first('provider', 'event_enc')) as Row | undefined
      if (!row || row.event_enc == null) return null
      return { provider: String(row.provider), sealedEvent: String(row.event_enc) }
    },

    async setProcessingOutcome(id, update) {
      const fields: Row = {
        processing_outcome: update.outcome,
        processed_at: ms(update.processedAt),
        attempts: ctx.db.raw('?? + 1', ['attempts']),
      }
      if (update.errorCode !== undefined) fields.error_code = update.errorCode
      if (update.checkId !== undefined) fields.check_id = update.checkId
      await ctx.db(table).where({ id }).update(fields)
    },

    async get(id) {
      const row = (await ctx.db(table).where({ id }).first(LIST_COLUMNS)) as Row | undefined
      return row ? toRecord(row) : null
    },

    async list(query) {
      const limit = pageLimit(query.limit)
      const cursor = decodeCursor(query.cursor, 'received_desc', { numericId: true })
      const q = ctx.db(table).select(LIST_COLUMNS)
      if (query.provider !== undefined) q.where('provider', query.provider)
      if (query.eventType !== undefined) q.where('event_type', query.eventType)
      if (query.processingOutcome !== undefined) q.where('processing_outcome', query.processingOutcome)
      if (query.authOutcome !== undefined) q.where('auth_outcome', query.authOutcome)
      if (query.httpStatus !== undefined) q.where('http_status', query.httpStatus)
      if (cursor) {
        const value = cursor.value as number
        q.where('received_at', '<=', value).where((w) => {
          w.where('received_at', '<', value).orWhere((x) => x.where('received_at', value).where('id', '<', Number(cursor.id)))
        })
      }
      const rows = (await q.orderBy([{ column: 'received_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit + 1)) as Row[]
      const items = rows.slice(0, limit).map(toRecord)
      const last = items.at(-1)
      const nextCursor = rows.length > limit && last ? encodeCursor({ sort: 'received_desc', value: last.receivedAt.getTime(), id: last.id }) : null
      return { items, nextCursor }
    },
  }
}
