import { randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import { expect } from 'vitest'
import type { NewJob } from '../../../src/ports/storage'
import { createKnexStorage, type KnexStorage } from '../../../src/storage/knex'
import { testSealer } from '../../../src/testing'
import type { BackendName, TestDb } from './backends'

/**
 * Helpers for the throttle, job queue, go-live gate and schema administration conformance
 * suites. Times are explicit: every queue and throttle call gets a `now` derived from T0.
 */

export const T0 = new Date('2031-03-04T05:06:07.000Z')
export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE

/** T0 plus `offsetMs`. */
export const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs)

export const uniqueSuffix = (): string => randomBytes(4).toString('hex')

/** Another storage over the same tables (same prefix and schema) on another connection pool. */
export function storageOn(knex: Knex, like: KnexStorage): KnexStorage {
  return createKnexStorage({
    knex,
    sealer: testSealer(),
    tablePrefix: like.tables.prefix,
    ...(like.tables.schema ? { schema: like.tables.schema } : {}),
  })
}

/** A storage under a brand-new prefix whose tables do not exist yet (nothing migrated). */
export function unmigratedStorage(db: TestDb, knex: Knex = db.knex, prefix = `u${uniqueSuffix()}_`): KnexStorage {
  return createKnexStorage({
    knex,
    sealer: testSealer(),
    tablePrefix: prefix,
    ...(db.hostSchema ? { schema: db.hostSchema } : {}),
  })
}

/**
 * Opens `connections` connections in the pool at once (each held by a short sleep), so that
 * the work that follows runs on already-open connections, truly in parallel.
 */
export async function warmPool(knex: Knex, backend: BackendName, connections: number): Promise<void> {
  if (backend === 'pglite') return
  const sleep = backend === 'mysql' ? 'select sleep(0.05) as s' : 'select pg_sleep(0.05) as s'
  await Promise.all(Array.from({ length: connections }, () => knex.raw(sleep)))
}

/** A job to enqueue, due at T0 unless told otherwise. */
export function newJob(overrides: Partial<NewJob> = {}): NewJob {
  return { type: 'test.job', payload: { n: 1 }, runAt: T0, now: T0, ...overrides }
}

/** Awaits a promise that must reject, and returns the error for assertions. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(Error)
    return error as Error & Record<string, unknown>
  }
  throw new Error('expected the promise to reject, but it resolved')
}

/** Calls a function that must throw synchronously, and returns the error. */
export function thrownBy(fn: () => unknown): Error & Record<string, unknown> {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(Error)
    return error as Error & Record<string, unknown>
  }
  throw new Error('expected the function to throw, but it returned')
}

/** A table name qualified for the knex builder and `??` bindings (`schema.table`). */
export function hostRef(db: TestDb, table: string): string {
  return db.hostSchema ? `${db.hostSchema}.${table}` : table
}

export function hostSchemaBuilder(db: TestDb): Knex.SchemaBuilder {
  return db.hostSchema ? db.knex.schema.withSchema(db.hostSchema) : db.knex.schema
}

/**
 * Splits a SQL script (as printed by `migrationSql()` / `goLiveGateSql()`) into statements the
 * way a migration tool or the mysql client would: `DELIMITER` directives (MySQL compound
 * statements), quoted strings and identifiers, PostgreSQL dollar quoting and `--` comments.
 */
export function splitSqlScript(script: string): string[] {
  const statements: string[] = []
  let delimiter = ';'
  let current = ''
  let i = 0
  const atLineStart = () => i === 0 || script[i - 1] === '\n'
  const flush = () => {
    const statement = current.trim()
    if (statement !== '') statements.push(statement)
    current = ''
  }

  while (i < script.length) {
    if (atLineStart() && current.trim() === '') {
      const end = script.indexOf('\n', i)
      const line = script.slice(i, end === -1 ? script.length : end)
      const directive = /^\s*DELIMITER\s+(\S+)\s*$/i.exec(line)
      if (directive) {
        delimiter = directive[1]!
        current = ''
        i = end === -1 ? script.length : end + 1
        continue
      }
    }
    const ch = script[i]!
    if (ch === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i)
      i = end === -1 ? script.length : end + 1
      current += '\n'
      continue
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1
      while (j < script.length) {
        if (script[j] === '\\' && ch === "'") {
          j += 2
          continue
        }
        if (script[j] === ch) {
          if (script[j + 1] === ch) {
            j += 2
            continue
          }
          break
        }
        j++
      }
      current += script.slice(i, j + 1)
      i = j + 1
      continue
    }
    const dollar = ch === '$' ? /^\$[A-Za-z_]*\$/.exec(script.slice(i)) : null
    if (dollar) {
      const tag = dollar[0]
      const close = script.indexOf(tag, i + tag.length)
      const end = close === -1 ? script.length : close + tag.length
      current += script.slice(i, end)
      i = end
      continue
    }
    if (script.startsWith(delimiter, i)) {
      flush()
      i += delimiter.length
      continue
    }
    current += ch
    i++
  }
  flush()
  return statements
}

/** Runs every statement of a script through raw SQL, one at a time. */
export async function applyScript(knex: Knex, script: string): Promise<number> {
  const statements = splitSqlScript(script)
  for (const statement of statements) await knex.raw(statement)
  return statements.length
}
