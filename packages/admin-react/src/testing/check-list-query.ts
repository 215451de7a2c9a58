import { CHECK_LIST_SORTS, REVIEW_QUEUE_NAMES, REVIEW_QUEUES, type CheckListSort, type ReviewQueue, type ReviewQueueFilter } from '@vetkit/core/client'
import { TERMINAL_STATUSES } from '../api/status-groups'
import type { CheckPage, CheckSummary } from '../api/types'
import { keysetPage } from './keyset-cursor'
import { oneOf, wholeNumber } from './query-params'

const DAY_MS = 86_400_000

type Order = { key: (row: CheckSummary) => number | null; descending: boolean }
const ORDERS: Record<CheckListSort | 'valid_until_asc', Order> = {
  created_desc: { key: (row) => Date.parse(row.createdAt), descending: true },
  created_asc: { key: (row) => Date.parse(row.createdAt), descending: false },
  updated_desc: { key: (row) => Date.parse(row.updatedAt), descending: true },
  updated_asc: { key: (row) => Date.parse(row.updatedAt), descending: false },
  valid_until_asc: { key: (row) => (row.validUntil === null ? null : Date.parse(row.validUntil)), descending: false },
}

/** A queue's filter (`REVIEW_QUEUES`, the server's own declaration), read the way vetkit's store reads it. */
function matchesQueue(row: CheckSummary, filter: ReviewQueueFilter, now: number): boolean {
  if (filter.statuses && !filter.statuses.includes(row.status)) return false
  if (filter.inDispute && !row.inDispute) return false
  if (filter.awaitingAdverseAction && row.status !== 'pre_adverse') return false
  if (filter.closedReason !== undefined && (row.closedReason !== filter.closedReason || !TERMINAL_STATUSES.includes(row.status))) return false
  if (filter.expiringWithinDays !== undefined) {
    const until = row.validUntil === null ? null : Date.parse(row.validUntil)
    if (row.status !== 'passed' || until === null || until <= now || until > now + filter.expiringWithinDays * DAY_MS) return false
  }
  return true
}

/** A name or email prefix, or an exact subject or check id (an `@` makes it an email prefix). */
function matchesSearch(row: CheckSummary, search: string): boolean {
  const term = search.toLowerCase()
  if (search.includes('@')) return (row.subjectEmail ?? '').toLowerCase().startsWith(term)
  return row.subjectId === search || row.id === search || (row.subjectName ?? '').toLowerCase().startsWith(term)
}

export function countQueues(rows: readonly CheckSummary[], now: number): Record<ReviewQueue, number> {
  const counts: Partial<Record<ReviewQueue, number>> = {}
  for (const queue of REVIEW_QUEUE_NAMES) counts[queue] = rows.filter((row) => matchesQueue(row, REVIEW_QUEUES[queue], now)).length
  return counts as Record<ReviewQueue, number>
}

/** `listChecks`: a queue, a search, one of the sorts and a keyset cursor. */
export function listCheckPage(rows: readonly CheckSummary[], query: URLSearchParams, now: number): CheckPage {
  const queue = oneOf(query, 'queue', REVIEW_QUEUE_NAMES)
  const filter: ReviewQueueFilter = queue === null ? {} : REVIEW_QUEUES[queue]
  const sort = oneOf(query, 'sort', CHECK_LIST_SORTS) ?? (filter.expiringWithinDays !== undefined ? 'valid_until_asc' : 'created_desc')
  const order = ORDERS[sort]
  const search = query.get('search')?.trim() ?? ''
  const limit = wholeNumber(query, 'limit', 1, 200) ?? 50
  const sign = order.descending ? -1 : 1
  const matching = rows
    .filter((row) => matchesQueue(row, filter, now) && (search === '' || matchesSearch(row, search)))
    .sort((a, b) => sign * ((order.key(a) ?? 0) - (order.key(b) ?? 0)) || sign * a.id.localeCompare(b.id))
  return keysetPage(matching, { sort, cursor: query.get('cursor'), limit, key: order.key, descending: order.descending })
}
