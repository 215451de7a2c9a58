import { expect, it } from 'vitest'
import { newCheckState, type CheckState } from '../../src/domain/check-state'
import type { CheckRecord, CheckTransition, NewCheck } from '../../src/ports/storage'
import { describeEachBackend } from './support/backends'
import { after, checkOf, createSubject, DAY, fullState, insertCheck, storagesOnSeparatePools, T0, unique } from './support/fixtures-a'

/** What `get` should return right after `insert`. */
const stored = (check: NewCheck): CheckRecord => ({ ...check, version: 0, updatedAt: check.createdAt, providerAdverseActionId: null })

describeEachBackend('checks', (db) => {
  it('round-trips a check with every field set, dates to the millisecond', async () => {
    const storage = await db().freshStorage()
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
    expect(got).toEqual(stored(check))
    // Not just equal dates: real Date objects with the milliseconds kept.
    expect(got!.state.adverseAction!.finalNoticeDueAt).toBeInstanceOf(Date)
    expect(got!.state.reportCompletedAt!.getUTCMilliseconds()).toBe(124)
    expect(got!.state.providerCursor).toEqual({ at: after(T0, 4_004), rank: 7 })
    expect(got!.state.adverseAction!.adverseItemIds).toEqual(['item-1', 'item-2', 'item-ü'])
  })

  it('round-trips a fresh check with every optional field empty', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const check = checkOf(subjectId)
    await storage.checks.insert(check)
    expect(await storage.checks.get(check.id)).toEqual(stored(check))
    expect((await storage.checks.get(check.id))!.state).toEqual(newCheckState('us-fcra'))
  })

  it('round-trips the other variants of adverse action and dispute', async () => {
    const storage = await db().freshStorage()
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
    expect(await storage.checks.get(check.id)).toEqual(stored(check))
  })

  it('returns null for an unknown check, and lists a subject’s checks oldest first', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const otherSubject = await createSubject(storage)
    expect(await storage.checks.get('00000000-0000-7000-8000-000000000000')).toBeNull()
    const second = await insertCheck(storage, subjectId, { createdAt: after(T0, 2_000) })
    const first = await insertCheck(storage, subjectId, { createdAt: after(T0, 1_000) })
    const third = await insertCheck(storage, subjectId, { createdAt: after(T0, 3_000), status: 'passed' })
    await insertCheck(storage, otherSubject, { createdAt: after(T0, 1_500) })
    const listed = await storage.checks.listForSubject(subjectId)
    expect(listed).toEqual([stored(first), stored(second), stored(third)])
    expect(await storage.checks.listForSubject('nobody')).toEqual([])
  })

  it('refuses a check for an unknown subject and a duplicate check id', async () => {
    const storage = await db().freshStorage()
    await expect(storage.checks.insert(checkOf('nobody'))).rejects.toThrow()
    const subjectId = await createSubject(storage)
    const check = await insertCheck(storage, subjectId)
    await expect(storage.checks.insert({ ...check, packageSlug: 'other' })).rejects.toThrow()
    expect(await storage.checks.get(check.id)).toEqual(stored(check))
  })

  it('never stores provider ids or the invitation URL in plaintext', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const reportId = unique('report')
    const candidateId = unique('candidate')
    const invitationId = unique('invitation')
    const invitationUrl = `https://apply.checkr.com/${unique('token')}`
    const check = checkOf(subjectId, { provider: 'checkr', state: fullState(reportId), candidateId, invitationId, invitationUrl })
    await storage.checks.insert(check)

    const row = (await db().knex(storage.tables.ref('checks')).where({ id: check.id }).first()) as Record<string, unknown>
    const cells = Object.entries(row).map(([column, value]) => [column, value == null ? '' : String(value)] as const)
    for (const secret of [reportId, candidateId, invitationId, invitationUrl, invitationUrl.slice(8)]) {
      for (const [column, text] of cells) expect(text, `column ${column} leaks ${secret}`).not.toContain(secret)
    }
    for (const column of ['candidate_id_enc', 'invitation_id_enc', 'report_id_enc', 'invitation_url_enc']) {
      expect(String(row[column]), column).toMatch(/^v1:/)
    }
    for (const column of ['candidate_id_idx', 'invitation_id_idx', 'report_id_idx']) {
      expect(String(row[column]), column).toMatch(/^[A-Za-z0-9_-]{43}$/)
    }
    // Each id gets its own ciphertext and index (per-column context).
    expect(new Set([row.candidate_id_enc, row.invitation_id_enc, row.report_id_enc]).size).toBe(3)
    expect(await storage.checks.get(check.id)).toMatchObject({ candidateId, invitationId, invitationUrl, state: { reportId } })
  })

  it('finds checks by candidate, invitation and report id, scoped by provider and kind', async () => {
    const storage = await db().freshStorage()
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

    expect(await ids('checkr', 'candidate', candidateId)).toEqual([ours.id, recheck.id])
    expect(await ids('checkr', 'invitation', invitationId)).toEqual([ours.id])
    expect(await ids('checkr', 'report', reportId)).toEqual([ours.id])
    expect(await ids('fake', 'candidate', candidateId)).toEqual([foreign.id])
    expect(await ids('fake', 'invitation', invitationId)).toEqual([foreign.id])
    expect(await ids('fake', 'report', reportId)).toEqual([foreign.id])
    // Another kind, another provider, another case or an unknown id: nothing.
    expect(await ids('checkr', 'invitation', candidateId)).toEqual([])
    expect(await ids('checkr', 'report', invitationId)).toEqual([])
    expect(await ids('other', 'candidate', candidateId)).toEqual([])
    expect(await ids('checkr', 'candidate', candidateId.toUpperCase())).toEqual([])
    expect(await ids('checkr', 'candidate', 'unknown')).toEqual([])
    // Found records are whole and decrypted.
    expect(await storage.checks.findByProviderRef('checkr', 'report', reportId)).toEqual([stored(ours)])
  })

  it('compare-and-set writes with the current version and increments it', async () => {
    const storage = await db().freshStorage()
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
    expect(ok).toBe(true)
    expect(await storage.checks.get(check.id)).toEqual({
      ...stored(check),
      version: 1,
      state: next,
      // Undefined fields keep their values.
      candidateId: 'cand-keep',
      nextReminderAt: after(T0, 5),
      invitationId,
      invitationUrl: 'https://apply.example/abc',
      updatedAt: now,
    })
    // The ids learnt with the transition are found through their blind indexes.
    expect((await storage.checks.findByProviderRef('checkr', 'report', reportId)).map((c) => c.id)).toEqual([check.id])
    expect((await storage.checks.findByProviderRef('checkr', 'invitation', invitationId)).map((c) => c.id)).toEqual([check.id])

    // Null clears; the next version follows.
    const later = after(T0, 120_000)
    const cleared: CheckState = { ...next, status: 'passed', reportId: null, adverseAction: null, dispute: null }
    expect(
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
    ).toBe(true)
    const after2 = await storage.checks.get(check.id)
    expect(after2).toMatchObject({ version: 2, candidateId: null, invitationId: null, invitationUrl: null, nextReminderAt: null, updatedAt: later })
    expect(after2!.state).toEqual(cleared)
    expect(await storage.checks.findByProviderRef('checkr', 'report', reportId)).toEqual([])
    expect(await storage.checks.findByProviderRef('checkr', 'candidate', 'cand-keep')).toEqual([])
  })

  it('compare-and-set with a stale version fails and leaves the row unchanged', async () => {
    const storage = await db().freshStorage()
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
    expect(await storage.checks.compareAndSet(transition(0, 'pending'))).toBe(true)
    const before = await storage.checks.get(check.id)
    expect(before).toMatchObject({ version: 1, state: { status: 'pending' }, candidateId: 'cand-2' })

    expect(await storage.checks.compareAndSet({ ...transition(0, 'canceled'), candidateId: 'cand-3', nextReminderAt: T0 })).toBe(false)
    expect(await storage.checks.compareAndSet(transition(2, 'canceled'))).toBe(false)
    expect(await storage.checks.get(check.id)).toEqual(before)
    // Unknown check: false, nothing created.
    expect(await storage.checks.compareAndSet({ ...transition(0, 'pending'), id: '00000000-0000-7000-8000-000000000001' })).toBe(false)
    expect(await storage.checks.get('00000000-0000-7000-8000-000000000001')).toBeNull()
  })

  it('compare-and-set touches only its own check', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const a = await insertCheck(storage, subjectId)
    const b = await insertCheck(storage, subjectId)
    expect(await storage.checks.compareAndSet({ id: a.id, provider: 'fake', expectedVersion: 0, state: { ...a.state, status: 'pending' }, now: after(T0, 1) })).toBe(true)
    expect(await storage.checks.get(b.id)).toEqual(stored(b))
  })

  it('lets exactly one of 20 concurrent compare-and-sets with the same version win', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const check = await insertCheck(storage, subjectId)
    const writers = await storagesOnSeparatePools(db(), storage, 20)
    const states = writers.map((_, i): CheckState => ({ ...check.state, status: 'pending', jurisdiction: `writer-${i}` }))
    const results = await Promise.all(
      writers.map((writer, i) =>
        writer.checks.compareAndSet({ id: check.id, provider: 'fake', expectedVersion: 0, state: states[i]!, now: after(T0, i + 1) }),
      ),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
    const winner = results.indexOf(true)
    const final = await storage.checks.get(check.id)
    expect(final).toMatchObject({ version: 1, state: states[winner], updatedAt: after(T0, winner + 1) })
  })

  it('sets the next reminder time without a state change', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const check = await insertCheck(storage, subjectId, { status: 'passed' })
    const reminder = after(T0, 30 * DAY + 7)
    await storage.checks.setNextReminderAt(check.id, reminder, after(T0, 9))
    expect(await storage.checks.get(check.id)).toEqual({ ...stored(check), nextReminderAt: reminder, updatedAt: after(T0, 9) })
    await storage.checks.setNextReminderAt(check.id, null, after(T0, 10))
    expect(await storage.checks.get(check.id)).toEqual({ ...stored(check), nextReminderAt: null, updatedAt: after(T0, 10) })
  })

  it('lists expired passes: passed, validUntil at or before now, oldest end first, limited', async () => {
    const storage = await db().freshStorage()
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
    expect(await ids(100)).toEqual([c1.id, c2.id, c3.id, atNow.id])
    expect(await ids(2)).toEqual([c1.id, c2.id])
    expect(await storage.checks.listExpired(after(now, -30 * DAY), 100)).toEqual([])
    expect((await storage.checks.listExpired(now, 1))[0]).toEqual(stored(c1))
  })

  it('lists due reminders: nextReminderAt at or before now, soonest first, limited', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const now = after(T0, 100 * DAY)
    const withReminder = (nextReminderAt: Date | null) => insertCheck(storage, subjectId, { status: 'passed', nextReminderAt })
    const r2 = await withReminder(after(now, -DAY))
    const r3 = await withReminder(now)
    const r1 = await withReminder(after(now, -5 * DAY))
    await withReminder(after(now, 1))
    await withReminder(null)
    const ids = async (limit: number) => (await storage.checks.listDueReminders(now, limit)).map((c) => c.id)
    expect(await ids(10)).toEqual([r1.id, r2.id, r3.id])
    expect(await ids(1)).toEqual([r1.id])
    // Once the sweep moves the reminder on, the check is no longer due.
    await storage.checks.setNextReminderAt(r1.id, after(now, 10 * DAY), now)
    expect(await ids(10)).toEqual([r2.id, r3.id])
  })

  it('lists due final notices: pre-adverse with the notice due at or before now, soonest first, limited', async () => {
    const storage = await db().freshStorage()
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
    expect(await ids(10)).toEqual([d1.id, d2.id])
    expect(await ids(1)).toEqual([d1.id])
    const [first] = await storage.checks.listDueFinalNotices(now, 1)
    expect(first).toEqual(stored(d1))
  })
})
