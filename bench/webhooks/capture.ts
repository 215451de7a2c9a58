import { TABLES } from '@vetkit/core/knex'
import type { Knex } from '../storage/deps'

/** One statement as knex handed it to the `pg` driver: `$n` placeholders and their values. */
export interface Statement {
  sql: string
  bindings: unknown[]
}

export interface Recorder {
  /** Statements sent so far, in the order knex issued them. */
  readonly statements: Statement[]
  stop(): void
}

/**
 * Records every statement a knex instance sends (its `query` event), BEGIN and COMMIT included.
 * A worker runs its jobs one after the other, so one pool's log is that worker's exact sequence.
 */
export function record(knex: Knex): Recorder {
  const statements: Statement[] = []
  const listener = (q: { sql: string; bindings?: unknown[] }) => statements.push({ sql: q.sql, bindings: q.bindings ? [...q.bindings] : [] })
  knex.on('query', listener)
  return { statements, stop: () => knex.off('query', listener) }
}

export async function capture(knex: Knex, fn: () => Promise<unknown>): Promise<Statement[]> {
  const recorder = record(knex)
  try {
    await fn()
  } finally {
    recorder.stop()
  }
  return recorder.statements
}

/** Rewrites a statement's vetkit tables from one table prefix to another (same schema). */
export function retargeter(schema: string, from: string, to: string): (sql: string) => string {
  const pairs = TABLES.map((t) => [`"${schema}"."${from}${t}"`, `"${schema}"."${to}${t}"`] as const)
  return (sql) => pairs.reduce((out, [a, b]) => out.replaceAll(a, b), sql)
}

/**
 * The columns of a knex `insert into t ("a", "b") values ($1, $2) ...`, so a captured row can be
 * replayed with some values replaced by name.
 */
export function insertColumns(statement: Statement): string[] {
  const match = /^insert into \S+ \(([^)]*)\) values \(([^)]*)\)/.exec(statement.sql)
  if (!match?.[1] || !match[2]) throw new Error(`not a single-row insert: ${statement.sql}`)
  const columns = match[1].split(',').map((c) => c.trim().replace(/^"|"$/g, ''))
  const placeholders = match[2].split(',').map((p) => p.trim())
  if (placeholders.some((p, i) => p !== `$${i + 1}`) || columns.length !== statement.bindings.length) {
    throw new Error(`unexpected insert shape (${columns.length} columns, ${statement.bindings.length} values): ${statement.sql}`)
  }
  return columns
}

/** A captured insert with some columns' values replaced. */
export function withValues(statement: Statement, columns: readonly string[], values: Readonly<Record<string, unknown>>): unknown[] {
  return statement.bindings.map((b, i) => {
    const column = columns[i] ?? ''
    return Object.hasOwn(values, column) ? values[column] : b
  })
}

/** The 0-based binding index of `"column" = $n` in a statement's WHERE clause, or -1. */
export function findWhereIndex(statement: Statement, column: string): number {
  const at = statement.sql.search(/ where /i)
  const match = new RegExp(`(?<!\\w)"?${column}"? = \\$(\\d+)`, 'i').exec(at < 0 ? '' : statement.sql.slice(at))
  return match?.[1] ? Number(match[1]) - 1 : -1
}

/** The 0-based binding index of `"column" = $n` in a statement's WHERE clause. */
export function whereIndex(statement: Statement, column: string): number {
  const index = findWhereIndex(statement, column)
  if (index < 0) throw new Error(`no ${column} = $n in the where clause of: ${statement.sql}`)
  return index
}

/** The value bound to `"column" = $n` in a statement's WHERE clause. */
export function boundValue(statement: Statement, column: string): unknown {
  return statement.bindings[whereIndex(statement, column)]
}

/** The 0-based binding index of `column = $n` (first occurrence). */
export function bindingIndex(statement: Statement, column: string): number {
  const match = new RegExp(`(?<!\\w)"?${column}"? = \\$(\\d+)`, 'i').exec(statement.sql)
  if (!match?.[1]) throw new Error(`no ${column} = $n in: ${statement.sql}`)
  return Number(match[1]) - 1
}

export type StatementKind = 'tx' | 'read' | 'lock' | 'write'

/** BEGIN/COMMIT, a plain read, a locking read (`FOR UPDATE`), or a write. */
export function kindOf(sql: string): StatementKind {
  const head = sql.trimStart().slice(0, 10).toLowerCase()
  if (head.startsWith('begin') || head.startsWith('commit') || head.startsWith('rollback') || head.startsWith('savepoint') || head.startsWith('release')) {
    return 'tx'
  }
  if (head.startsWith('select')) return /\bfor (no key )?update\b/i.test(sql) ? 'lock' : 'read'
  return 'write'
}
