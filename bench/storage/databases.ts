import { randomBytes } from 'node:crypto'
import { createKnexStorage, type KnexStorage } from '@vetkit/core/knex'
import { testSealer } from '@vetkit/core/testing'
import { knexFactory, mysql, pg, type Knex, type MysqlPool, type PgPool } from './deps'

export type Row = Record<string, unknown>
export type DbKind = 'postgres' | 'mysql'

/** A statement's outcome through the raw driver: rows (SELECT, RETURNING) and affected rows. */
export interface RawResult {
  rows: Row[]
  affected: number
}

/** One dedicated driver connection (for transactions). */
export interface RawConnection {
  query(sql: string, bindings?: readonly unknown[]): Promise<RawResult>
  release(): void
}

/** A connection pool of the bare driver (`pg.Pool` / `mysql2` pool): no knex involved. */
export interface RawPool {
  query(sql: string, bindings?: readonly unknown[]): Promise<RawResult>
  connect(): Promise<RawConnection>
  end(): Promise<void>
}

/**
 * An isolated database for one run: a PostgreSQL schema or a MariaDB database named
 * `vk_bench_<random>`, dropped by `close()`.
 */
export interface BenchDb {
  kind: DbKind
  label: string
  url: string
  namespace: string
  version: string
  /** Server settings that decide the numbers (durability, memory), for the header. */
  settings: string
  /** A new knex pool on the bench namespace (closed by `close()`). */
  knex(poolMax: number): Knex
  /** A vetkit storage on `knex` under `tablePrefix` (the PostgreSQL schema is the namespace). */
  storage(knex: Knex, tablePrefix: string): KnexStorage
  /** A new raw driver pool on the bench namespace (closed by `close()`). */
  raw(poolMax: number): RawPool
  /** Administrative connection (loading, EXPLAIN, counts). */
  admin: RawPool
  /** Destroys every pool and drops the namespace. Idempotent. */
  close(): Promise<void>
}

const suffix = () => randomBytes(4).toString('hex')

function pgRaw(pool: PgPool): RawPool {
  return {
    async query(sql, bindings = []) {
      const result = await pool.query(sql, bindings as unknown[])
      return { rows: result.rows as Row[], affected: result.rowCount ?? 0 }
    },
    async connect() {
      const client = await pool.connect()
      return {
        async query(sql, bindings = []) {
          const result = await client.query(sql, bindings as unknown[])
          return { rows: result.rows as Row[], affected: result.rowCount ?? 0 }
        },
        release: () => client.release(),
      }
    },
    end: () => pool.end(),
  }
}

type MysqlResult = Row[] | { affectedRows?: number }

function mysqlResult(result: unknown): RawResult {
  const value = result as MysqlResult
  if (Array.isArray(value)) return { rows: value, affected: value.length }
  return { rows: [], affected: value.affectedRows ?? 0 }
}

function mysqlRaw(pool: MysqlPool): RawPool {
  return {
    async query(sql, bindings = []) {
      const [result] = await pool.query(sql, bindings as unknown[])
      return mysqlResult(result)
    },
    async connect() {
      const connection = await pool.getConnection()
      return {
        async query(sql, bindings = []) {
          const [result] = await connection.query(sql, bindings as unknown[])
          return mysqlResult(result)
        },
        release: () => connection.release(),
      }
    },
    end: () => pool.end(),
  }
}

async function closeAll(pools: { knex: Knex[]; raw: RawPool[] }): Promise<void> {
  await Promise.allSettled([...pools.knex.map((k) => k.destroy()), ...pools.raw.map((r) => r.end())])
  pools.knex.length = 0
  pools.raw.length = 0
}

