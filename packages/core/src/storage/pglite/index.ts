// @vetkit/core/pglite: embedded PostgreSQL (PGlite, WASM) for zero-setup development, demos and
// tests. Real PostgreSQL semantics (CHECK, triggers, SKIP LOCKED), one connection, no server.
import { PGlite } from '@electric-sql/pglite'
import knexFactory, { type Knex } from 'knex'
import ClientPgLite from 'knex-pglite'

export interface PgliteOptions {
  /** Directory for the data files; omit for an in-memory database. */
  dataDir?: string
  /** An existing PGlite instance to use (e.g. a `clone()` of a prepared one). */
  pglite?: PGlite
}

export interface PgliteDatabase {
  knex: Knex
  pglite: PGlite
  /** Closes knex and the PGlite instance (flushing the data directory). */
  close(): Promise<void>
}

export async function openPglite(options: PgliteOptions = {}): Promise<PgliteDatabase> {
  const pglite = options.pglite ?? (options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create())
  const knex = knexFactory({
    client: ClientPgLite as unknown as typeof Knex.Client,
    dialect: 'postgres',
    connection: () => ({ pglite }) as object,
  })
  return {
    knex,
    pglite,
    async close() {
      await knex.destroy()
      if (!pglite.closed) await pglite.close()
    },
  }
}
