import { describe, expect, it } from 'vitest'
import { CHECK_STATUSES } from '../../src/domain/check-status'
import { VetkitError } from '../../src/errors'
import { APPEND_ONLY_MESSAGE, SchemaOutOfDateError, type KnexStorage } from '../../src/storage/knex'
import { describeEachBackend } from './support/backends'
import { applyScript, at, newJob, rejectionOf, splitSqlScript, T0, unmigratedStorage } from './support/fixtures-b'

/** Every migration vetkit ships, in order: a fresh schema has all of them. */
const ALL_MIGRATIONS = ['0001_initial', '0002_check_review_facts', '0003_sealed_events_and_retention', '0004_job_refs', '0005_review_console_reads']

describeEachBackend('schema administration', (db, backend) => {
  it('assertSchemaCurrent on an empty prefix says what to run', async () => {
    const storage = unmigratedStorage(db())
    const error = await rejectionOf(storage.assertSchemaCurrent())
    expect(error).toBeInstanceOf(VetkitError)
    expect(error).toBeInstanceOf(SchemaOutOfDateError)
    expect(error.code).toBe('schema_out_of_date')
    expect(error.message).toContain('migrate()')
    expect(error.message).toContain('migrationSql()')
    expect((error as unknown as SchemaOutOfDateError).pending).toEqual(ALL_MIGRATIONS)
    expect(await storage.schemaStatus()).toEqual({ applied: [], pending: ALL_MIGRATIONS, unknown: [] })
    // Checking creates nothing.
    const schema = db().hostSchema ? db().knex.schema.withSchema(db().hostSchema!) : db().knex.schema
    expect(await schema.hasTable(storage.tables.bare('migrations'))).toBe(false)
  })

  it('applying migrationSql() statement by statement through raw SQL yields a current, working schema', async () => {
    const storage = unmigratedStorage(db())
    const script = storage.migrationSql()
    if (backend === 'mysql') expect(script).toContain('DELIMITER //')
    const statements = splitSqlScript(script)
    // No statement is a stray DELIMITER directive or an empty fragment of a trigger body.
    expect(statements.some((s) => /^\s*DELIMITER/im.test(s))).toBe(false)
    expect(statements.every((s) => !/^\s*(END|BEGIN)\b/i.test(s))).toBe(true)

    expect(await applyScript(db().knex, script)).toBe(statements.length)
    await expect(storage.assertSchemaCurrent()).resolves.toBeUndefined()
    expect(await storage.migrate()).toEqual({ applied: [] })
    expect(await storage.schemaStatus()).toEqual({ applied: ALL_MIGRATIONS, pending: [], unknown: [] })

    // The tables work, and the compound statements (append-only triggers) came through whole.
    const { id } = await storage.jobs.enqueue(newJob())
    const [job] = await storage.jobs.claim({ workerId: 'w', limit: 1, leaseMs: 1000, now: T0 })
    expect(job!.id).toBe(id)
    expect(await storage.jobs.complete(job!, at(1))).toBe(true)
    const { id: eventId } = await storage.outbox.append({ type: 'check.passed', subjectId: null, checkId: null, payload: {}, createdAt: T0 })
    const refused = await rejectionOf(db().knex(storage.tables.ref('outbox')).where({ id: Number(eventId) }).update({ type: 'rewritten' }))
    expect(refused.message).toContain(APPEND_ONLY_MESSAGE)
    const deleted = await rejectionOf(db().knex(storage.tables.ref('outbox')).where({ id: Number(eventId) }).delete())
    expect(deleted.message).toContain(APPEND_ONLY_MESSAGE)
  })

  it('two concurrent migrate() calls on one fresh prefix both succeed and leave the schema current', async () => {
    for (let round = 0; round < 3; round++) {
      const first = unmigratedStorage(db())
      const second = unmigratedStorage(db(), db().anotherKnex(3), first.tables.prefix)
      const third = unmigratedStorage(db(), db().anotherKnex(3), first.tables.prefix)
      const results = await Promise.all([first.migrate(), second.migrate(), third.migrate()])
      // The migration ran once: exactly one caller applied it.
      expect(results.flatMap((r) => r.applied)).toEqual(ALL_MIGRATIONS)
      await expect(first.assertSchemaCurrent()).resolves.toBeUndefined()
      expect(await first.schemaStatus()).toEqual({ applied: ALL_MIGRATIONS, pending: [], unknown: [] })
      // knex's lock table holds one row, unlocked: a later migrate() is not blocked.
      const lockRows = (await db().knex(`${first.tables.schema ? `${first.tables.schema}.` : ''}${first.tables.bare('migrations')}_lock`).select('is_locked')) as {
        is_locked: unknown
      }[]
      expect(lockRows.map((r) => Number(r.is_locked))).toEqual([0])
      expect(await second.migrate()).toEqual({ applied: [] })
      expect((await first.jobs.enqueue(newJob())).inserted).toBe(true)
    }
  }, 120_000)

  it('reports a schema migrated by a newer vetkit', async () => {
    const storage = await db().freshStorage()
    const ref = `${storage.tables.schema ? `${storage.tables.schema}.` : ''}${storage.tables.bare('migrations')}`
    await db().knex(ref).insert({ name: '9999_from_the_future', batch: 2, migration_time: new Date() })
    const error = await rejectionOf(storage.assertSchemaCurrent())
    expect(error.code).toBe('schema_out_of_date')
    expect(error.message).toContain('newer vetkit')
    expect((error as unknown as SchemaOutOfDateError).unknown).toEqual(['9999_from_the_future'])
  })

  describe('CHECK constraints', () => {
    async function insertCheck(storage: KnexStorage, id: string, status: string): Promise<unknown> {
      return db().knex.raw(
        'insert into ?? (id, subject_id, provider, package_slug, jurisdiction, status, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 0, ?, ?)',
        [storage.tables.ref('checks'), id, 'subj-1', 'fake', 'basic', 'US-CA', status, T0.getTime(), T0.getTime()],
      )
    }

    async function insertJob(storage: KnexStorage, status: string): Promise<unknown> {
      return db().knex.raw('insert into ?? (type, payload, status, run_at, attempts, max_attempts, created_at, updated_at) values (?, ?, ?, ?, 0, 5, ?, ?)', [
        storage.tables.ref('jobs'),
        't',
        '{}',
        status,
        T0.getTime(),
        T0.getTime(),
        T0.getTime(),
      ])
    }

    it('refuses an invalid check status on insert and update, accepts every valid one', async () => {
      const storage = await db().freshStorage()
      await storage.subjects.upsert({ id: 'subj-1', now: T0 })
      const constraint = `${storage.tables.prefix}checks_status_check`

      const refused = await rejectionOf(insertCheck(storage, 'c-bad', 'approved'))
      expect(refused.message).toContain(constraint)
      for (const [i, status] of CHECK_STATUSES.entries()) await insertCheck(storage, `c-${i}`, status)
      expect(await storage.checks.get('c-bad')).toBeNull()
      expect((await storage.checks.get('c-0'))?.state.status).toBe(CHECK_STATUSES[0])

      const update = await rejectionOf(db().knex.raw('update ?? set status = ? where id = ?', [storage.tables.ref('checks'), 'PASSED', 'c-0']))
      expect(update.message).toContain(constraint)
      expect((await storage.checks.get('c-0'))?.state.status).toBe(CHECK_STATUSES[0])
    })

    it('refuses an invalid job status on insert and update', async () => {
      const storage = await db().freshStorage()
      const constraint = `${storage.tables.prefix}jobs_status_check`
      const refused = await rejectionOf(insertJob(storage, 'paused'))
      expect(refused.message).toContain(constraint)
      for (const status of ['queued', 'running', 'completed', 'dead']) await insertJob(storage, status)
      expect(await storage.jobs.countByStatus()).toEqual({ queued: 1, running: 1, completed: 1, dead: 1 })

      const update = await rejectionOf(db().knex.raw('update ?? set status = ? where status = ?', [storage.tables.ref('jobs'), 'failed', 'dead']))
      expect(update.message).toContain(constraint)
      expect(await storage.jobs.countByStatus()).toEqual({ queued: 1, running: 1, completed: 1, dead: 1 })
    })
  })

  it('isolates table prefixes: two prefixes never see each other’s rows', async () => {
    const a = await db().freshStorage()
    const b = await db().freshStorage()
    expect(a.tables.prefix).not.toBe(b.tables.prefix)

    await a.subjects.upsert({ id: 'shared-id', email: 'a@example.com', now: T0 })
    const jobA = await a.jobs.enqueue(newJob({ dedupeKey: 'same-key' }))
    await a.throttles.consume('same-throttle', 60, T0)
    await a.throttles.consume('same-throttle', 60, at(1))

    expect(await b.subjects.get('shared-id')).toBeNull()
    expect(await b.jobs.getByDedupeKey('same-key')).toBeNull()
    expect(await b.jobs.countByStatus()).toEqual({ queued: 0, running: 0, completed: 0, dead: 0 })
    expect(await b.jobs.claim({ workerId: 'b', limit: 10, leaseMs: 1000, now: at(1000) })).toEqual([])
    expect(await b.throttles.consume('same-throttle', 60, at(2))).toEqual({ count: 1, windowStartedAt: at(2) })
    const jobB = await b.jobs.enqueue(newJob({ dedupeKey: 'same-key' }))
    expect(jobB.inserted).toBe(true)

    expect(await a.subjects.get('shared-id')).toMatchObject({ email: 'a@example.com' })
    expect(await a.jobs.getByDedupeKey('same-key')).toMatchObject({ id: jobA.id, status: 'queued' })
    expect(await a.jobs.countByStatus()).toEqual({ queued: 1, running: 0, completed: 0, dead: 0 })
    expect(await a.throttles.consume('same-throttle', 60, at(3))).toEqual({ count: 3, windowStartedAt: T0 })
  })
})
