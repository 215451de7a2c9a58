import { FixtureProblem } from './fixture-problem'

/** Where a page ended: the sort it was read in, the last row's sort value and id. */
export interface Keyset {
  sort: string
  value: number | null
  id: string
}

export function encodeCursor(keyset: Keyset): string {
  return btoa(encodeURIComponent(JSON.stringify(keyset)))
}

/** A cursor from another sort (or not a cursor at all) is refused, as vetkit does (`invalid_cursor`). */
export function decodeCursor(cursor: string | null, sort: string): Keyset | null {
  if (cursor === null) return null
  let keyset: Partial<Keyset> | null
  try {
    keyset = JSON.parse(decodeURIComponent(atob(cursor))) as Partial<Keyset>
  } catch {
    keyset = null
  }
  if (keyset?.sort !== sort || typeof keyset.id !== 'string') {
    throw new FixtureProblem(400, 'invalid_cursor', 'the cursor is malformed or belongs to another sort or filter; start again from the first page', 'cursor')
  }
  return { sort, value: keyset.value ?? null, id: keyset.id }
}

/** One keyset page of `rows`, already in `compare` order; `key` is the sort value of a row. */
export function keysetPage<T extends { id: string }>(rows: T[], options: { sort: string; cursor: string | null; limit: number; key(row: T): number | null; descending: boolean }) {
  const after = decodeCursor(options.cursor, options.sort)
  const sign = options.descending ? -1 : 1
  const position = (row: T) => {
    if (after === null) return 1
    const a = options.key(row) ?? 0
    const b = after.value ?? 0
    return a === b ? sign * row.id.localeCompare(after.id) : sign * (a - b)
  }
  const rest = rows.filter((row) => position(row) > 0)
  const items = rest.slice(0, options.limit)
  const last = items.at(-1)
  const nextCursor = rest.length > options.limit && last ? encodeCursor({ sort: options.sort, value: options.key(last), id: last.id }) : null
  return { items, nextCursor }
}
