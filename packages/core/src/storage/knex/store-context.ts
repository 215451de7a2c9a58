import type { Knex } from 'knex'
import { withLockRetry, type Dialect } from './dialect'
import type { ResolvedGoLiveGate } from './go-live-gate'
import type { TableNames } from './table-names'

/** What every store shares: the connection (or the transaction it is bound to) and the config. */
export interface StoreContext {
  /** The root knex instance, for starting transactions. */
  root: Knex
  /** The current executor: `root`, or the transaction this storage is bound to. */
  db: Knex | Knex.Transaction
  dialect: Dialect
  names: TableNames
  /** The host's gated table, when configured: eligibility loss takes its row offline. */
  gate: ResolvedGoLiveGate | null
}

export function isTransaction(db: Knex | Knex.Transaction): db is Knex.Transaction {
  return (db as { isTransaction?: boolean }).isTransaction === true
}

/** Runs `fn` in the bound transaction, or in a new one (multi-statement atomic operations). */
export async function inTransaction<T>(ctx: StoreContext, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  if (isTransaction(ctx.db)) return fn(ctx.db)
  return withLockRetry(() => ctx.root.transaction(fn))
}
