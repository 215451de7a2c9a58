import type { Knex } from 'knex'
import type { MigrationContext, Statement } from './migration'

/** DDL that changes one table through knex's schema builder, rendered to plain statements. */
export function alterStatements(ctx: MigrationContext, table: string, build: (t: Knex.AlterTableBuilder) => void): Statement[] {
  const schema = ctx.names.schema ? ctx.knex.schema.withSchema(ctx.names.schema) : ctx.knex.schema
  return schema
    .alterTable(table, build)
    .toSQL()
    .map((query) => ({ sql: ctx.knex.raw(query.sql, query.bindings).toQuery(), compound: false }))
}
