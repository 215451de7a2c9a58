// The host's database: embedded PGlite by default, PostgreSQL or MySQL/MariaDB with DATABASE_URL.
// vetkit keeps its tables here too, next to the host's own `instructors` table.
import { mkdir } from 'node:fs/promises'
import knexFactory, { type Knex } from 'knex'
import { openPglite } from '@vetkit/core/pglite'
import type { DatabaseConfig } from './config'

export interface HostDatabase {
  knex: Knex
  /** For the start-up banner: where the data lives. */
  description: string
  close(): Promise<void>
}

export async function openDatabase(config: DatabaseConfig): Promise<HostDatabase> {
  if (config.kind === 'pglite') {
    if (config.dataDir) await mkdir(config.dataDir, { recursive: true })
    const db = await openPglite(config.dataDir ? { dataDir: config.dataDir } : {})
    return { knex: db.knex, description: config.dataDir ? `embedded PGlite in ${config.dataDir}` : 'embedded PGlite in memory', close: () => db.close() }
  }
  const knex = knexFactory({
    client: config.kind === 'postgres' ? 'pg' : 'mysql2',
    connection: config.url,
    pool: { min: 0, max: 10 },
    // During an outage knex warns on every failed connection attempt; vetkit already logs the
    // outage once when it starts and once when it ends (and answers 503 meanwhile).
    log: { warn: (message: string) => (/Acquire connection error/.test(String(message)) ? undefined : console.warn(message)) },
  })
  await knex.raw('SELECT 1')
  return { knex, description: `${config.kind === 'postgres' ? 'PostgreSQL' : 'MySQL/MariaDB'} at ${redact(config.url)}`, close: () => knex.destroy() }
}

/** The host's own schema: the marketplace's instructors, whose `is_live` flag vetkit's gate guards. */
export async function migrateHostSchema(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('instructors')) return
  await knex.schema.createTable('instructors', (t) => {
    t.string('id', 64).primary()
    t.string('name', 200).notNullable()
    t.string('email', 320).notNullable()
    t.boolean('is_live').notNullable().defaultTo(false)
    t.bigInteger('created_at').notNullable()
  })
}

function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(DATABASE_URL)'
  }
}
