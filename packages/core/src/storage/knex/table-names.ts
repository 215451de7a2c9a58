import { assertIdentifier, quote, type Dialect } from './dialect'

/** vetkit's tables by their bare names (before the prefix): for backups, grants and copies. */
export const TABLES = [
  'subjects',
  'consents',
  'checks',
  'check_events',
  'webhook_events',
  'jobs',
  'throttles',
  'emails',
  'outbox',
] as const

export type TableName = (typeof TABLES)[number]

/** Physical names: the configured prefix (default `vetkit_`) and, on PostgreSQL, schema. */
export class TableNames {
  readonly prefix: string
  readonly schema: string | null
  readonly dialect: Dialect

  constructor(dialect: Dialect, prefix = 'vetkit_', schema: string | null = null) {
    this.dialect = dialect
    this.prefix = prefix === '' ? '' : assertIdentifier(prefix, 'storage.tablePrefix')
    this.schema = schema === null ? null : assertIdentifier(schema, 'storage.schema')
  }

  /** Unqualified table name, for DDL inside `withSchema`. */
  bare(table: TableName | 'migrations'): string {
    return `${this.prefix}${table}`
  }

  /** Name for the knex query builder (`schema.table`; knex quotes each part). */
  ref(table: TableName): string {
    return this.schema ? `${this.schema}.${this.bare(table)}` : this.bare(table)
  }

  /** Quoted, schema-qualified name for raw SQL. */
  sql(table: TableName): string {
    const name = quote(this.dialect, this.bare(table))
    return this.schema ? `${quote(this.dialect, this.schema)}.${name}` : name
  }

  /** Name for objects such as triggers and functions that must be unique per prefix. */
  object(name: string): string {
    return `${this.prefix}${name}`
  }
}
