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

/** The store with every method's errors passed through `missingSchemaError`. */
export function withSchemaErrors<T extends object>(store: T, names: TableNames): T {
  const guarded: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(store)) {
    guarded[key] =
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>)(...args)
            } catch (error) {
              throw missingSchemaError(error, names) ?? error
            }
          }
        : value
  }
  return guarded as T
}
