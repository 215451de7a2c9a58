import type { KnexStorage } from '@vetkit/core/knex'
import type { PgliteDatabase } from '@vetkit/core/pglite'
import { TABLES, type TableName } from '../../../packages/core/src/storage/knex/table-names'

export type Row = Record<string, unknown>
export type Snapshot = Record<TableName, Row[]>

/** Every row of every vetkit table of this engine's prefix, in a stable order. */
export async function snapshot(knex: PgliteDatabase['knex'], storage: KnexStorage): Promise<Snapshot> {
  const out = {} as Snapshot
  for (const table of TABLES) {
    const rows = (await knex(storage.tables.ref(table)).select('*')) as Row[]
    out[table] = rows.map(normalize).sort((a, b) => keyOf(a).localeCompare(keyOf(b)))
  }
  return out
}

const normalize = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString('hex') : v]))
const keyOf = (row: Row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))

/** What a refused webhook may leave: a counted refusal row (no event, never processed). */
export const isRefusalRow = (row: Row) => row.auth_outcome !== 'ok' && row.event_id === null && row.processing_outcome === 'not_processed'
/** What a refused webhook may leave in the throttles: its source's refusal counter. */
export const isRefusalCounter = (row: Row) => String(row.throttle_key).startsWith('webhook:refused:')

export interface WriteDiff {
  /** Per table, rows added, removed or changed beyond what refusals may write. */
  unexpected: string[]
  refusalRowsBefore: number
  refusalRowsAfter: number
  refusalCountersAfter: number
  rowCounts: Record<string, [number, number]>
}

/**
 * Compares two snapshots. Every table must be identical, except the webhook ledger's refusal rows
 * (aggregated per source, reason and hour) and the refused-webhook throttle counters.
 */
export function diff(before: Snapshot, after: Snapshot): WriteDiff {
  const unexpected: string[] = []
  const rowCounts: Record<string, [number, number]> = {}
  for (const table of TABLES) {
    rowCounts[table] = [before[table].length, after[table].length]
    const mayChange = table === 'webhook_events' ? isRefusalRow : table === 'throttles' ? isRefusalCounter : () => false
    const stable = (rows: Row[]) => rows.filter((r) => !mayChange(r)).map(keyOf)
    const was = stable(before[table])
    const now = stable(after[table])
    const gone = was.filter((r) => !now.includes(r))
    const added = now.filter((r) => !was.includes(r))
    for (const r of gone) unexpected.push(`${table}: row changed or removed: ${r.slice(0, 300)}`)
    for (const r of added) unexpected.push(`${table}: row added or changed: ${r.slice(0, 300)}`)
  }
  return {
    unexpected,
    refusalRowsBefore: before.webhook_events.filter(isRefusalRow).length,
    refusalRowsAfter: after.webhook_events.filter(isRefusalRow).length,
    refusalCountersAfter: after.throttles.filter(isRefusalCounter).length,
    rowCounts,
  }
}
