import assert from 'node:assert/strict'
import { newCheckState, type CheckState } from '../../domain/check-state'
import type { CheckRecord, CheckTransition, NewCheck } from '../../ports/storage'
import { after, assertPartial, checkOf, createSubject, DAY, fullState, insertCheck, rejectionOf, siblings, T0, unique, assertRecords } from './fixtures'
import type { ConformanceContext } from './target'

/** What `get` should return right after `insert`. */
const stored = (check: NewCheck): CheckRecord => ({ ...check, version: 0, updatedAt: check.createdAt, providerAdverseActionId: null })

/** Checks: insert and read back, provider-id lookups, the compare-and-set write, the sweeps' lists. */
export function checkCases({ it, target }: ConformanceContext): void {
  it('round-trips a check with every field set, dates to the millisecond', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const previous = await insertCheck(storage, subjectId, { status: 'expired' })
    const check = checkOf(subjectId, {
      provider: 'checkr',
      packageSlug: 'tasker_pro',
      state: fullState(unique('rep')),
      candidateId: unique('cand'),
      invitationId: unique('inv'),
      invitationUrl: `https://apply.checkr.com/invite/${unique('tok')}?x=1&y=ü`,
      previousCheckId: previous.id,
      nextReminderAt: after(T0, 11_011),
      createdAt: after(T0, 12_345),
    })
    await storage.checks.insert(check)
    const got = await storage.checks.get(check.id)
    assertRecords(got, stored(check), 'get after insert returns the check as inserted, version 0')
    assert.ok(got)
    // Not just equal dates: real Date objects with the milliseconds kept.
    assert.ok(got.state.adverseAction?.finalNoticeDueAt instanceof Date, 'nested dates of the state come back as Date objects')
    assert.equal(got.state.reportCompletedAt?.getUTCMilliseconds(), 124, 'milliseconds of state dates are kept')
    assertRecords(got.state.providerCursor, { at: after(T0, 4_004), rank: 7 }, 'the provider cursor keeps its instant and rank')
    assert.deepEqual(got.state.adverseAction?.adverseItemIds, ['item-1', 'item-2', 'item-ü'], 'adverse item ids keep their order and non-ASCII text')
  })

  it('round-trips a fresh check with every optional field empty', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const check = checkOf(subjectId)
    await storage.checks.insert(check)
    assertRecords(await storage.checks.get(check.id), stored(check), 'empty fields come back as null')
    assertRecords((await storage.checks.get(check.id))?.state, newCheckState('us-fcra'), 'a new check state comes back unchanged')
  })

  it('round-trips the other variants of adverse action and dispute', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const state: CheckState = {
      ...fullState(unique('rep')),
      status: 'disputed',
      adverseAction: {
        startedAt: after(T0, 1),
        adverseItemIds: [],
        medium: 'email',
        writtenDispute: false,
        earliestFinalAt: after(T0, 2),
        waitBusinessDays: 5,
        businessDaysElapsed: 2,
        runningSince: null,
        finalNoticeDueAt: null,
      },
      dispute: { openedAt: after(T0, 3), source: 'vetkit', writtenDispute: false },
      providerCursor: { at: after(T0, 4), rank: 0 },
    }
    const check = checkOf(subjectId, { state })
    await storage.checks.insert(check)
    assertRecords(await storage.checks.get(check.id), stored(check), 'empty item list, false flags, null dates and rank 0 are kept')
  })

  it('returns null for an unknown check, and lists a subject’s checks oldest first', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const otherSubject = await createSubject(storage)
    assert.equal(await storage.checks.get('00000000-0000-7000-8000-000000000000'), null, 'get of an unknown id returns null')
    const second = await insertCheck(storage, subjectId, { createdAt: after(T0, 2_000) })
    const first = await insertCheck(storage, subjectId, { createdAt: after(T0, 1_000) })
    const third = await insertCheck(storage, subjectId, { createdAt: after(T0, 3_000), status: 'passed' })
    await insertCheck(storage, otherSubject, { createdAt: after(T0, 1_500) })
    const listed = await storage.checks.listForSubject(subjectId)
    assertRecords(listed, [stored(first), stored(second), stored(third)], 'listForSubject: only this subject’s checks, oldest first')
    assert.deepEqual(await storage.checks.listForSubject('nobody'), [])
  })

  it('refuses a check for an unknown subject and a duplicate check id', async () => {
    const storage = await target.fresh()
    await rejectionOf(storage.checks.insert(checkOf('nobody')))
    const subjectId = await createSubject(storage)
    const check = await insertCheck(storage, subjectId)
    await rejectionOf(storage.checks.insert({ ...check, packageSlug: 'other' }))
    assertRecords(await storage.checks.get(check.id), stored(check), 'a refused duplicate insert leaves the first check unchanged')
  })

  it('finds checks by candidate, invitation and report id, scoped by provider and kind', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const candidateId = unique('cand')
    const invitationId = unique('inv')
    const reportId = unique('rep')
    const ours = await insertCheck(storage, subjectId, {
      provider: 'checkr',
      candidateId,
      invitationId,
      state: { ...newCheckState('us-fcra'), status: 'pending', reportId },
      createdAt: after(T0, 1),
    })
    // The same candidate re-checked: both checks share the candidate id.
    const recheck = await insertCheck(storage, subjectId, { provider: 'checkr', candidateId, createdAt: after(T0, 2) })
    // The same raw ids under another provider are other checks.
    const foreign = await insertCheck(storage, subjectId, {
      provider: 'fake',
      candidateId,
      invitationId,
      state: { ...newCheckState('us-fcra'), reportId },
      createdAt: after(T0, 3),
    })
    await insertCheck(storage, subjectId, { provider: 'checkr', candidateId: unique('cand'), invitationId: unique('inv') })

    const ids = async (provider: string, kind: 'candidate' | 'invitation' | 'report', value: string) =>
      (await storage.checks.findByProviderRef(provider, kind, value)).map((c) => c.id)
    const finds = async (provider: string, kind: 'candidate' | 'invitation' | 'report', value: string, expected: string[], what: string) =>
      assert.deepEqual(await ids(provider, kind, value), expected, `findByProviderRef(${provider}, ${kind}): ${what}`)

    await finds('checkr', 'candidate', candidateId, [ours.id, recheck.id], 'both checks of the candidate, oldest first')
    await finds('checkr', 'invitation', invitationId, [ours.id], 'the check of the invitation')
    await finds('checkr', 'report', reportId, [ours.id], 'the check of the report (state.reportId)')
    await finds('fake', 'candidate', candidateId, [foreign.id], 'the same id under another provider is another check')
    await finds('fake', 'invitation', invitationId, [foreign.id], 'the same id under another provider is another check')
    await finds('fake', 'report', reportId, [foreign.id], 'the same id under another provider is another check')
    // Another kind, another provider, another case or an unknown id: nothing.
    await finds('checkr', 'invitation', candidateId, [], 'a candidate id is not an invitation id')
    await finds('checkr', 'report', invitationId, [], 'an invitation id is not a report id')
    await finds('other', 'candidate', candidateId, [], 'another provider finds nothing')
    await finds('checkr', 'candidate', candidateId.toUpperCase(), [], 'ids are case-sensitive')
    await finds('checkr', 'candidate', 'unknown', [], 'an unknown id finds nothing')
    // Found records are whole and decrypted.
    assertRecords(await storage.checks.findByProviderRef('checkr', 'report', reportId), [stored(ours)], 'found records are whole, with plaintext ids')
  })

  it('compare-and-set writes with the current version and increments it', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const check = await insertCheck(storage, subjectId, { provider: 'checkr', candidateId: 'cand-keep', nextReminderAt: after(T0, 5) })
    const reportId = unique('rep')
    const next: CheckState = { ...fullState(reportId), status: 'consider' }
    const now = after(T0, 60_000)
    const invitationId = unique('inv')
    const ok = await storage.checks.compareAndSet({
      id: check.id,
      provider: 'checkr',
      expectedVersion: 0,
      state: next,
      invitationId,
      invitationUrl: 'https://apply.example/abc',
      now,
    })
    assert.equal(ok, true, 'compare-and-set with the current version succeeds')
    assertRecords(
      await storage.checks.get(check.id),
      {
        ...stored(check),
        version: 1,
        state: next,
        // Undefined fields keep their values.
        candidateId: 'cand-keep',
        nextReminderAt: after(T0, 5),
        invitationId,
        invitationUrl: 'https://apply.example/abc',
        updatedAt: now,
      },
      'compare-and-set writes the state and given fields, keeps the omitted ones, increments the version',
    )
    // The ids learnt with the transition are found through their blind indexes.
    assert.deepEqual(
      (await storage.checks.findByProviderRef('checkr', 'report', reportId)).map((c) => c.id),
      [check.id],
      'the report id written by compare-and-set is found',
    )
    assert.deepEqual(
      (await storage.checks.findByProviderRef('checkr', 'invitation', invitationId)).map((c) => c.id),
      [check.id],
      'the invitation id written by compare-and-set is found',
    )

    // Null clears; the next version follows.
    const later = after(T0, 120_000)
    const cleared: CheckState = { ...next, status: 'passed', reportId: null, adverseAction: null, dispute: null }
    assert.equal(
      await storage.checks.compareAndSet({
        id: check.id,
        provider: 'checkr',
        expectedVersion: 1,
        state: cleared,
        candidateId: null,
        invitationId: null,
        invitationUrl: null,
        nextReminderAt: null,
        now: later,
      }),
      true,
      'compare-and-set with version 1 succeeds',
    )
    const after2 = await storage.checks.get(check.id)
    assertPartial(
      after2,
      { version: 2, candidateId: null, invitationId: null, invitationUrl: null, nextReminderAt: null, updatedAt: later },
      'null fields in a transition clear the stored values',
    )
    assertRecords(after2?.state, cleared, 'the cleared state is stored')
    assert.deepEqual(await storage.checks.findByProviderRef('checkr', 'report', reportId), [], 'a cleared report id is no longer found')
    assert.deepEqual(await storage.checks.findByProviderRef('checkr', 'candidate', 'cand-keep'), [], 'a cleared candidate id is no longer found')
  })

  it('compare-and-set with a stale version fails and leaves the row unchanged', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const check = await insertCheck(storage, subjectId, { candidateId: 'cand-1' })
    const transition = (expectedVersion: number, status: CheckState['status']): CheckTransition => ({
      id: check.id,
      provider: 'fake',
      expectedVersion,
      state: { ...check.state, status },
      candidateId: 'cand-2',
      now: after(T0, 1000 * (expectedVersion + 1)),
    })
    assert.equal(await storage.checks.compareAndSet(transition(0, 'pending')), true)
    const before = await storage.checks.get(check.id)
    assertPartial(before, { version: 1, state: { status: 'pending' }, candidateId: 'cand-2' })

    assert.equal(
      await storage.checks.compareAndSet({ ...transition(0, 'canceled'), candidateId: 'cand-3', nextReminderAt: T0 }),
      false,
      'a stale (older) version loses',
    )
    assert.equal(await storage.checks.compareAndSet(transition(2, 'canceled')), false, 'a version ahead of the stored one loses')
    assertRecords(await storage.checks.get(check.id), before, 'a lost compare-and-set writes nothing')
    // Unknown check: false, nothing created.
    assert.equal(
      await storage.checks.compareAndSet({ ...transition(0, 'pending'), id: '00000000-0000-7000-8000-000000000001' }),
      false,
      'compare-and-set of an unknown check returns false',
    )
    assert.equal(await storage.checks.get('00000000-0000-7000-8000-000000000001'), null, 'compare-and-set does not create a check')
  })

  it('compare-and-set touches only its own check', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const a = await insertCheck(storage, subjectId)
    const b = await insertCheck(storage, subjectId)
    assert.equal(
      await storage.checks.compareAndSet({ id: a.id, provider: 'fake', expectedVersion: 0, state: { ...a.state, status: 'pending' }, now: after(T0, 1) }),
      true,
    )
    assertRecords(await storage.checks.get(b.id), stored(b), 'the other check is unchanged')
  })

  it('lets exactly one of 20 concurrent compare-and-sets with the same version win', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const check = await insertCheck(storage, subjectId)
    // Each writer on its own pool, each with a state of its own, so the stored one names the winner.
    const writes = (await siblings(target, storage, 20)).map((writer, i) => ({
      writer,
      state: { ...check.state, status: 'pending', jurisdiction: `writer-${i}` } satisfies CheckState,
      now: after(T0, i + 1),
    }))
    const results = await Promise.all(
      writes.map(({ writer, state, now }) => writer.checks.compareAndSet({ id: check.id, provider: 'fake', expectedVersion: 0, state, now })),
    )
    assert.equal(results.filter(Boolean).length, 1, `exactly one compare-and-set wins, got ${results.filter(Boolean).length} of 20`)
    const winner = writes[results.indexOf(true)]
    const final = await storage.checks.get(check.id)
    assertPartial(final, { version: 1, state: winner?.state, updatedAt: winner?.now }, 'the stored check is the winner’s write')
  })

  it('sets the next reminder time without a state change', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const check = await insertCheck(storage, subjectId, { status: 'passed' })
    const reminder = after(T0, 30 * DAY + 7)
    await storage.checks.setNextReminderAt(check.id, reminder, after(T0, 9))
    assertRecords(
      await storage.checks.get(check.id),
      { ...stored(check), nextReminderAt: reminder, updatedAt: after(T0, 9) },
      'setNextReminderAt sets the reminder and updatedAt, nothing else (not the version)',
    )
    await storage.checks.setNextReminderAt(check.id, null, after(T0, 10))
    assertRecords(
      await storage.checks.get(check.id),
      { ...stored(check), nextReminderAt: null, updatedAt: after(T0, 10) },
      'setNextReminderAt(null) clears the reminder',
    )
  })

  it('lists expired passes: passed, validUntil at or before now, oldest end first, limited', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const now = after(T0, 400 * DAY)
    const passed = (validUntil: Date | null) =>
      insertCheck(storage, subjectId, { status: 'passed', stateOverrides: { outcome: 'clear', validUntil } })
    const c3 = await passed(after(now, -1))
    const c1 = await passed(after(now, -10 * DAY))
    const atNow = await passed(now)
    const c2 = await passed(after(now, -2 * DAY))
    await passed(after(now, 1))
    await passed(null)
    // Not passed any more (already expired, or in review): not listed however old the date.
    await insertCheck(storage, subjectId, { status: 'expired', stateOverrides: { validUntil: after(now, -20 * DAY) } })
    await insertCheck(storage, subjectId, { status: 'consider', stateOverrides: { validUntil: after(now, -20 * DAY) } })

    const ids = async (limit: number) => (await storage.checks.listExpired(now, limit)).map((c) => c.id)
    assert.deepEqual(await ids(100), [c1.id, c2.id, c3.id, atNow.id], 'listExpired: passed checks ended at or before now, oldest end first')
    assert.deepEqual(await ids(2), [c1.id, c2.id], 'listExpired honours the limit')
    assert.deepEqual(await storage.checks.listExpired(after(now, -30 * DAY), 100), [])
    assertRecords((await storage.checks.listExpired(now, 1))[0], stored(c1), 'listExpired returns whole records')
  })

  it('lists due reminders: nextReminderAt at or before now, soonest first, limited', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const now = after(T0, 100 * DAY)
    const withReminder = (nextReminderAt: Date | null) => insertCheck(storage, subjectId, { status: 'passed', nextReminderAt })
    const r2 = await withReminder(after(now, -DAY))
    const r3 = await withReminder(now)
    const r1 = await withReminder(after(now, -5 * DAY))
    await withReminder(after(now, 1))
    await withReminder(null)
    const ids = async (limit: number) => (await storage.checks.listDueReminders(now, limit)).map((c) => c.id)
    assert.deepEqual(await ids(10), [r1.id, r2.id, r3.id], 'listDueReminders: reminders due at or before now, soonest first')
    assert.deepEqual(await ids(1), [r1.id], 'listDueReminders honours the limit')
    // Once the sweep moves the reminder on, the check is no longer due.
    await storage.checks.setNextReminderAt(r1.id, after(now, 10 * DAY), now)
    assert.deepEqual(await ids(10), [r2.id, r3.id], 'a reminder moved into the future is no longer due')
  })

  it('lists due final notices: pre-adverse with the notice due at or before now, soonest first, limited', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const now = after(T0, 50 * DAY)
    const preAdverse = (finalNoticeDueAt: Date | null, status: CheckState['status'] = 'pre_adverse') =>
      insertCheck(storage, subjectId, {
        status,
        stateOverrides: {
          outcome: 'consider',
          adverseAction: {
            startedAt: after(now, -10 * DAY),
            adverseItemIds: ['i1'],
            medium: 'email',
            writtenDispute: false,
            earliestFinalAt: after(now, -3 * DAY),
            waitBusinessDays: 5,
            businessDaysElapsed: 0,
            runningSince: finalNoticeDueAt === null ? null : after(now, -10 * DAY),
            finalNoticeDueAt,
          },
        },
      })
    const d2 = await preAdverse(now)
    const d1 = await preAdverse(after(now, -DAY))
    await preAdverse(after(now, 1))
    // Paused by a dispute (no due date), or no longer pre-adverse: not listed.
    await preAdverse(null)
    await preAdverse(after(now, -2 * DAY), 'disputed')
    await preAdverse(after(now, -2 * DAY), 'failed')
    const ids = async (limit: number) => (await storage.checks.listDueFinalNotices(now, limit)).map((c) => c.id)
    assert.deepEqual(await ids(10), [d1.id, d2.id], 'listDueFinalNotices: pre-adverse checks due at or before now, soonest first')
    assert.deepEqual(await ids(1), [d1.id], 'listDueFinalNotices honours the limit')
    const [first] = await storage.checks.listDueFinalNotices(now, 1)
    assertRecords(first, stored(d1), 'listDueFinalNotices returns whole records')
  })
}
