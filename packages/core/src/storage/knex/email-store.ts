import type { EmailRecord, EmailStore } from '../../ports/storage'
import { insertIfAbsent } from './insert-helpers'
import type { StoreContext } from './store-context'
import { fromJson, ms, toDate, toDateOrNull, toInt, toJson } from './values'

type Row = Record<string, unknown>

function toEmail(row: Row): EmailRecord {
  return {
    id: String(row.id),
    dedupeKey: String(row.dedupe_key),
    subjectId: String(row.subject_id),
    checkId: (row.check_id as string | null) ?? null,
    template: String(row.template),
    data: fromJson<Record<string, unknown>>(row.data, {}),
    status: row.status as EmailRecord['status'],
    attempts: toInt(row.attempts),
    lastError: (row.last_error as string | null) ?? null,
    providerMessageId: (row.provider_message_id as string | null) ?? null,
    createdAt: toDate(row.created_at),
    sentAt: toDateOrNull(row.sent_at),
  }
}

export function emailStore(ctx: StoreContext): EmailStore {
  const table = ctx.names.ref('emails')
  const one = async (where: Row) => {
    const row = (await ctx.db(table).where(where).first()) as Row | undefined
    return row ? toEmail(row) : null
  }
  return {
    async insertIfAbsent(email) {
      const result = await insertIfAbsent(
        ctx,
        table,
        {
          id: email.id,
          dedupe_key: email.dedupeKey,
          subject_id: email.subjectId,
          check_id: email.checkId,
          template: email.template,
          data: toJson(email.data),
          status: 'queued',
          attempts: 0,
          created_at: ms(email.createdAt),
        },
        ['dedupe_key'],
      )
      return result.inserted
    },
    get: (id) => one({ id }),
    getByDedupeKey: (dedupeKey) => one({ dedupe_key: dedupeKey }),
    async listForCheck(checkId) {
      const rows = (await ctx.db(table).where({ check_id: checkId }).orderBy([{ column: 'created_at', order: 'asc' }, { column: 'id', order: 'asc' }])) as Row[]
      return rows.map(toEmail)
    },
    async markSent(id, update) {
      await ctx.db(table).where({ id }).update({
        status: 'sent',
        sent_at: ms(update.sentAt),
        provider_message_id: update.providerMessageId,
        attempts: ctx.db.raw('?? + 1', ['attempts']),
        last_error: null,
      })
    },
    async markFailed(id, update) {
      await ctx.db(table).where({ id }).update({
        status: update.final ? 'failed' : 'queued',
        last_error: update.error,
        attempts: ctx.db.raw('?? + 1', ['attempts']),
      })
    },
  }
}
