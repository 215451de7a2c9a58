import type { Knex } from 'knex'
import { ConfigurationError } from '../../errors'

/**
 * The few places where PostgreSQL (and PGlite, which is PostgreSQL) and MySQL/MariaDB differ.
 * Everything else is one implementation on the knex query builder.
 */
export type Dialect = 'postgres' | 'mysql'

export function detectDialect(knex: Knex): { dialect: Dialect; embedded: boolean } {
  const client = knex.client as { dialect?: string; config?: { client?: unknown } }
  const name = String(client.dialect ?? '')
  const configured = client.config?.client
  const embedded = typeof configured === 'function' && /pglite/i.test(configured.name)
  if (name === 'postgresql' || name === 'postgres' || embedded) return { dialect: 'postgres', embedded }
  if (name === 'mysql' || name === 'mysql2') return { dialect: 'mysql', embedded: false }
  throw new ConfigurationError(
    'storage.knex',
    `unsupported knex client "${name || String(configured)}"; use pg, mysql2 or knex-pglite`,
  )
}

interface DbError {
  code?: unknown
  errno?: unknown
  message?: unknown
}

/** A unique-key violation: PostgreSQL 23505, MySQL ER_DUP_ENTRY (1062). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as DbError
  return e?.code === '23505' || e?.code === 'ER_DUP_ENTRY' || e?.errno === 1062
}

/**
 * A lock conflict the database resolved by aborting one side: a deadlock (PostgreSQL 40P01,
 * InnoDB 1213), a serialization failure (40001) or an InnoDB lock-wait timeout (1205). The
 * aborted statement or transaction did nothing and may simply run again.
 */
export function isTransientLockError(error: unknown): boolean {
  const e = error as DbError
  return e?.code === '40P01' || e?.code === '40001' || e?.errno === 1213 || e?.errno === 1205 || e?.code === 'ER_LOCK_DEADLOCK'
}

/** Runs `fn`, again (up to 4 times, after a short random pause) when the database aborted it for a lock conflict. */
export async function withLockRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (error) {
      if (attempt >= 4 || !isTransientLockError(error)) throw error
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt))
    }
  }
}

/** The message prefix every vetkit trigger raises with, so errors can be told apart. */
export const GO_LIVE_GATE_MESSAGE = 'vetkit_go_live_gate'
export const APPEND_ONLY_MESSAGE = 'vetkit_append_only'

export function isTriggerRefusal(error: unknown, marker: string): boolean {
  const message = (error as DbError)?.message
  return typeof message === 'string' && message.includes(marker)
}

/** True when the database refused to make a host row live (the subject is not eligible). */
export function isGoLiveRefusal(error: unknown): boolean {
  return isTriggerRefusal(error, GO_LIVE_GATE_MESSAGE)
}

/** Identifiers vetkit puts into DDL (table prefix, schema, host table and columns). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

export function assertIdentifier(value: string, setting: string): string {
  if (!IDENTIFIER.test(value)) {
    throw new ConfigurationError(setting, `"${value}" is not a plain SQL identifier (letters, digits, _; at most 63)`)
  }
  return value
}

export function quote(dialect: Dialect, identifier: string): string {
  return dialect === 'mysql' ? `\`${identifier}\`` : `"${identifier}"`
}
