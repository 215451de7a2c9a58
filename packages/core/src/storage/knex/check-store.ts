import type { Knex } from 'knex'
import type { CheckListFilter, CheckListItem, CheckListQuery, Page } from '../../ports/storage'
import type { CheckBackend } from '../../ports/storage-backend'
import { IN_PROGRESS_STATUSES, TERMINAL_STATUSES, type CheckStatus } from '../../domain/check-status'
import { VetkitError } from '../../errors'
import { refColumns, stateColumns, toStoredCheck } from './check-row'
import { decodeCursor, encodeCursor, pageLimit } from './keyset-cursor'
import type { StoreContext } from './store-context'
import { affected, ms, msOrNull, toBool, toDate, toDateOrNull } from './values'

type Row = Record<string, unknown>
const DAY_MS = 24 * 3600 * 1000

export function checkStore(ctx: StoreContext): CheckBackend {
  const table = ctx.names.ref('checks')
  const toRecord = (row: Row) => toStoredCheck(row)
  const select = (limit: number, where: (q: Knex.QueryBuilder) => Knex.QueryBuilder, order: string) =>
    where(ctx.db(table)).orderBy([{ column: order, order: 'asc' }, { column: 'id', order: 'asc' }]).limit(limit) as Promise<Row[]>

  return {
    async insert(check) {
      await ctx.db(table).insert({
        id: check.id,
        subject_id: check.subjectId,
        provider: check.provider,
        package_slug: check.packageSlug,
        version: 0,
        ...stateColumns(check.state),
        ...refColumns(check.refs),
        previous_check_id: check.previousCheckId,
        next_reminder_at: msOrNull(check.nextReminderAt),
        created_at: ms(check.createdAt),
        updated_at: ms(check.createdAt),
      })
    },

    async get(id) {
      const row = (await ctx.db(table).where({ id }).first()) as Row | undefined
      return row ? toRecord(row) : null
    },

    async listForSubject(subjectId) {
      const rows = (await ctx.db(table).where({ subject_id: subjectId }).orderBy([{ column: 'created_at', order: 'asc' }, { column: 'id', order: 'asc' }])) as Row[]
      return rows.map(toRecord)
    },

    async findByProviderRef(provider, kind, index) {
      const rows = (await ctx.db(table).where({ provider, [`${kind}_id_idx`]: index }).orderBy('created_at', 'asc')) as Row[]
      return rows.map(toRecord)
    },

    async compareAndSet(transition) {
      const update: Row = {
        ...stateColumns(transition.state),
        ...refColumns(transition.refs),
        version: ctx.db.raw('?? + 1', ['version']),
        updated_at: ms(transition.now),
      }
      if (transition.nextReminderAt !== undefined) update.next_reminder_at = msOrNull(transition.nextReminderAt)
      const result = await ctx.db(table).where({ id: transition.id, version: transition.expectedVersion }).update(update)
      return affected(result) === 1
    },

    async setNextReminderAt(id, nextReminderAt, now) {
      await ctx.db(table).where({ id }).update({ next_reminder_at: msOrNull(nextReminderAt), updated_at: ms(now) })
    },

    async listExpired(now, limit) {
      const rows = await select(limit, (q) => q.where('status', 'passed').where('valid_until', '<=', ms(now)), 'valid_until')
      return rows.map(toRecord)
    },

    async listDueReminders(now, limit) {
      const rows = await select(limit, (q) => q.where('next_reminder_at', '<=', ms(now)), 'next_reminder_at')
      return rows.map(toRecord)
    },

    async listDueFinalNotices(now, limit) {
      const rows = await select(limit, (q) => q.where('status', 'pre_adverse').where('adverse_final_due_at', '<=', ms(now)), 'adverse_final_due_at')
      return rows.map(toRecord)
    },

    list: (query) => listChecks(ctx, query),
    count: (filter) => countChecks(ctx, filter),
  }
}

/** Each order's column and direction; the cursor names its order, so a cursor from another is refused. */
const ORDERS = {
  created_desc: { column: 'c.created_at', direction: 'desc', key: (item: CheckListItem) => item.createdAt.getTime() },
  created_asc: { column: 'c.created_at', direction: 'asc', key: (item: CheckListItem) => item.createdAt.getTime() },
  updated_desc: { column: 'c.updated_at', direction: 'desc', key: (item: CheckListItem) => item.updatedAt.getTime() },
  updated_asc: { column: 'c.updated_at', direction: 'asc', key: (item: CheckListItem) => item.updatedAt.getTime() },
  valid_until_asc: { column: 'c.valid_until', direction: 'asc', key: (item: CheckListItem) => item.validUntil?.getTime() ?? null },
} as const satisfies Record<string, { column: string; direction: 'asc' | 'desc'; key: (item: CheckListItem) => number | null }>

/**
 * The admin review list. Keyset pagination on (sort key, id) so a page costs the same at row
 * 1,000,000 as at row 0: newest first by default; soonest expiry first when filtering on expiry.
 */
