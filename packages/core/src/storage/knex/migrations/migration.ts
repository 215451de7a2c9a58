import type { Knex } from 'knex'
import type { Dialect } from '../dialect'
import type { TableNames } from '../table-names'

/**
 * A migration is a function from the configuration (dialect, prefix, schema) to plain SQL
 * statements. The same statements are executed by `migrate()` and printed by `migrationSql()`,
 * so hosts with their own migration tool apply exactly what vetkit would.
 */
export interface Statement {
  sql: string
  /** A compound statement (a MySQL trigger body with inner semicolons) needs a DELIMITER when printed. */
  compound: boolean
}

export interface MigrationContext {
  /** Renders SQL; for `migrationSql()` it has no connection. */
  knex: Knex
  dialect: Dialect
  names: TableNames
}

export interface Migration {
  /** Stable, sortable name recorded in the migrations table. */
  name: string
  statements(ctx: MigrationContext): Statement[]
}
