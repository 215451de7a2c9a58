import { beforeAll, expect, it } from 'vitest'
import { defaultPolicy } from '../../src/domain/policy'
import { createCheckTransitionContext } from '../../src/domain/transition-context'
import { describeEachBackend } from '../storage/support/backends'
import { createHarness, type Harness } from './support/harness'

const ADMIN = { kind: 'admin' as const, id: 'admin-1' }
const DAY = 86_400_000
const waitClockFor = (jurisdiction: string) => createCheckTransitionContext(defaultPolicy).waitClock(jurisdiction)

/**
 * The status path of a check's history. Transitions that keep the status are left out: whether
 * `invitation.completed` or `report.created` (same second) is applied first, and so whether the
 * other one is recorded or ignored as stale, depends on which worker lane commits first.
 */
async function statuses(h: Harness, checkId: string): Promise<string[]> {
  return (await h.storage.history.listForCheck(checkId)).filter((e) => e.fromStatus !== e.toStatus).map((e) => `${e.fromStatus ?? '-'}>${e.toStatus}`)
}

async function emailTemplates(h: Harness, checkId: string, keys: string[]): Promise<(string | null)[]> {
  return Promise.all(keys.map(async (k) => (await h.storage.emails.getByDedupeKey(`check:${checkId}:${k}`))?.status ?? null))
}

