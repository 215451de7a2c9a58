import { expect, it } from 'vitest'
import type { HistoryEntry, Storage } from '../../src/ports/storage'
import { describeEachBackend } from './support/backends'
import { createSubject, insertCheck, rejectionMessage, T0 } from './support/fixtures-a'

/**
 * The history table's append-only trigger, which only raw SQL can reach (the port has no update
 * or delete). The rest of the history behaviour is in the conformance kit
 * (`src/testing/storage-conformance/history-cases.ts`).
 */
describeEachBackend('check history', (db, backend) => {
  async function checkWithSubject(storage: Storage) {
    const subjectId = await createSubject(storage)
    const check = await insertCheck(storage, subjectId)
    return { subjectId, checkId: check.id }
  }

  const entry = (checkId: string, subjectId: string, overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
    checkId,
    subjectId,
    eventType: 'report.completed',
    fromStatus: 'pending',
    toStatus: 'consider',
    actorKind: 'provider',
    actorId: 'checkr',
    reason: null,
    webhookEventId: null,
    details: null,
    occurredAt: T0,
    recordedAt: T0,
    ...overrides,
  })

  it('is append-only in the database: raw UPDATE is refused', async () => {
    const storage = await db().freshStorage()
    const { subjectId, checkId } = await checkWithSubject(storage)
    await storage.history.append(entry(checkId, subjectId, { reason: 'original' }))
    const before = await storage.history.listForCheck(checkId)
    const table = storage.tables.sql('check_events')
    const message = await rejectionMessage(db().knex.raw(`update ${table} set reason = ? where check_id = ?`, ['rewritten', checkId]))
    expect(message).toContain('vetkit_append_only')
    expect(await storage.history.listForCheck(checkId)).toEqual(before)
  })

  it('is append-only in the database: raw DELETE is refused', async () => {
    const storage = await db().freshStorage()
    const { subjectId, checkId } = await checkWithSubject(storage)
    await storage.history.append(entry(checkId, subjectId))
    await storage.history.append(entry(checkId, subjectId, { eventType: 'second' }))
    const before = await storage.history.listForCheck(checkId)
    const table = storage.tables.sql('check_events')
    expect(await rejectionMessage(db().knex.raw(`delete from ${table} where id = ?`, [before[0]!.id]))).toContain('vetkit_append_only')
    expect(await rejectionMessage(db().knex.raw(`delete from ${table}`))).toContain('vetkit_append_only')
    expect(await storage.history.listForCheck(checkId)).toEqual(before)
  })

  it.runIf(backend !== 'mysql')('is append-only in the database: raw TRUNCATE is refused (PostgreSQL)', async () => {
    const storage = await db().freshStorage()
    const { subjectId, checkId } = await checkWithSubject(storage)
    await storage.history.append(entry(checkId, subjectId))
    const before = await storage.history.listForCheck(checkId)
    const table = storage.tables.sql('check_events')
    expect(await rejectionMessage(db().knex.raw(`truncate table ${table}`))).toContain('vetkit_append_only')
    expect(await storage.history.listForCheck(checkId)).toEqual(before)
  })
})