export async function openPostgres(url: string): Promise<BenchDb> {
  const namespace = `vk_bench_${suffix()}`
  const admin = pgRaw(new pg.Pool({ connectionString: url, max: 2 }))
  try {
    await admin.query('select 1')
  } catch (error) {
    await admin.end()
    throw new Error(`PostgreSQL is unreachable at ${url} (set VETKIT_BENCH_PG_URL): ${String(error)}`, { cause: error })
  }
  const version = String((await admin.query('show server_version')).rows[0]?.server_version)
  const show = async (name: string) => String((await admin.query(`show ${name}`)).rows[0]?.[name])
  const settings = (
    await Promise.all(['shared_buffers', 'synchronous_commit', 'fsync', 'lc_collate'].map(async (n) => `${n}=${await show(n)}`))
  ).join(', ')
  await admin.query(`create schema "${namespace}"`)
  const pools = { knex: [] as Knex[], raw: [] as RawPool[] }
  let closed = false
  return {
    kind: 'postgres',
    label: 'PostgreSQL',
    url,
    namespace,
    version,
    settings,
    admin,
    knex(max) {
      const k = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max } })
      pools.knex.push(k)
      return k
    },
    storage: (knex, tablePrefix) => createKnexStorage({ knex, sealer: testSealer(), schema: namespace, tablePrefix }),
    raw(max) {
      const r = pgRaw(new pg.Pool({ connectionString: url, max }))
      pools.raw.push(r)
      return r
    },
    async close() {
      if (closed) return
      closed = true
      await closeAll(pools)
      try {
        await admin.query(`drop schema if exists "${namespace}" cascade`)
      } finally {
        await admin.end()
      }
    },
  }
}

export async function openMysql(url: string): Promise<BenchDb> {
  const namespace = `vk_bench_${suffix()}`
  // multipleStatements stays off; the admin pool only runs single statements.
  const admin = mysqlRaw(mysql.createPool({ uri: url, connectionLimit: 2 }))
  try {
    await admin.query('select 1')
  } catch (error) {
    await admin.end()
    throw new Error(`MySQL/MariaDB is unreachable at ${url} (set VETKIT_BENCH_MYSQL_URL): ${String(error)}`, { cause: error })
  }
  const version = String((await admin.query('select version() as v')).rows[0]?.v)
  const variables = ['innodb_buffer_pool_size', 'innodb_flush_log_at_trx_commit', 'sync_binlog', 'log_bin', 'transaction_isolation', 'tx_isolation']
  const found = (await admin.query(`show variables where Variable_name in (${variables.map(() => '?').join(', ')})`, variables)).rows
  const settings = found
    .map((r) => {
      const name = String(r.Variable_name)
      const value = String(r.Value)
      return name === 'innodb_buffer_pool_size' ? `${name}=${Math.round(Number(value) / 2 ** 20)}MB` : `${name}=${value}`
    })
    .join(', ')
  await admin.query(`create database \`${namespace}\` character set utf8mb4 collate utf8mb4_bin`)
  const target = new URL(url)
  target.pathname = `/${namespace}`
  const targetUrl = target.toString()
  const pools = { knex: [] as Knex[], raw: [] as RawPool[] }
  // The admin pool must address the bench database too: a second pool bound to it.
  const benchAdmin = mysqlRaw(mysql.createPool({ uri: targetUrl, connectionLimit: 2 }))
  let closed = false
  return {
    kind: 'mysql',
    label: 'MariaDB',
    url,
    namespace,
    version,
    settings,
    admin: benchAdmin,
    knex(max) {
      const k = knexFactory({ client: 'mysql2', connection: targetUrl, pool: { min: 0, max } })
      pools.knex.push(k)
      return k
    },
    storage: (knex, tablePrefix) => createKnexStorage({ knex, sealer: testSealer(), tablePrefix }),
    raw(max) {
      const r = mysqlRaw(mysql.createPool({ uri: targetUrl, connectionLimit: max }))
      pools.raw.push(r)
      return r
    },
    async close() {
      if (closed) return
      closed = true
      await closeAll(pools)
      await benchAdmin.end().catch(() => undefined)
      try {
        await admin.query(`drop database if exists \`${namespace}\``)
      } finally {
        await admin.end()
      }
    },
  }
}

/** Opens `poolMax` connections of a pool now, so that connecting is never inside a timing. */
export async function prewarmKnex(knex: Knex, poolMax: number): Promise<void> {
  await Promise.all(Array.from({ length: poolMax }, () => knex.raw('select 1')))
}

export async function prewarmRaw(raw: RawPool, poolMax: number): Promise<void> {
  const held = await Promise.all(Array.from({ length: poolMax }, () => raw.connect()))
  await Promise.all(held.map((c) => c.query('select 1')))
  for (const c of held) c.release()
}
