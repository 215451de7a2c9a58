import type { WebhookLedger, WebhookRecord } from '../../ports/storage'
import { VetkitError } from '../../errors'
import { insertIfAbsent, insertReturningId } from './insert-helpers'
import { decodeCursor, encodeCursor, pageLimit } from './keyset-cursor'
import type { StoreContext } from './store-context'
import { ms, toDate, toDateOrNull, toInt, toJson } from './values'
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
  }
}

export function webhookLedger(ctx: StoreContext): WebhookLedger {
  const table = ctx.names.ref('webhook_events')
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

    async recordAndEnqueue(receipt, job) {
      const jobs = ctx.names.ref('jobs')
      const payload = toJson(job.payload)
      if (!payload.startsWith('{"')) throw new VetkitError('invalid_argument', 'the job payload must be a non-empty object', { field: 'payload' })
      if (ctx.dialect === 'postgres') {
        // One round trip: the job row exists iff the ledger row was new. Its payload and dedupe
        // key embed the new ledger id, spliced in as text (both halves are bound parameters).
        const result = await ctx.db.raw(
          `WITH ins AS (
             INSERT INTO ?? (provider, event_id, event_type, received_at, http_status, auth_outcome, processing_outcome, attempts)
             VALUES (?, ?, ?, ?, ?, ?, ?, 0)
             ON CONFLICT (provider, event_id) DO NOTHING
             RETURNING id)
           INSERT INTO ?? (type, payload, status, run_at, attempts, max_attempts, dedupe_key, created_at, updated_at)
           SELECT ?, ? || ins.id::text || ?, 'queued', ?, 0, ?, ? || ins.id::text, ?, ? FROM ins
           RETURNING id`,
          [
            table, receipt.provider, receipt.eventId, receipt.eventType, ms(receipt.receivedAt), receipt.httpStatus, receipt.authOutcome, receipt.processingOutcome,
            jobs, job.type, '{"webhookId":"', `",${payload.slice(1)}`, ms(job.runAt), job.maxAttempts, 'webhook:', ms(job.now), ms(job.now),
          ],
        )
        return { inserted: ((result as { rows?: unknown[] }).rows ?? []).length > 0 }
      }
      return inTransaction(ctx, async (trx) => {
        const scoped = { ...ctx, db: trx }
        const row = {
          provider: receipt.provider, event_id: receipt.eventId, event_type: receipt.eventType, received_at: ms(receipt.receivedAt),
          http_status: receipt.httpStatus, auth_outcome: receipt.authOutcome, processing_outcome: receipt.processingOutcome, attempts: 0,
        }
        const inserted = await insertIfAbsent(scoped, table, row, ['provider', 'event_id'])
        if (!inserted.inserted || inserted.id === null) return { inserted: false }
        await trx(jobs).insert({
          type: job.type, payload: toJson({ webhookId: inserted.id, ...job.payload }), status: 'queued', run_at: ms(job.runAt), attempts: 0,
          max_attempts: job.maxAttempts, dedupe_key: `webhook:${inserted.id}`, created_at: ms(job.now), updated_at: ms(job.now),
        })
        return { inserted: true }
      })
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
      const row = (await ctx.db(table).where({ id }).first()) as Row | undefined
      return row ? toRecord(row) : null
    },

    async list(query) {
      const limit = pageLimit(query.limit)
      const cursor = decodeCursor(query.cursor, 'received_desc')
      const q = ctx.db(table)
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
