import type { HistoryStore, StoredHistoryEntry } from '../../ports/storage'
import type { StoreContext } from './store-context'
import { fromJson, ms, toDate, toIdOrNull, toJson } from './values'

type Row = Record<string, unknown>

function toEntry(row: Row): StoredHistoryEntry {
  return {
    id: String(row.id),
    checkId: String(row.check_id),
    subjectId: String(row.subject_id),
    eventType: String(row.event_type),
    fromStatus: (row.from_status as StoredHistoryEntry['fromStatus']) ?? null,
    toStatus: row.to_status as StoredHistoryEntry['toStatus'],
    actorKind: row.actor_kind as StoredHistoryEntry['actorKind'],
    actorId: String(row.actor_id),
    reason: (row.reason as string | null) ?? null,
    webhookEventId: toIdOrNull(row.webhook_event_id),
    details: fromJson<Record<string, unknown> | null>(row.details, null),
    occurredAt: toDate(row.occurred_at),
    recordedAt: toDate(row.recorded_at),
  }
}

export function historyStore(ctx: StoreContext): HistoryStore {
  const table = ctx.names.ref('check_events')
  return {
    async append(entry) {
      await ctx.db(table).insert({
        check_id: entry.checkId,
        subject_id: entry.subjectId,
        event_type: entry.eventType,
        from_status: entry.fromStatus,
        to_status: entry.toStatus,
        actor_kind: entry.actorKind,
        actor_id: entry.actorId,
        reason: entry.reason,
        webhook_event_id: entry.webhookEventId === null ? null : Number(entry.webhookEventId),
        details: entry.details === null ? null : toJson(entry.details),
        occurred_at: ms(entry.occurredAt),
        recorded_at: ms(entry.recordedAt),
      })
    },
    async listForCheck(checkId) {
      const rows = (await ctx.db(table).where({ check_id: checkId }).orderBy('id', 'asc')) as Row[]
      return rows.map(toEntry)
    },
  }
}
