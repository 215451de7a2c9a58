import { isUniqueViolation } from './dialect'
import type { StoreContext } from './store-context'

type Row = Record<string, unknown>

/** Inserts and returns the new row's id (auto-increment tables, or the row's own id). */
export async function insertReturningId(ctx: StoreContext, table: string, row: Row): Promise<string> {
  if (ctx.dialect === 'postgres') {
    const [out] = (await ctx.db(table).insert(row).returning('id')) as Row[]
    return String(out?.id)
  }
  const [insertId] = (await ctx.db(table).insert(row)) as number[]
  return String(row.id ?? insertId)
}

/**
 * Insert-if-absent on a unique key, without a read first. PostgreSQL: ON CONFLICT DO NOTHING
 * (an error would abort the surrounding transaction). MySQL: the duplicate-key error, which
 * leaves the transaction usable; INSERT IGNORE is avoided because it also hides other errors.
 */
export async function insertIfAbsent(
  ctx: StoreContext,
  table: string,
  row: Row,
  conflictColumns: readonly string[],
): Promise<{ inserted: boolean; id: string | null }> {
  if (ctx.dialect === 'postgres') {
    const out = (await ctx.db(table).insert(row).onConflict([...conflictColumns]).ignore().returning('id')) as Row[]
    const first = out[0]
    return first ? { inserted: true, id: String(first.id) } : { inserted: false, id: null }
  }
  try {
    const [insertId] = (await ctx.db(table).insert(row)) as number[]
    return { inserted: true, id: String(row.id ?? insertId) }
  } catch (error) {
    if (isUniqueViolation(error)) return { inserted: false, id: null }
    throw error
  }
}
