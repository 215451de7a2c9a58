import type { ThrottleCounter } from '../../domain/throttle'
import type { ThrottleStore } from '../../ports/storage'
import { inTransaction, type StoreContext } from './store-context'
import { ms, toDate, toInt } from './values'

type Row = Record<string, unknown>

/**
 * One atomic upsert per hit; never read-then-write. The window is anchored at a key's first
 * hit: a hit at or after `window_started_at + window` opens a new window with a count of 1.
 */
export function throttleStore(ctx: StoreContext): ThrottleStore {
  const table = ctx.names.sql('throttles')
  const ref = ctx.names.ref('throttles')
  const toCounter = (row: Row | undefined): ThrottleCounter => ({ count: toInt(row?.hits), windowStartedAt: toDate(row?.window_started_at) })

  return {
    async consume(key, windowSeconds, now) {
      const at = ms(now)
      const closedBefore = at - windowSeconds * 1000
      if (ctx.dialect === 'postgres') {
        const result = await ctx.db.raw(
          `INSERT INTO ${table} (throttle_key, window_started_at, hits) VALUES (?, ?, 1)
           ON CONFLICT (throttle_key) DO UPDATE SET
             hits = CASE WHEN ${table}.window_started_at <= ? THEN 1 ELSE ${table}.hits + 1 END,
             window_started_at = CASE WHEN ${table}.window_started_at <= ? THEN EXCLUDED.window_started_at ELSE ${table}.window_started_at END
           RETURNING hits, window_started_at`,
          [key, at, closedBefore, closedBefore],
        )
        return toCounter((result as { rows: Row[] }).rows[0])
      }
      // MySQL evaluates SET assignments left to right: `hits` is decided on the old window start,
      // which is then replaced. The row lock taken by the upsert makes the read-back consistent.
      return inTransaction(ctx, async (trx) => {
        await trx.raw(
          `INSERT INTO ${table} (throttle_key, window_started_at, hits) VALUES (?, ?, 1)
           ON DUPLICATE KEY UPDATE
             hits = IF(window_started_at <= ?, 1, hits + 1),
             window_started_at = IF(window_started_at <= ?, VALUES(window_started_at), window_started_at)`,
          [key, at, closedBefore, closedBefore],
        )
        return toCounter((await trx(ref).where({ throttle_key: key }).first('hits', 'window_started_at')) as Row | undefined)
      })
    },

    async release(key, counter) {
      await ctx.db(ref)
        .where({ throttle_key: key, window_started_at: ms(counter.windowStartedAt) })
        .where('hits', '>', 0)
        .update({ hits: ctx.db.raw('?? - 1', ['hits']) })
    },
  }
}
