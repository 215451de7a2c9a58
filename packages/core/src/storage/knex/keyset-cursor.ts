import { z } from 'zod'
import { VetkitError } from '../../errors'
import { isStorableText } from '../../support/storable-text'

/**
 * Keyset pagination cursors: the sort key value and id of the last row of a page, opaque to
 * clients (base64url JSON). Decoding validates the shape, because a cursor is client input.
 */
const cursorSchema = z
  .object({
    s: z.string().max(32),
    // Sort keys are epoch milliseconds (BIGINT): a fraction or a huge number would fail in SQL.
    v: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
    i: z.string().min(1).max(64).refine((id) => isStorableText(id, 64), 'not storable'),
  })
  .strict()

export interface KeysetCursor {
  /** Which ordering produced the cursor: a cursor from another list or filter is rejected. */
  sort: string
  value: number | null
  id: string
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify({ s: cursor.sort, v: cursor.value, i: cursor.id })).toString('base64url')
}

/** `numericId`: the list's ids are auto-increment numbers (the webhook log, the dead jobs). */
export function decodeCursor(raw: string | null | undefined, sort: string, options: { numericId?: boolean } = {}): KeysetCursor | null {
  if (raw == null || raw === '') return null
  try {
    if (raw.length > 512 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw new Error('not base64url')
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')))
    if (parsed.s !== sort) throw new Error('cursor from another ordering')
    if (options.numericId && !/^\d{1,18}$/.test(parsed.i)) throw new Error('not a row id')
    return { sort: parsed.s, value: parsed.v, id: parsed.i }
  } catch {
    throw new VetkitError('invalid_cursor', 'the cursor is malformed or belongs to another list; start from the first page', {
      field: 'cursor',
    })
  }
}

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return 50
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new VetkitError('invalid_argument', 'limit must be an integer from 1 to 200', { field: 'limit' })
  }
  return limit
}
