import { APPEND_ONLY_MESSAGE, quote } from '../dialect'
import type { TableName } from '../table-names'
import type { MigrationContext, Statement } from './migration'

/**
 * Append-only tables refuse UPDATE and DELETE in the database itself, so not even a raw SQL
 * session can rewrite history. PostgreSQL also refuses TRUNCATE; MySQL cannot trigger on
 * TRUNCATE (it needs the DROP privilege, which the application account should not have).
 */
export function appendOnlyTriggers(ctx: MigrationContext, tables: readonly TableName[]): Statement[] {
  const { names, dialect } = ctx
  if (dialect === 'postgres') {
    const fn = names.schema
      ? `${quote(dialect, names.schema)}.${quote(dialect, names.object('reject_change'))}`
      : quote(dialect, names.object('reject_change'))
    return [
      {
        sql:
          `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $vetkit$ BEGIN ` +
          `RAISE EXCEPTION '${APPEND_ONLY_MESSAGE}: % is append-only (% refused)', TG_TABLE_NAME, TG_OP ` +
          `USING ERRCODE = '55000'; END $vetkit$`,
        compound: false,
      },
      ...tables.flatMap((table) => [
        {
          sql: `CREATE TRIGGER ${quote(dialect, names.object(`${table}_append_only`))} BEFORE UPDATE OR DELETE ON ${names.sql(table)} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
          compound: false,
        },
        {
          sql: `CREATE TRIGGER ${quote(dialect, names.object(`${table}_no_truncate`))} BEFORE TRUNCATE ON ${names.sql(table)} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
          compound: false,
        },
      ]),
    ]
  }
  return tables.flatMap((table) =>
    (['UPDATE', 'DELETE'] as const).map((operation) => ({
      sql:
        `CREATE TRIGGER ${quote(dialect, names.object(`${table}_no_${operation.toLowerCase()}`))} ` +
        `BEFORE ${operation} ON ${names.sql(table)} FOR EACH ROW BEGIN ` +
        `SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${APPEND_ONLY_MESSAGE}: ${names.bare(table)} is append-only (${operation} refused)'; END`,
      compound: true,
    })),
  )
}
