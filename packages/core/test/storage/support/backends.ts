import { randomBytes } from 'node:crypto'
import knexFactory, { type Knex } from 'knex'
import { afterAll, beforeAll, describe } from 'vitest'
import { createKnexStorage, type KnexStorage, type KnexStorageOptions } from '../../../src/storage/knex'
import { openPglite, type PgliteDatabase } from '../../../src/storage/pglite'
import { testSealer } from '../../../src/testing'

/**
 * The databases every storage behaviour is tested on. PGlite always runs; PostgreSQL and MariaDB
 * run when their URL is set (CI sets both), and then must connect: a set URL that cannot be
 * reached fails the suite instead of skipping it.
 */
export type BackendName = 'pglite' | 'postgres' | 'mysql'

export interface TestDb {
  backend: BackendName
  knex: Knex
  /** A migrated storage under its own table prefix, isolated from every other one. */
  freshStorage(options?: Pick<KnexStorageOptions, 'goLiveGate'>): Promise<KnexStorage>
  /** A separate connection pool to the same database, like another worker process. PGlite has one connection: same knex. */
  anotherKnex(poolMax?: number): Knex
  /** Where host tables (the go-live gate) go: the PostgreSQL schema, or null. */
  hostSchema: string | null
  close(): Promise<void>
}

const suffix = () => randomBytes(4).toString('hex')

async function openPostgres(url: string): Promise<TestDb> {
  const schema = `vk_${suffix()}`
  const pools: Knex[] = []
  const connect = (max: number) => {
    const k = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max } })
    pools.push(k)
    return k
  }
  const knex = connect(25)
  await knex.raw('select 1').catch((error: unknown) => {
    throw new Error(`VETKIT_TEST_PG_URL is set but PostgreSQL is unreachable at ${url}: ${String(error)}`)
  })
  await knex.raw(`create schema "${schema}"`)
  let n = 0
  return {
    backend: 'postgres',
    knex,
    hostSchema: schema,
    async freshStorage(options = {}) {
      const storage = createKnexStorage({ knex, sealer: testSealer(), schema, tablePrefix: `t${++n}_`, ...options })
      await storage.migrate()
      return storage
    },
    anotherKnex: (max = 10) => connect(max),
    async close() {
      // One DROP SCHEMA of a few hundred cases' tables takes a lock per object, past the server's
      // lock table (max_locks_per_transaction); dropping the tables in batches first keeps each small.
      const tables = (await knex.raw('select tablename from pg_tables where schemaname = ?', [schema])) as { rows: { tablename: string }[] }
      const names = tables.rows.map((row) => row.tablename)
      for (let i = 0; i < names.length; i += 20) {
        await knex.raw(`drop table if exists ${names.slice(i, i + 20).map((name) => `"${schema}"."${name}"`).join(', ')} cascade`)
      }
      await knex.raw(`drop schema "${schema}" cascade`)
      await Promise.all(pools.map((k) => k.destroy()))
    },
  }
}

async function openMysql(url: string): Promise<TestDb> {
  const database = `vk_${suffix()}`
  const admin = knexFactory({ client: 'mysql2', connection: url, pool: { min: 0, max: 1 } })
  await admin.raw('select 1').catch((error: unknown) => {
    throw new Error(`VETKIT_TEST_MYSQL_URL is set but MySQL/MariaDB is unreachable at ${url}: ${String(error)}`)
  })
  await admin.raw(`create database \`${database}\` character set utf8mb4 collate utf8mb4_bin`)
  const target = new URL(url)
  target.pathname = `/${database}`
  const pools: Knex[] = []
  const connect = (max: number) => {
    const k = knexFactory({ client: 'mysql2', connection: target.toString(), pool: { min: 0, max } })
    pools.push(k)
    return k
  }
  const knex = connect(25)
  let n = 0
  return {
    backend: 'mysql',
    knex,
    hostSchema: null,
    async freshStorage(options = {}) {
      const storage = createKnexStorage({ knex, sealer: testSealer(), tablePrefix: `t${++n}_`, ...options })
      await storage.migrate()
      return storage
    },
    anotherKnex: (max = 10) => connect(max),
    async close() {
      await Promise.all(pools.map((k) => k.destroy()))
      await admin.raw(`drop database \`${database}\``)
      await admin.destroy()
    },
  }
}

async function openEmbedded(): Promise<TestDb> {
  const db: PgliteDatabase = await openPglite()
  let n = 0
  return {
    backend: 'pglite',
    knex: db.knex,
    hostSchema: null,
    async freshStorage(options = {}) {
      const storage = createKnexStorage({ knex: db.knex, sealer: testSealer(), tablePrefix: `t${++n}_`, ...options })
      await storage.migrate()
      return storage
    },
    anotherKnex: () => db.knex,
    close: () => db.close(),
  }
}

export const BACKENDS: { name: BackendName; url: string | undefined; open: () => Promise<TestDb> }[] = [
  { name: 'pglite', url: 'embedded', open: openEmbedded },
  { name: 'postgres', url: process.env.VETKIT_TEST_PG_URL, open: () => openPostgres(process.env.VETKIT_TEST_PG_URL ?? '') },
  { name: 'mysql', url: process.env.VETKIT_TEST_MYSQL_URL, open: () => openMysql(process.env.VETKIT_TEST_MYSQL_URL ?? '') },
]

/** Declares the same suite once per enabled backend, each with its own isolated database. */
export function describeEachBackend(title: string, suite: (db: () => TestDb, backend: BackendName) => void): void {
  for (const backend of BACKENDS) {
    describe.runIf(Boolean(backend.url))(`${title} [${backend.name}]`, () => {
      let db: TestDb | undefined
      beforeAll(async () => {
        db = await backend.open()
      }, 60_000)
      afterAll(async () => {
        await db?.close()
      }, 60_000)
      suite(() => {
        if (!db) throw new Error(`the ${backend.name} test database did not open`)
        return db
      }, backend.name)
    })
  }
}
