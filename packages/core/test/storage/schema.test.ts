import { expect, it } from 'vitest'
import { systemClock } from '../../src/domain/clock'
import { createFakeProvider } from '../../src/providers/fake'
import { createKnexStorage } from '../../src/storage/knex'
import { testSealer } from '../../src/testing'
import { createVetkit } from '../../src/vetkit/create-vetkit'
import { describeEachBackend } from './support/backends'

/** Every migration vetkit ships, in order: a fresh schema has all of them. */
const ALL_MIGRATIONS = ['0001_initial', '0002_check_review_facts', '0003_sealed_events_and_retention', '0004_job_refs', '0005_review_console_reads']

describeEachBackend('schema and migrations', (db) => {
  it('migrates idempotently into its own migrations table and reports itself current', async () => {
    const storage = await db().freshStorage()
    await expect(storage.assertSchemaCurrent()).resolves.toBeUndefined()
    expect(await storage.migrate()).toEqual({ applied: [] })
    const status = await storage.schemaStatus()
    expect(status).toEqual({ applied: ALL_MIGRATIONS, pending: [], unknown: [] })
    const hasKnexDefault = await (db().hostSchema ? db().knex.schema.withSchema(db().hostSchema!) : db().knex.schema).hasTable('knex_migrations')
    expect(hasKnexDefault).toBe(false)
  })

  it('prints the same schema as SQL, with bookkeeping, for external migration tools', async () => {
    const storage = await db().freshStorage()
    const sql = storage.migrationSql()
    expect(sql).toContain('-- 0001_initial')
    expect(sql).toMatch(/create table .*t\d+_checks/i)
    expect(sql).toContain("'0001_initial'")
    expect(sql).toContain('-- 0002_check_review_facts')
  })

  it('a forgotten migrate() throws schema_missing naming storage.migrate(), not the driver\'s "does not exist"', async () => {
    const d = db()
    const storage = createKnexStorage({ knex: d.knex, sealer: testSealer(), tablePrefix: 'never_migrated_', ...(d.hostSchema ? { schema: d.hostSchema } : {}) })
    const logged: { message: string; fields: Record<string, unknown> | undefined }[] = []
    const vetkit = createVetkit({
      storage,
      provider: createFakeProvider({ clock: systemClock, signingKey: 'k' }),
      environment: 'test',
      logger: { info: () => undefined, warn: () => undefined, error: (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields }) },
      http: { authenticate: () => ({ id: 'admin-1', roles: ['admin'] }) },
    })
    const error = await vetkit.api.getStatus('mae').then(
      () => null,
      (e: unknown) => e as { code?: string; message?: string },
    )
    expect(error?.code).toBe('schema_missing')
    expect(error?.message).toContain('storage.migrate()')
    expect(error?.message).not.toMatch(/does not exist|doesn't exist/)

    // Over HTTP it is a fault: 500 with nothing internal in the body, and the whole error in the log.
    const response = await vetkit.handler(new Request('http://host/subjects/mae/status'))
    expect(response.status).toBe(500)
    const body = (await response.json()) as { code: string; detail: string }
    expect(body.code).toBe('internal_error')
    expect(JSON.stringify(body)).not.toMatch(/never_migrated|migrate|relation|table/i)
    expect(logged).toHaveLength(1)
    const err = logged[0]?.fields?.err as { code: string; message: string; stack: string; cause: { message: string } }
    expect(err.code).toBe('schema_missing')
    expect(err.stack).toMatch(/^VetkitError: vetkit's tables do not exist[\s\S]*\n\s+at /)
    // The driver's error is kept as the cause, without the statement knex prefixes (it may hold values).
    expect(err.cause.message).toMatch(/never_migrated_\w+/)
    expect(err.cause.message).not.toMatch(/select|where/i)
  })
})
