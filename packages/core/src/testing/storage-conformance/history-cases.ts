import assert from 'node:assert/strict'
import type { HistoryEntry, Storage } from '../../ports/storage'
import { after, assertPartial, createSubject, insertCheck, rejectionOf, T0 } from './fixtures'
import type { ConformanceContext } from './target'

async function checkWithSubject(storage: Storage): Promise<{ subjectId: string; checkId: string }> {
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

/** A check's append-only history: order, every field intact, the transaction it joins. */
export function historyCases({ it, target }: ConformanceContext): void {
  it('appends entries and lists them for their check in order, every field intact', async () => {
    const storage = await target.fresh()
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
    const invite = entry(checkId, subjectId, {
      eventType: 'invite',
      fromStatus: null,
      toStatus: 'invited',
      actorKind: 'host',
      actorId: 'host-app',
      occurredAt: after(T0, 1),
      recordedAt: after(T0, 2),
    })
    const completed = entry(checkId, subjectId, {
      webhookEventId: webhook.id,
      details: { cursor: { rank: 6 }, items: ['a', 'b'], flag: true, note: 'ünïcode' },
      occurredAt: after(T0, 1_001),
      recordedAt: after(T0, 5_555),
    })
    const preAdverse = entry(checkId, subjectId, {
      eventType: 'start_pre_adverse',
      fromStatus: 'consider',
      toStatus: 'pre_adverse',
      actorKind: 'admin',
      actorId: 'admin@example.com',
      reason: 'Record matches the candidate; the job requires a clean driving record.',
      details: { adverseItemIds: ['i1'], finalNoticeDueAt: '2030-03-22T10:20:30.123Z' },
      occurredAt: after(T0, 60_000),
      recordedAt: after(T0, 60_001),
    })
    await storage.history.append(invite)
    // Another check's entry in between: the list must not pick it up.
    await storage.history.append(entry(other.checkId, other.subjectId, { occurredAt: after(T0, 500) }))
    await storage.history.append(completed)
    await storage.history.append(preAdverse)

    const listed = await storage.history.listForCheck(checkId)
    assert.deepEqual(
      listed.map(({ id: _id, ...rest }) => rest),
      [invite, completed, preAdverse],
      'the check lists exactly its entries, oldest first, every field as appended',
    )
    assert.equal(listed[1]?.webhookEventId, webhook.id)
    // Ids are distinct and increase with append order.
    const ids = listed.map((e) => BigInt(e.id))
    const increasing = ids.every((id, i) => i === 0 || (ids[i - 1] ?? id) < id)
    assert.ok(increasing, `history ids must be integers increasing with append order, got ${listed.map((e) => e.id).join(', ')}`)

    const otherListed = await storage.history.listForCheck(other.checkId)
    assert.equal(otherListed.length, 1, 'the other check lists its one entry')
    assertPartial(otherListed[0], { checkId: other.checkId, subjectId: other.subjectId }, "the other check's entry")
    assert.deepEqual(await storage.history.listForCheck('00000000-0000-7000-8000-000000000000'), [], 'an unknown check has no history')
  })

  it('keeps append order for entries recorded in the same millisecond', async () => {
    const storage = await target.fresh()
    const { subjectId, checkId } = await checkWithSubject(storage)
    const types = ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']
    for (const eventType of types) await storage.history.append(entry(checkId, subjectId, { eventType }))
    assert.deepEqual(
      (await storage.history.listForCheck(checkId)).map((e) => e.eventType),
      types,
      'equal timestamps: the list falls back to append order',
    )
  })

  it('refuses an entry for an unknown check', async () => {
    const storage = await target.fresh()
    await rejectionOf(storage.history.append(entry('00000000-0000-7000-8000-000000000000', 'nobody')))
  })

  it('joins the storage transaction: rolled back with it', async () => {
    const storage = await target.fresh()
    const { subjectId, checkId } = await checkWithSubject(storage)
    const error = await rejectionOf(
      storage.transaction(async (tx) => {
        await tx.history.append(entry(checkId, subjectId))
        assert.equal((await tx.history.listForCheck(checkId)).length, 1, 'the transaction sees its own entry')
        throw new Error('abort')
      }),
    )
    assert.match(error.message, /abort/, 'the transaction rejects with the error thrown inside it')
    assert.deepEqual(await storage.history.listForCheck(checkId), [], 'the rolled-back entry is gone')
  })
}
