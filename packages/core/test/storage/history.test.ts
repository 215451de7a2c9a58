import { expect, it } from 'vitest'
import type { HistoryEntry, Storage } from '../../src/ports/storage'
import { describeEachBackend } from './support/backends'
import { after, createSubject, insertCheck, rejectionMessage, T0 } from './support/fixtures-a'

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

  it('appends entries and lists them for their check in order, every field intact', async () => {
    const storage = await db().freshStorage()
    const { subjectId, checkId } = await checkWithSubject(storage)
    const other = await checkWithSubject(storage)
    const webhook = await storage.webhooks.record({
      provider: 'checkr',
      eventId: 'evt_1',
      eventType: 'report.completed',
      receivedAt: T0,
      httpStatus: 200,
      authOutcome: 'ok',
      processingOutcome: 'queued',
    })
    const entries: HistoryEntry[] = [
      entry(checkId, subjectId, {
        eventType: 'invite',
        fromStatus: null,
        toStatus: 'invited',
        actorKind: 'host',
        actorId: 'host-app',
        occurredAt: after(T0, 1),
        recordedAt: after(T0, 2),
      }),
      entry(checkId, subjectId, {
        webhookEventId: webhook.id,
        details: { cursor: { rank: 6 }, items: ['a', 'b'], flag: true, note: 'ünïcode' },
        occurredAt: after(T0, 1_001),
        recordedAt: after(T0, 5_555),
      }),
      entry(checkId, subjectId, {
        eventType: 'start_pre_adverse',
        fromStatus: 'consider',
        toStatus: 'pre_adverse',
        actorKind: 'admin',
        actorId: 'admin@example.com',
        reason: 'Record matches the candidate; the job requires a clean driving record.',
        details: { adverseItemIds: ['i1'], finalNoticeDueAt: '2030-03-22T10:20:30.123Z' },
        occurredAt: after(T0, 60_000),
        recordedAt: after(T0, 60_001),
      }),
    ]
    await storage.history.append(entries[0]!)
    await storage.history.append(entry(other.checkId, other.subjectId, { occurredAt: after(T0, 500) }))
    await storage.history.append(entries[1]!)
    await storage.history.append(entries[2]!)

    const listed = await storage.history.listForCheck(checkId)
    expect(listed.map(({ id: _id, ...rest }) => rest)).toEqual(entries)
    expect(listed[1]!.webhookEventId).toBe(webhook.id)
    // Ids are distinct and increase with append order.
    const ids = listed.map((e) => BigInt(e.id))
    expect(ids[0]! < ids[1]! && ids[1]! < ids[2]!).toBe(true)

    const otherListed = await storage.history.listForCheck(other.checkId)
    expect(otherListed).toHaveLength(1)
    expect(otherListed[0]).toMatchObject({ checkId: other.checkId, subjectId: other.subjectId })
    expect(await storage.history.listForCheck('00000000-0000-7000-8000-000000000000')).toEqual([])
  })

  it('keeps append order for entries recorded in the same millisecond', async () => {
    const storage = await db().freshStorage()
    const { subjectId, checkId } = await checkWithSubject(storage)
    const types = ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']
    for (const eventType of types) await storage.history.append(entry(checkId, subjectId, { eventType }))
    expect((await storage.history.listForCheck(checkId)).map((e) => e.eventType)).toEqual(types)
  })

  it('refuses an entry for an unknown check', async () => {
    const storage = await db().freshStorage()
    await expect(storage.history.append(entry('00000000-0000-7000-8000-000000000000', 'nobody'))).rejects.toThrow()
  })

  it('joins the storage transaction: rolled back with it', async () => {
    const storage = await db().freshStorage()
    const { subjectId, checkId } = await checkWithSubject(storage)
    await expect(
      storage.transaction(async (tx) => {
        await tx.history.append(entry(checkId, subjectId))
        expect(await tx.history.listForCheck(checkId)).toHaveLength(1)
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(await storage.history.listForCheck(checkId)).toEqual([])
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