async function listChecks(ctx: StoreContext, query: CheckListQuery): Promise<Page<CheckListItem>> {
  const limit = pageLimit(query.limit)
  const sort = query.sort ?? (query.expiringWithinDays !== undefined ? 'valid_until_asc' : 'created_desc')
  if (!Object.hasOwn(ORDERS, sort)) throw new VetkitError('invalid_argument', `sort must be one of ${Object.keys(ORDERS).join(', ')}`, { field: 'sort' })
  const order = ORDERS[sort]
  const cursor = decodeCursor(query.cursor, sort)

  const q = ctx.db({ c: ctx.names.ref('checks') })
    .leftJoin({ s: ctx.names.ref('subjects') }, 's.id', 'c.subject_id')
    .select(
      'c.id', 'c.subject_id', 's.email', 's.display_name', 'c.status', 'c.outcome', 'c.jurisdiction', 'c.provider',
      'c.created_at', 'c.updated_at', 'c.report_completed_at', 'c.report_eta', 'c.valid_until', 'c.adverse_started_at', 'c.adverse_final_due_at',
      'c.in_dispute', 'c.dispute_opened_at', 'c.closed_reason',
      // The newest consent, per row of the page only (the consents index on subject and time).
      ctx.db(ctx.names.ref('consents')).max('signed_at').where('subject_id', ctx.db.ref('c.subject_id')).as('consent_signed_at'),
    )
  if (!applyFilter(q, query)) return { items: [], nextCursor: null }

  const { column, direction } = order
  if (cursor) {
    const op = direction === 'desc' ? '<' : '>'
    const value = cursor.value
    // `sort <= v AND (sort < v OR id < i)`: the first conjunct keeps the index range tight.
    q.where(column, `${op}=`, value as number).where((w) => {
      w.where(column, op, value as number).orWhere((x) => x.where(column, value as number).where('c.id', op, cursor.id))
    })
  }
  q.orderBy([{ column, order: direction }, { column: 'c.id', order: direction }]).limit(limit + 1)

  const rows = (await q) as Row[]
  const items = rows.slice(0, limit).map(toListItem)
  const last = items.at(-1)
  const nextCursor = rows.length > limit && last ? encodeCursor({ sort, value: order.key(last), id: last.id }) : null
  return { items, nextCursor }
}

async function countChecks(ctx: StoreContext, filter: CheckListFilter): Promise<number> {
  const q = ctx.db({ c: ctx.names.ref('checks') }).leftJoin({ s: ctx.names.ref('subjects') }, 's.id', 'c.subject_id')
  if (!applyFilter(q, filter)) return 0
  const row = (await q.count({ n: '*' }).first()) as { n: number | string } | undefined
  return Number(row?.n ?? 0)
}

/** Narrows `q` (checks `c` joined to subjects `s`) to the filter; false when nothing can match. */
function applyFilter(q: Knex.QueryBuilder, query: CheckListFilter): boolean {
  const now = ms(query.now)
  // Filters intersect: each narrows the set of statuses the others allow (null: no constraint).
  let statuses: Set<CheckStatus> | null = query.statuses ? new Set(query.statuses) : null
  const narrow = (only: readonly CheckStatus[]) => {
    statuses = new Set(statuses === null ? only : [...statuses].filter((s) => only.includes(s)))
  }
  if (query.inDispute) q.where('c.in_dispute', true)
  if (query.closedReason !== undefined) {
    narrow(TERMINAL_STATUSES)
    q.where('c.closed_reason', query.closedReason)
  }
  if (query.awaitingAdverseAction) narrow(['pre_adverse'])
  if (query.pendingLongerThanDays !== undefined) {
    narrow(IN_PROGRESS_STATUSES)
    q.where('c.created_at', '<=', now - nonNegativeDays(query.pendingLongerThanDays, 'pendingLongerThanDays') * DAY_MS)
  }
  if (query.expiringWithinDays !== undefined) {
    narrow(['passed'])
    q.where('c.valid_until', '>', now).where('c.valid_until', '<=', now + nonNegativeDays(query.expiringWithinDays, 'expiringWithinDays') * DAY_MS)
  }
  const allowed: CheckStatus[] | null = statuses === null ? null : [...(statuses as Set<CheckStatus>)]
  if (allowed !== null && allowed.length === 0) return false
  if (allowed?.length === 1) q.where('c.status', allowed[0] as string)
  else if (allowed !== null) q.whereIn('c.status', allowed)

  const search = query.search?.trim()
  if (search) {
    if (search.length > 320) throw new VetkitError('invalid_argument', 'search is too long', { field: 'search' })
    // Backslash is the default LIKE escape on both dialects; an explicit ESCAPE clause would
    // keep PostgreSQL from using the index for the prefix.
    const prefix = `${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    if (search.includes('@')) {
      q.whereRaw('?? like ?', ['s.email', prefix])
    } else {
      q.where((w) => {
        w.where('c.subject_id', search).orWhere('c.id', search).orWhereRaw('lower(??) like ?', ['s.display_name', prefix])
      })
    }
  }
  return true
}

function nonNegativeDays(days: number, field: string): number {
  if (!Number.isInteger(days) || days < 0 || days > 36500) {
    throw new VetkitError('invalid_argument', `${field} must be a whole number of days from 0 to 36500`, { field })
  }
  return days
}

function toListItem(row: Row): CheckListItem {
  return {
    id: String(row.id),
    subjectId: String(row.subject_id),
    subjectEmail: (row.email as string | null) ?? null,
    subjectName: (row.display_name as string | null) ?? null,
    status: row.status as CheckStatus,
    outcome: (row.outcome as CheckListItem['outcome']) ?? null,
    jurisdiction: String(row.jurisdiction),
    provider: String(row.provider),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    reportCompletedAt: toDateOrNull(row.report_completed_at),
    reportEta: toDateOrNull(row.report_eta),
    validUntil: toDateOrNull(row.valid_until),
    finalNoticeDueAt: toDateOrNull(row.adverse_final_due_at),
    adverseActionPaused: row.adverse_started_at != null && row.adverse_final_due_at == null && row.status !== 'failed',
    inDispute: toBool(row.in_dispute),
    disputeOpenedAt: toDateOrNull(row.dispute_opened_at),
    closedReason: (row.closed_reason as CheckListItem['closedReason']) ?? null,
    consentSignedAt: toDateOrNull(row.consent_signed_at),
  }
}