describeEachBackend('background-check lifecycle on the fake provider', (db) => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness(db())
  }, 60_000)

  it('clear: invited -> pending -> passed, valid from the report completion time, and the subject may go live', async () => {
    await h.enrol('w-clear', 'clear')
    const { check, created } = await h.vetkit.api.invite({ subjectId: 'w-clear', ip: '198.51.100.4' })
    expect(created).toBe(true)
    expect(check.state.status).toBe('invited')
    const status0 = await h.vetkit.api.getStatus('w-clear')
    expect(status0).toMatchObject({ status: 'invited', eligible: false, checkId: check.id })
    expect(status0.invitationUrl).toMatch(/^https:\/\//)
    await expect(h.setLiveRaw('w-clear', true)).rejects.toThrow(/vetkit_go_live_gate/)

    await h.advance({ days: 3 })
    const done = (await h.storage.checks.get(check.id))!
    expect(done.state.status).toBe('passed')
    const report = await h.fake.getReport(done.state.reportId!)
    // Validity runs from the report's completion, never from when the webhook arrived.
    expect(done.state.reportCompletedAt).toEqual(report.completedAt)
    const expected = new Date(report.completedAt!)
    expected.setUTCFullYear(expected.getUTCFullYear() + 2)
    expect(done.state.validUntil).toEqual(expected)
    expect(await statuses(h, check.id)).toEqual(['->invited', 'invited>pending', 'pending>passed'])

    const status = await h.vetkit.api.getStatus('w-clear')
    expect(status).toMatchObject({ status: 'passed', eligible: true, renewal: 'not_due' })
    await h.setLiveRaw('w-clear', true)
    expect(await h.isLive('w-clear')).toBe(true)
    const types = h.events.filter((e) => e.subjectId === 'w-clear').map((e) => e.type)
    expect(types).toEqual(expect.arrayContaining(['check.invited', 'check.completed', 'subject.eligibility_changed']))
  })

  it('reports a subject who never started as not_started, not as a failure', async () => {
    await h.enrol('w-new')
    expect(await h.vetkit.api.getStatus('w-new')).toMatchObject({ status: 'not_started', eligible: false, reason: 'not_started', checkId: null })
  })

  it('consider: under-review email once, pre-adverse on chosen items, final notice only after the wait', async () => {
    await h.enrol('w-consider', 'consider')
    const { check } = await h.vetkit.api.invite({ subjectId: 'w-consider', ip: null })
    await h.advance({ days: 3 })
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('consider')
    expect(await emailTemplates(h, check.id, ['under_review'])).toEqual(['sent'])

    const items = await h.vetkit.api.listAdverseItems(check.id)
    expect(items.length).toBeGreaterThan(0)
    await expect(h.vetkit.api.startAdverseAction({ checkId: check.id, actor: ADMIN, adverseItemIds: ['nope'] })).rejects.toMatchObject({
      code: 'unknown_adverse_item',
      field: 'adverseItemIds',
    })
    const started = await h.vetkit.api.startAdverseAction({ checkId: check.id, actor: ADMIN, adverseItemIds: [items[0]!.id] })
    expect(started.state.status).toBe('pre_adverse')
    const due = started.state.adverseAction!.finalNoticeDueAt!
    // Five US business days at least: never sooner than a week minus a weekend's slack.
    expect(due.getTime() - h.clock.now().getTime()).toBeGreaterThanOrEqual(5 * DAY)
    await expect(h.vetkit.api.finalizeAdverseAction({ checkId: check.id, actor: ADMIN })).rejects.toMatchObject({ code: 'adverse_wait_not_elapsed' })

    await h.advance({ days: 12 })
    const final = (await h.storage.checks.get(check.id))!
    expect(final.state.status).toBe('failed')
    expect(final.state.finalAdverseAt!.getTime()).toBeGreaterThanOrEqual(due.getTime())
    expect(await emailTemplates(h, check.id, ['under_review', `pre_adverse:${started.state.adverseAction!.startedAt.getTime()}`, 'final_adverse'])).toEqual([
      'sent',
      'sent',
      'sent',
    ])
    const history = await h.storage.history.listForCheck(check.id)
    expect(history.map((e) => e.eventType).filter((t) => t !== 'invitation.completed' && t !== 'report.created')).toEqual([
      'check.invited',
      'report.completed:consider',
      'adverse.started',
      'adverse.finalized',
    ])
    expect(history.find((e) => e.eventType === 'adverse.started')).toMatchObject({ actorKind: 'admin', actorId: 'admin-1' })
    expect(history.at(-1)).toMatchObject({ actorKind: 'system', actorId: 'adverse-action-scheduler' })
    await expect(h.setLiveRaw('w-consider', true)).rejects.toThrow(/vetkit_go_live_gate/)
  })

  it('suspended then resumed: passes once the provider completes it', async () => {
    await h.enrol('w-suspended', 'suspended_then_clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'w-suspended', ip: null })
    await h.advance({ days: 1, hours: 2 })
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('suspended')
    await h.advance({ days: 6 })
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('passed')
    expect(await statuses(h, check.id)).toEqual(['->invited', 'invited>pending', 'pending>suspended', 'suspended>pending', 'pending>passed'])
  })

  it('dispute at the provider pauses the adverse action; a clear re-completion passes the check', async () => {
    await h.enrol('w-dispute-clear', 'dispute_then_clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'w-dispute-clear', ip: null })
    await h.advance({ days: 2, hours: 2 })
    const items = await h.vetkit.api.listAdverseItems(check.id)
    await h.vetkit.api.startAdverseAction({ checkId: check.id, actor: ADMIN, adverseItemIds: items.map((i) => i.id) })
    await h.advance({ days: 2 })
    const disputed = (await h.storage.checks.get(check.id))!
    expect(disputed.state.status).toBe('disputed')
    expect(disputed.state.adverseAction?.finalNoticeDueAt).toBeNull()
    await h.advance({ days: 8 })
    const passed = (await h.storage.checks.get(check.id))!
    expect(passed.state.status).toBe('passed')
    expect(passed.state.adverseAction).toBeNull()
    expect(await h.vetkit.api.getStatus('w-dispute-clear')).toMatchObject({ eligible: true })
  })

  it('dispute resolved as consider: the wait resumes where it stopped, and the final notice waits out the rest', async () => {
    await h.enrol('w-dispute-consider', 'dispute_then_consider')
    const { check } = await h.vetkit.api.invite({ subjectId: 'w-dispute-consider', ip: null })
    await h.advance({ days: 2, hours: 2 })
    const items = await h.vetkit.api.listAdverseItems(check.id)
    const started = await h.vetkit.api.startAdverseAction({ checkId: check.id, actor: ADMIN, adverseItemIds: [items[0]!.id] })
    await h.advance({ days: 2 })
    const disputed = (await h.storage.checks.get(check.id))!
    expect(disputed.state.status).toBe('disputed')
    expect(disputed.state.adverseAction).toMatchObject({ runningSince: null, finalNoticeDueAt: null })
    // The reinvestigation takes a week, longer than the whole wait; it comes back still `consider`.
    await h.advance({ days: 8 })
    const resumed = (await h.storage.checks.get(check.id))!
    expect(resumed.state.status).toBe('pre_adverse')
    const aa = resumed.state.adverseAction!
    expect(aa.finalNoticeDueAt!.getTime()).toBeGreaterThan(h.clock.now().getTime())
    // The business days before the dispute plus those after its end make up the whole wait.
    const clock = waitClockFor('us-fcra')
    const before = clock.elapsed(started.state.adverseAction!.startedAt, disputed.state.dispute!.openedAt)
    expect(aa.businessDaysElapsed).toBe(before)
    expect(before + clock.elapsed(aa.runningSince!, aa.finalNoticeDueAt!)).toBeGreaterThanOrEqual(aa.waitBusinessDays)
    await expect(h.vetkit.api.finalizeAdverseAction({ checkId: check.id, actor: ADMIN })).rejects.toMatchObject({ code: 'adverse_wait_not_elapsed' })
    await h.advance({ days: 8 })
    const final = (await h.storage.checks.get(check.id))!
    expect(final.state.status).toBe('failed')
    expect(final.state.finalAdverseAt!.getTime()).toBeGreaterThanOrEqual(aa.finalNoticeDueAt!.getTime())
    expect((await statuses(h, check.id)).slice(-3)).toEqual(['pre_adverse>disputed', 'disputed>pre_adverse', 'pre_adverse>failed'])
  })

  it('canceled report and expired invitation end the check canceled', async () => {
    await h.enrol('w-canceled', 'canceled')
    await h.enrol('w-expired-invite', 'invitation_expired')
    const a = await h.vetkit.api.invite({ subjectId: 'w-canceled', ip: null })
    const b = await h.vetkit.api.invite({ subjectId: 'w-expired-invite', ip: null })
    await h.advance({ days: 8 })
    expect((await h.storage.checks.get(a.check.id))!.state.status).toBe('canceled')
    expect((await h.storage.checks.get(b.check.id))!.state.status).toBe('canceled')
    expect(await h.vetkit.api.getStatus('w-expired-invite')).toMatchObject({ status: 'canceled', eligible: false, reason: 'canceled' })
  })

  it('a dispute opened by an admin stops the clock: resolved after the wait would have ended, the rest still runs before the final notice', async () => {
    await h.enrol('w-admin-dispute', 'consider')
    const { check } = await h.vetkit.api.invite({ subjectId: 'w-admin-dispute', ip: null })
    await h.advance({ days: 3 })
    const items = await h.vetkit.api.listAdverseItems(check.id)
    const started = await h.vetkit.api.startAdverseAction({ checkId: check.id, actor: ADMIN, adverseItemIds: [items[0]!.id] })
    // Exactly one business day later: the earlier tests leave the shared clock on any weekday.
    const oneBusinessDay = waitClockFor('us-fcra').add(started.state.adverseAction!.startedAt, 1)
    await h.advance({ hours: Math.ceil((oneBusinessDay.getTime() - h.clock.now().getTime()) / 3_600_000) })
    await h.vetkit.api.openDispute({ checkId: check.id, actor: ADMIN, reason: 'Candidate says the record is not theirs' })
    await expect(h.vetkit.api.clear({ checkId: check.id, actor: ADMIN })).rejects.toMatchObject({ code: 'dispute_open' })
    await h.advance({ days: 14 })
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('disputed')
    const resumed = await h.vetkit.api.resolveDispute({ checkId: check.id, actor: ADMIN, reason: 'Reinvestigation confirmed the record' })
    expect(resumed.state.status).toBe('pre_adverse')
    expect(resumed.state.dispute).toBeNull()
    expect(resumed.state.adverseAction!.finalNoticeDueAt!.getTime()).toBeGreaterThan(h.clock.now().getTime())
    // Finalizing right after the resolution is refused, by the job as by an admin.
    await h.settle()
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('pre_adverse')
    await expect(h.vetkit.api.finalizeAdverseAction({ checkId: check.id, actor: ADMIN })).rejects.toMatchObject({ code: 'adverse_wait_not_elapsed' })
    await h.advance({ days: 8 })
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('failed')
    const history = await h.storage.history.listForCheck(check.id)
    const resolved = history.find((e) => e.eventType === 'dispute.resolved')
    expect(resolved).toMatchObject({ actorKind: 'admin', reason: 'Reinvestigation confirmed the record' })
    expect(resolved!.details).toMatchObject({ businessDaysElapsed: 1, finalNoticeDueAt: resumed.state.adverseAction!.finalNoticeDueAt!.toISOString() })
    expect(history.find((e) => e.eventType === 'dispute.opened')!.details).toMatchObject({ businessDaysElapsed: 1 })
  })

  it('admin clear of a consider report sets the validity from the report completion', async () => {
    await h.enrol('w-approve', 'consider')
    const { check } = await h.vetkit.api.invite({ subjectId: 'w-approve', ip: null })
    await h.advance({ days: 3 })
    const cleared = await h.vetkit.api.clear({ checkId: check.id, actor: ADMIN, reason: 'Record not job-related' })
    expect(cleared.state.status).toBe('passed')
    const expected = new Date(cleared.state.reportCompletedAt!)
    expected.setUTCFullYear(expected.getUTCFullYear() + 2)
    expect(cleared.state.validUntil).toEqual(expected)
    expect(cleared.nextReminderAt).not.toBeNull()
  })
})
