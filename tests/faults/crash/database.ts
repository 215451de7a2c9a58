/**
 * A fresh database for one crash run, as packages/core/test/storage/support/backends.ts makes
 * them: a PostgreSQL schema or a MariaDB database named `vk_crash_<random>`, dropped at the end.
 * It also says how a worker process reaches the same tables.
 */
import { randomBytes } from 'node:crypto'
import { loadKnex, type Knex } from './deps'

const knexFactory = loadKnex()

export type CrashBackend = 'postgres' | 'mysql'

export interface CrashDb {
  backend: CrashBackend
  knex: Knex
  /** What a worker process needs to open the same tables. */
  url: string
  schema: string | null
  close(): Promise<void>
}

const suffix = () => randomBytes(4).toString('hex')

export async function openCrashDb(backend: CrashBackend, url: string): Promise<CrashDb> {
  const name = `vk_crash_${suffix()}`
  if (backend === 'postgres') {
    const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 20 } })
    await knex.raw('select 1').catch((error: unknown) => {
      throw new Error(`VETKIT_TEST_PG_URL is set but PostgreSQL is unreachable at ${url}: ${String(error)}`)
    })
    await knex.raw(`create schema "${name}"`)
    return {
      backend,
      knex,
      url,
      schema: name,
      async close() {
        await knex.raw(`drop schema "${name}" cascade`)
        await knex.destroy()
      },
    }
  }
  const admin = knexFactory({ client: 'mysql2', connection: url, pool: { min: 0, max: 1 } })
  await admin.raw('select 1').catch((error: unknown) => {
    throw new Error(`VETKIT_TEST_MYSQL_URL is set but MySQL/MariaDB is unreachable at ${url}: ${String(error)}`)
  })
  await admin.raw(`create database \`${name}\` character set utf8mb4 collate utf8mb4_bin`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const knex = knexFactory({ client: 'mysql2', connection: target.toString(), pool: { min: 0, max: 20 } })
  return {
    backend,
    knex,
    url: target.toString(),
    schema: null,
    async close() {
      await knex.destroy()
      await admin.raw(`drop database \`${name}\``)
      await admin.destroy()
    },
  }
}
