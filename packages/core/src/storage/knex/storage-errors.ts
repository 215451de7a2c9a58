import { VetkitError } from '../../errors'
import { TABLES, type TableNames } from './table-names'

/**
 * A query on a vetkit table that does not exist: almost always a `migrate()` that was never run.
 * The driver's own words (`relation "vetkit_subjects" does not exist`, PostgreSQL 42P01; MySQL
 * ER_NO_SUCH_TABLE 1146) do not say what to do, so the error is replaced by one that does.
 * A missing table of the host's (the gated table) is left as it is.
 */
export function missingSchemaError(error: unknown, names: TableNames): VetkitError | null {
  const e = error as { code?: unknown; errno?: unknown; message?: unknown }
  const missingTable = e?.code === '42P01' || e?.code === 'ER_NO_SUCH_TABLE' || e?.errno === 1146
  if (!missingTable || typeof e.message !== 'string') return null
  const message = e.message
  const ours = TABLES.some((table) => new RegExp(`[."'\`]${names.bare(table)}["'\`]`).test(message))
  if (!ours) return null
  return new VetkitError(
    'schema_missing',
    `vetkit's tables do not exist (prefix "${names.prefix}"${names.schema ? `, schema "${names.schema}"` : ''}): ` +
      'run `await storage.migrate()` at start-up, or apply `storage.migrationSql()` with your migration tool',
    { cause: error },
  )
}

/** Driver codes of a database that cannot be reached, or refuses connections for now. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now, connection exceptions, too many connections.
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300',
  // MySQL/MariaDB.
  'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN', 'ER_SERVER_GONE_ERROR', 'PROTOCOL_SEQUENCE_TIMEOUT',
])
const UNREACHABLE_MESSAGE =
  /Timeout acquiring a connection|Connection terminated|connection (?:is )?closed|Client was closed|Client has encountered a connection error and is not queryable|Can't add new command when connection is in closed state|the database system is (?:starting up|shutting down|in recovery mode)/i

/**
 * A database that cannot be reached (refused, reset, shut down, pool timeout) is an outage, not
 * a bug: `storage_unavailable`, which the HTTP layer answers 503 with `Retry-After`, so the
 * provider retries its webhook and a client its call. Nothing was stored.
 */
export function unavailableError(error: unknown): VetkitError | null {
  for (let current = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 4; depth++) {
    const code = typeof current.code === 'string' ? current.code : ''
    const message = typeof current.message === 'string' ? current.message : ''
    if (UNREACHABLE_CODES.has(code) || current.name === 'KnexTimeoutError' || UNREACHABLE_MESSAGE.test(message)) {
      return new VetkitError('storage_unavailable', 'the database cannot be reached; the request stored nothing and can be retried', { cause: error })
    }
    current = current.cause as typeof current
  }
  return null
}

/** What a storage failure means, when it is one vetkit can say more about; else the error itself. */
export function translateStorageError(error: unknown, names: TableNames): unknown {
  if (error instanceof VetkitError) return error
  return missingSchemaError(error, names) ?? unavailableError(error) ?? error
}

/** The store with every method's errors passed through `translateStorageError`. */
export function withStorageErrors<T extends object>(store: T, names: TableNames): T {
  const guarded: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(store)) {
    guarded[key] =
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>)(...args)
            } catch (error) {
              throw translateStorageError(error, names)
            }
          }
        : value
  }
  return guarded as T
}
