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

  /**
   * Applies pending migrations. Safe to call from several processes at once: knex's lock table
   * lets one of them migrate; the others (which knex would fail with `MigrationLocked`, or which
   * lose the race to create the bookkeeping tables) wait and retry, then find nothing pending.
   */
  async migrate(options: { lockTimeoutMs?: number } = {}): Promise<{ applied: string[] }> {
    const deadline = Date.now() + (options.lockTimeoutMs ?? 60_000)
    for (let attempt = 0; ; attempt++) {
      try {
        // The common case (every process start, schema already current) touches no lock. While
        // another process holds the lock, wait rather than let knex fail (and log) the attempt.
        const state = await this.lockState()
        if (state === 'locked') throw Object.assign(new Error('locked'), { name: 'MigrationLocked' })
        if (state === 'free' && (await this.status()).pending.length === 0) return { applied: [] }
        if (state === 'absent') for (const statement of this.bookkeeping()) await this.knex.raw(statement.sql)
        const [, applied] = (await this.knex.migrate.latest(this.config())) as [number, string[]]
        return { applied }
      } catch (error) {
        if (!isMigrationRace(error)) throw error
        if (Date.now() >= deadline) {
          throw new VetkitError(
            'migration_locked',
            `another process has held vetkit's migration lock (${this.names.bare('migrations')}_lock) for too long; ` +
              'if a migration crashed, set its is_locked to 0 and retry',
          )
        }
        await sleep(Math.min(50 * 2 ** attempt, 1_000) * (0.5 + Math.random() / 2))
      }
    }
  }

  /**
   * knex's migrator bookkeeping (the same tables it would create), made safe to run from several
   * processes at once: knex creates them read-then-write, and two first-time callers can each
   * insert a lock row. Here the lock row has a fixed key and is inserted if absent.
   */
  private bookkeeping(): Statement[] {
    const { names, dialect, knex } = this
    const schema = names.schema ? knex.schema.withSchema(names.schema) : knex.schema
    const migrationsTable = names.bare('migrations')
    const lockRef = names.schema ? `${names.schema}.${migrationsTable}_lock` : `${migrationsTable}_lock`
    return [
      ...(dialect === 'postgres' && names.schema ? [{ sql: `CREATE SCHEMA IF NOT EXISTS ${quote(dialect, names.schema)}`, compound: false }] : []),
      ...ifNotExists(render(knex, schema.createTable(migrationsTable, (t) => {
        t.increments()
        t.string('name')
        t.integer('batch')
        t.timestamp('migration_time')
      }))),
      ...ifNotExists(render(knex, schema.createTable(`${migrationsTable}_lock`, (t) => {
        t.increments('index').primary()
        t.integer('is_locked')
      }))),
      { sql: knex(lockRef).insert({ index: 1, is_locked: 0 }).onConflict('index').ignore().toQuery(), compound: false },
    ]
  }

  private async lockState(): Promise<'absent' | 'free' | 'locked'> {
    const table = `${this.names.bare('migrations')}_lock`
    const schema = this.names.schema ? this.knex.schema.withSchema(this.names.schema) : this.knex.schema
    if (!(await schema.hasTable(table))) return 'absent'
    const ref = this.names.schema ? `${this.names.schema}.${table}` : table
    const rows = (await this.knex(ref).select('is_locked')) as { is_locked: number | string }[]
    if (rows.length === 0) return 'absent'
    return rows.some((r) => Number(r.is_locked) === 1) ? 'locked' : 'free'
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
    const migrationsTable = names.bare('migrations')
    const ref = names.schema ? `${names.schema}.${migrationsTable}` : migrationsTable
    const lines = [`-- vetkit schema for ${dialect === 'mysql' ? 'MySQL/MariaDB' : 'PostgreSQL'} (table prefix "${names.prefix}"${names.schema ? `, schema "${names.schema}"` : ''})`]
    lines.push(...this.bookkeeping().map((s) => format(s, dialect)))
    for (const migration of MIGRATIONS) {
      lines.push('', `-- ${migration.name}`)
      lines.push(...migration.statements(ctx).map((s) => format(s, dialect)))
      const mark = this.knex(ref).insert({ name: migration.name, batch: 1, migration_time: this.knex.raw('CURRENT_TIMESTAMP') }).toQuery()
      lines.push(format({ sql: mark, compound: false }, dialect))
    }
    return `${lines.join('\n')}\n`
  }
}

/** Errors a concurrent migrate() produces and a retry resolves. */
function isMigrationRace(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (error.name === 'MigrationLocked') return true
  const code = (error as { code?: unknown }).code
  // PostgreSQL: duplicate table / duplicate object / unique violation on pg_type (two CREATE TABLEs
  // at once); MySQL: table exists.
  return code === '42P07' || code === '42710' || code === '23505' || code === 'ER_TABLE_EXISTS_ERROR'
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** knex's own createTableIfNotExists is deprecated (and warns on every call). */
function ifNotExists(statements: Statement[]): Statement[] {
  return statements.map((s) => ({ ...s, sql: s.sql.replace(/^create table /i, 'create table if not exists ') }))
}

function render(knex: Knex, builder: Knex.SchemaBuilder): Statement[] {
  return builder.toSQL().map((q) => ({ sql: knex.raw(q.sql, q.bindings).toQuery(), compound: false }))
}

function format(statement: Statement, dialect: Dialect): string {
  if (statement.compound && dialect === 'mysql') return `DELIMITER //\n${statement.sql} //\nDELIMITER ;`
  return `${statement.sql};`
}
