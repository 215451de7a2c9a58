import type { Knex } from 'knex'
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest'
import type { Storage } from '../../src/ports/storage'
import type { KnexStorage } from '../../src/storage/knex'
import { describeStorageConformance } from '../../src/testing'
import { BACKENDS, type TestDb } from './support/backends'
import { storageOn, warmPool } from './support/fixtures-b'

/**
 * The knex backend through the conformance kit a backend author runs (`@vetkit/core/testing`),
 * on each enabled database. The knex-only behaviours (columns at rest, triggers, DDL) are in the
 * other files here.
 */
for (const backend of BACKENDS) {
  describe.runIf(Boolean(backend.url))(`[${backend.name}]`, () => {
    let db: TestDb | undefined
    const opened = (): TestDb => {
      if (!db) throw new Error(`the ${backend.name} test database did not open`)
      return db
    }
    beforeAll(async () => {
      db = await backend.open()
    }, 60_000)
    afterAll(async () => {
      await db?.close()
    }, 60_000)
    // Each case's sibling pools close with it: idle connections left to time out would pile up
    // past the server's connection limit over a few hundred cases.
    const pools: Knex[] = []
    afterEach(async () => {
      await Promise.all(pools.splice(0).map((knex) => knex.destroy()))
    })

    describeStorageConformance(
      `knex on ${backend.name}`,
      {
        fresh: () => opened().freshStorage(),
        async sibling(storage: Storage, connections: number) {
          if (backend.name === 'pglite') return storage
          const knex = opened().anotherKnex(connections)
          pools.push(knex)
          await warmPool(knex, backend.name, connections)
          return storageOn(knex, storage as KnexStorage)
        },
      },
      { describe, it },
    )
  })
}
