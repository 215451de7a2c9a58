import type { OutboxEvent, OutboxStore } from '../../ports/storage'
import { insertReturningId } from './insert-helpers'
import type { StoreContext } from './store-context'
import { fromJson, ms, toDate, toJson } from './values'

type Row = Record<string, unknown>

function toEvent(row: Row): OutboxEvent {
  return {
    id: String(row.id),
    type: String(row.type),
    subjectId: (row.subject_id as string | null) ?? null,
    checkId: (row.check_id as string | null) ?? null,
    payload: fromJson<Record<string, unknown>>(row.payload, {}),
    createdAt: toDate(row.created_at),
  }
}

export function outboxStore(ctx: StoreContext): OutboxStore {
  const table = ctx.names.ref('outbox')
  return {
    async append(event) {
      const id = await insertReturningId(ctx, table, {
        type: event.type,
        subject_id: event.subjectId,
        check_id: event.checkId,
        payload: toJson(event.payload),
        created_at: ms(event.createdAt),
      })
      return { id }
    },
    async get(id) {
      const row = (await ctx.db(table).where({ id }).first()) as Row | undefined
      return row ? toEvent(row) : null
    },
    async listAfter(afterId, limit) {
      const q = ctx.db(table).orderBy('id', 'asc').limit(limit)
      if (afterId !== null) q.where('id', '>', Number(afterId))
      return ((await q) as Row[]).map(toEvent)
    },
  }
}
