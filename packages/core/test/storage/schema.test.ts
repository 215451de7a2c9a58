import { describe, expect, it } from 'vitest'
import { describeEachBackend } from './support/backends'

describeEachBackend('schema and migrations', (db) => {
  it('migrates idempotently into its own migrations table and reports itself current', async () => {
    const storage = await db().freshStorage()
    await expect(storage.assertSchemaCurrent()).resolves.toBeUndefined()
    expect(await storage.migrate()).toEqual({ applied: [] })
    const status = await storage.schemaStatus()
    expect(status).toEqual({ applied: ['0001_initial'], pending: [], unknown: [] })
    const hasKnexDefault = await (db().hostSchema ? db().knex.schema.withSchema(db().hostSchema!) : db().knex.schema).hasTable('knex_migrations')
    expect(hasKnexDefault).toBe(false)
  })

  it('prints the same schema as SQL, with bookkeeping, for external migration tools', async () => {
    const storage = await db().freshStorage()
    const sql = storage.migrationSql()
    expect(sql).toContain('-- 0001_initial')
    expect(sql).toMatch(/create table .*t\d+_checks/i)
    expect(sql).toContain("'0001_initial'")
  })
})

describe('placeholder', () => {
  it('keeps vitest happy when only PGlite runs', () => {
    expect(true).toBe(true)
  })
})
