import type { Knex } from 'knex'
import { VetkitError } from '../../errors'
import { quote, type Dialect } from './dialect'
import { MIGRATIONS } from './migrations'
import type { Migration, MigrationContext, Statement } from './migrations/migration'
import type { TableNames } from './table-names'

/** The database schema is missing or does not match this version of vetkit. */
export class SchemaOutOfDateError extends VetkitError {
  readonly pending: readonly string[]
  readonly unknown: readonly string[]

  constructor(message: string, pending: readonly string[], unknown: readonly string[]) {
    super('schema_out_of_date', message)
    this.pending = pending
    this.unknown = unknown
  }
}

export interface SchemaStatus {
  applied: string[]
  pending: string[]
  /** Applied migrations this vetkit does not know: the database was migrated by a newer vetkit. */
  unknown: string[]
}

/**
 * Migrations run through knex's migrator (its locking and bookkeeping) with an in-code migration
 * source, so they survive bundling, in vetkit's own migrations table (`<prefix>migrations`): the
 * host's `knex_migrations` is never touched.
 */
export class SchemaManager {
  constructor(
    private readonly knex: Knex,
    private readonly dialect: Dialect,
    private readonly names: TableNames,
  ) {}

  private context(knex: Knex): MigrationContext {
    return { knex, dialect: this.dialect, names: this.names }
  }

  private config(): Knex.MigratorConfig {
    const source: Knex.MigrationSource<Migration> = {
      getMigrations: async () => [...MIGRATIONS],
      getMigrationName: (migration) => migration.name,
      getMigration: async (migration) => ({
        up: async (knex: Knex) => {
          for (const statement of migration.statements(this.context(knex))) await knex.raw(statement.sql)
        },
        down: async () => {
          throw new VetkitError('unsupported', 'vetkit migrations are forward-only')
        },
      }),
    }
    return {
      migrationSource: source,
      tableName: this.names.bare('migrations'),
      ...(this.names.schema ? { schemaName: this.names.schema } : {}),
    }
  }

  async migrate(): Promise<{ applied: string[] }> {
    if (this.dialect === 'postgres' && this.names.schema) {
      await this.knex.raw(`CREATE SCHEMA IF NOT EXISTS ${quote(this.dialect, this.names.schema)}`)
    }
    const [, applied] = (await this.knex.migrate.latest(this.config())) as [number, string[]]
    return { applied }
  }

  async status(): Promise<SchemaStatus> {
    const table = this.names.bare('migrations')
    const schema = this.names.schema ? this.knex.schema.withSchema(this.names.schema) : this.knex.schema
    const known = MIGRATIONS.map((m) => m.name)
    if (!(await schema.hasTable(table))) return { applied: [], pending: known, unknown: [] }
    const ref = this.names.schema ? `${this.names.schema}.${table}` : table
    const applied = ((await this.knex(ref).select('name').orderBy('id')) as { name: string }[]).map((r) => r.name)
    return {
      applied,
      pending: known.filter((name) => !applied.includes(name)),
      unknown: applied.filter((name) => !known.includes(name)),
    }
  }

  /** Throws a SchemaOutOfDateError that says what to run, unless the schema is exactly current. */
  async assertCurrent(): Promise<void> {
    const { applied, pending, unknown } = await this.status()
    if (unknown.length > 0) {
      throw new SchemaOutOfDateError(
        `the database was migrated by a newer vetkit (${unknown.join(', ')}); upgrade @vetkit/core to match`,
        pending,
        unknown,
      )
    }
    if (pending.length > 0) {
      const what = applied.length === 0 ? "vetkit's tables are not installed" : `the schema is behind (missing ${pending.join(', ')})`
      throw new SchemaOutOfDateError(
        `${what}: run \`await storage.migrate()\` at deploy time, or apply \`storage.migrationSql()\` with your migration tool`,
        pending,
        unknown,
      )
    }
  }

  /**
   * Every statement `migrate()` would run, as one SQL script, plus the bookkeeping rows so that a
   * later `migrate()` or `assertCurrent()` sees the migrations as applied.
   */
  migrationSql(): string {
    const ctx = this.context(this.knex)
    const { names, dialect } = this
    const schema = names.schema ? this.knex.schema.withSchema(names.schema) : this.knex.schema
    const migrationsTable = names.bare('migrations')
    const bookkeeping: Statement[] = [
      ...(dialect === 'postgres' && names.schema ? [{ sql: `CREATE SCHEMA IF NOT EXISTS ${quote(dialect, names.schema)}`, compound: false }] : []),
      ...render(this.knex, schema.createTableIfNotExists(migrationsTable, (t) => {
        t.increments()
        t.string('name')
        t.integer('batch')
        t.timestamp('migration_time')
      })),
      ...render(this.knex, schema.createTableIfNotExists(`${migrationsTable}_lock`, (t) => {
        t.increments('index').primary()
        t.integer('is_locked')
      })),
    ]
    const ref = names.schema ? `${names.schema}.${migrationsTable}` : migrationsTable
    const lines = [`-- vetkit schema for ${dialect === 'mysql' ? 'MySQL/MariaDB' : 'PostgreSQL'} (table prefix "${names.prefix}"${names.schema ? `, schema "${names.schema}"` : ''})`]
    lines.push(...bookkeeping.map((s) => format(s, dialect)))
    lines.push(format({ sql: this.knex(`${ref}_lock`).insert({ is_locked: 0 }).toQuery(), compound: false }, dialect))
    for (const migration of MIGRATIONS) {
      lines.push('', `-- ${migration.name}`)
      lines.push(...migration.statements(ctx).map((s) => format(s, dialect)))
      const mark = this.knex(ref).insert({ name: migration.name, batch: 1, migration_time: this.knex.raw('CURRENT_TIMESTAMP') }).toQuery()
      lines.push(format({ sql: mark, compound: false }, dialect))
    }
    return `${lines.join('\n')}\n`
  }
}

function render(knex: Knex, builder: Knex.SchemaBuilder): Statement[] {
  return builder.toSQL().map((q) => ({ sql: knex.raw(q.sql, q.bindings).toQuery(), compound: false }))
}

function format(statement: Statement, dialect: Dialect): string {
  if (statement.compound && dialect === 'mysql') return `DELIMITER //\n${statement.sql} //\nDELIMITER ;`
  return `${statement.sql};`
}
