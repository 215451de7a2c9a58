import { beforeAll, expect, it } from 'vitest'
import { validUntilFrom } from '../../src/domain/expiry'
import { defaultPolicy } from '../../src/domain/policy'
import { signCheckrPayload } from '../../src/providers/checkr/webhook-signature'
import { describeEachBackend } from '../storage/support/backends'
import { AUTHORIZATION_TEXT, createHarness, SIGNING_KEY, streamOf, type Harness } from './support/harness'

/**
 * The engine under Checkr's real traffic patterns: thin payloads (`include_object` off), stale
 * payloads, late assessments (`report.updated`), disputes of clear reports, events about no check,
 * the admin racing the final-notice job, expired invitations. Each was a defect found by replaying
 * real traffic; each test fails on the engine before the fix.
 */
const ADMIN = { kind: 'admin' as const, id: 'admin-1' }
const HOUR = 3_600_000

type Json = Record<string, unknown>
const signedRequest = (value: unknown) => {
  const rawBody = new TextEncoder().encode(JSON.stringify(value))
  return { headers: new Headers({ 'content-type': 'application/json', 'x-checkr-signature': signCheckrPayload(rawBody, SIGNING_KEY) }), rawBody }
}
const bodyOf = (h: Harness, eventId: string) => JSON.parse(h.fake.webhooksFor().find((w) => w.eventId === eventId)!.body) as Json & { data: { object: Json } }
const thinObject = (object: Json) => ({ id: object.id, object: object.object, uri: object.uri })
const event = (id: string, type: string, object: Json, at: Date) => ({ id, object: 'event', type, created_at: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), data: { object } })

async function historyOf(h: Harness, checkId: string) {
  return h.storage.history.listForCheck(checkId)
}

describeEachBackend('the engine under real Checkr traffic', (db) => {
  let h: Harness
  let thin: Harness
  beforeAll(async () => {
    h = await createHarness(db(), { http: { authenticate: () => ({ id: 'admin-1', roles: ['admin'] }) } })
    thin = await createHarness(db(), { fake: { includeObject: false } })
  }, 60_000)

  it('thin payloads (include_object off): each event is re-read from the provider, matched, and applied', async () => {
    await thin.enrol('t-clear', 'clear')
    await thin.enrol('t-consider', 'consider')
    const clear = (await thin.vetkit.api.invite({ subjectId: 't-clear', ip: null })).check
    const consider = (await thin.vetkit.api.invite({ subjectId: 't-consider', ip: null })).check
    await thin.advance({ days: 3 })

    // Every payload sent was thin: only the object's id.
    const objects = thin.fake.webhooksFor().map((w) => (JSON.parse(w.body) as { data: { object: Json } }).data.object)
    expect(objects.length).toBeGreaterThanOrEqual(10)
    expect(objects.every((o) => Object.keys(o).sort().join(',') === 'id,object,uri')).toBe(true)

    const passed = (await thin.storage.checks.get(clear.id))!
    expect(passed.state.status).toBe('passed')
    const report = await thin.fake.getReport(passed.state.reportId!)
    // Validity runs from the fetched report's completed_at.
    expect(passed.state.reportCompletedAt).toEqual(report.completedAt)
    expect(passed.state.validUntil).toEqual(validUntilFrom(report.completedAt!, defaultPolicy.validity))
    expect((await thin.storage.checks.get(consider.id))!.state.status).toBe('consider')

    // Nothing parked, retried to death or failed: the provider was asked instead.
    const log = (await thin.vetkit.webhooks.list({ limit: 200 })).items
    expect(log.filter((r) => ['parked', 'dead', 'failed', 'queued'].includes(r.processingOutcome))).toEqual([])
    expect(log.filter((r) => r.checkId === clear.id).map((r) => r.processingOutcome)).toContain('applied')
    expect((await thin.storage.jobs.countByStatus()).dead).toBe(0)
  })

  it('a stale full payload and a thin one are judged alike: by the report the provider returns now', async () => {
    for (const [subjectId, variant] of [['s-stale-full', 'stale'], ['s-thin', 'thin']] as const) {
      await h.enrol(subjectId, 'clear')
      const { check } = await h.vetkit.api.invite({ subjectId, ip: null })
      h.clock.advance({ days: 3 })
      const stream = streamOf(h, check.candidateId)
      for (const w of stream.filter((x) => x.type === 'invitation.completed' || x.type === 'report.created')) await h.vetkit.webhooks.receive(h.fake.buildWebhook(w.eventId))
      const completion = bodyOf(h, stream.find((w) => w.type === 'report.completed')!.eventId)
      // The same completion under a new event id: a full object that says `consider`, or no object at all.
      const object = variant === 'stale' ? { ...completion.data.object, result: 'consider', assessment: null } : thinObject(completion.data.object)
      const response = await h.vetkit.webhooks.receive(signedRequest({ ...completion, id: `${String(completion.id)}-${variant}`, data: { object } }))
      expect(response.status).toBe(200)
      await h.worker.drain()
      const after = (await h.storage.checks.get(check.id))!
      expect(after.state).toMatchObject({ status: 'passed', outcome: 'clear' })
      expect(after.state.reportCompletedAt).toEqual((await h.fake.getReport(after.state.reportId!)).completedAt)
      await h.settle()
    }
  })

  it('a late assessment (report.updated, consider then eligible four minutes later) ends passed, valid from completed_at', async () => {
    await h.enrol('l-late', 'late_assessment')
    const { check } = await h.vetkit.api.invite({ subjectId: 'l-late', ip: null })
    await h.advance({ days: 3 })
    const after = (await h.storage.checks.get(check.id))!
    const report = await h.fake.getReport(after.state.reportId!)
    expect(report).toMatchObject({ result: 'consider', assessment: 'eligible' })
    expect(after.state).toMatchObject({ status: 'passed', outcome: 'clear' })
    expect(after.state.reportCompletedAt).toEqual(report.completedAt)
    expect(after.state.validUntil).toEqual(validUntilFrom(report.completedAt!, defaultPolicy.validity))
    const history = await historyOf(h, check.id)
    const cleared = history.find((e) => e.toStatus === 'passed')!
    expect(cleared).toMatchObject({ fromStatus: 'consider', eventType: 'report.completed:clear', details: expect.objectContaining({ providerEvent: 'report.updated' }) })
    expect(await h.vetkit.api.getStatus('l-late')).toMatchObject({ status: 'passed', eligible: true })
  })

  it('a late assessment delivered before its completion gives the same result', async () => {
    await h.enrol('l-reversed', 'late_assessment')
    const { check } = await h.vetkit.api.invite({ subjectId: 'l-reversed', ip: null })
    h.clock.advance({ days: 3 })
    const stream = streamOf(h, check.candidateId)
    const byType = (type: string) => stream.filter((w) => w.type === type)
    for (const w of [...byType('invitation.completed'), ...byType('report.created'), ...byType('report.updated'), ...byType('report.completed')]) {
      await h.vetkit.webhooks.receive(h.fake.buildWebhook(w.eventId))
      await h.worker.drain()
    }
    const after = (await h.storage.checks.get(check.id))!
    expect(after.state.status).toBe('passed')
    expect(after.state.validUntil).toEqual(validUntilFrom((await h.fake.getReport(after.state.reportId!)).completedAt!, defaultPolicy.validity))
    const log = (await h.vetkit.webhooks.list({ limit: 10 })).items.filter((r) => r.checkId === check.id)
    expect(log.find((r) => r.eventType === 'report.completed')).toMatchObject({ processingOutcome: 'ignored', errorCode: 'stale' })
    await h.settle()
  })

  it('a revision that only moves the ETA is no transition and sends no email; the ETA is on the check, the status and the list', async () => {
    await h.enrol('e-eta', 'clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'e-eta', ip: null })
    await h.advance({ hours: 2 })
    const pending = (await h.storage.checks.get(check.id))!
    expect(pending.state.status).toBe('pending')
    const firstEta = (await h.fake.getReport(pending.state.reportId!)).eta
    expect(pending.state.reportEta).toEqual(firstEta)
    const historyBefore = (await historyOf(h, check.id)).length
    const mailBefore = h.mailer.sent.length
    const later = new Date(firstEta!.getTime() + 24 * HOUR)
    h.fake.reviseReport(pending.state.reportId!, { eta: later })
    await h.settle()

    const moved = (await h.storage.checks.get(check.id))!
    expect(moved.state).toMatchObject({ status: 'pending', reportEta: later })
    expect((await historyOf(h, check.id)).length).toBe(historyBefore)
    expect(h.mailer.sent.length).toBe(mailBefore)
    expect((await h.vetkit.webhooks.list({ eventType: 'report.updated', limit: 5 })).items[0]).toMatchObject({ processingOutcome: 'ignored', errorCode: 'no_change', checkId: check.id })
    expect(await h.vetkit.api.getStatus('e-eta')).toMatchObject({ status: 'pending', reportEta: later })
    const listed = (await h.vetkit.api.listChecks({ search: 'e-eta' })).items
    expect(listed[0]).toMatchObject({ id: check.id, reportEta: later })
    await h.advance({ days: 3 })
  })

  it('a pass whose report is revised to consider keeps the worker live: only the adverse-action path takes them offline', async () => {
    await h.enrol('d-down', 'clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'd-down', ip: null })
    await h.advance({ days: 3 })
    await h.setLiveRaw('d-down', true)
    expect(await h.isLive('d-down')).toBe(true)
    const reportId = (await h.storage.checks.get(check.id))!.state.reportId!

    h.fake.reviseReport(reportId, { result: 'consider' })
    await h.settle()
    const revised = (await h.storage.checks.get(check.id))!
    expect(revised.state).toMatchObject({ status: 'consider', outcome: 'consider' })
    expect(revised.state.clearedAt).not.toBeNull()
    expect(await h.vetkit.api.getStatus('d-down')).toMatchObject({ status: 'consider', eligible: true })
    expect(await h.isLive('d-down')).toBe(true)

    const items = await h.vetkit.api.listAdverseItems(check.id)
    await h.vetkit.api.startAdverseAction({ checkId: check.id, actor: ADMIN, adverseItemIds: [items[0]!.id] })
    await h.advance({ days: 1 })
    expect(await h.isLive('d-down')).toBe(true)
    await h.advance({ days: 10 })
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('failed')
    expect(await h.isLive('d-down')).toBe(false)
    expect(await h.vetkit.api.getStatus('d-down')).toMatchObject({ eligible: false, reason: 'adverse_action_final' })
  })

  it('a dispute of a clear report leaves the worker passed and eligible, on record as an open dispute until the report completes again', async () => {
    await h.enrol('p-dispute', 'clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'p-dispute', ip: null })
    await h.advance({ days: 3 })
    const reportId = (await h.storage.checks.get(check.id))!.state.reportId!
    h.fake.openDispute(reportId)
    await h.settle()

    const disputed = (await h.storage.checks.get(check.id))!
    expect(disputed.state.status).toBe('passed')
    expect(disputed.state.dispute).toMatchObject({ source: 'provider', openedAt: expect.any(Date) })
    expect(await h.vetkit.api.getStatus('p-dispute')).toMatchObject({ status: 'passed', eligible: true })
    const inDispute = (await h.vetkit.api.listChecks({ inDispute: true, limit: 200 })).items.find((c) => c.id === check.id)
    expect(inDispute).toMatchObject({ status: 'passed', inDispute: true, disputeOpenedAt: disputed.state.dispute!.openedAt })
    expect(h.events.some((e) => e.type === 'dispute.opened' && e.checkId === check.id)).toBe(true)

    // The reinvestigation takes days; Checkr completes the report again.
    h.clock.advance({ days: 2 })
    h.fake.resolveDispute(reportId, 'clear')
    await h.settle()
    const resolved = (await h.storage.checks.get(check.id))!
    expect(resolved.state).toMatchObject({ status: 'passed', dispute: null })
    expect((await h.vetkit.api.listChecks({ inDispute: true, limit: 200 })).items.some((c) => c.id === check.id)).toBe(false)
    expect(h.events.some((e) => e.type === 'dispute.resolved' && e.checkId === check.id)).toBe(true)
  })

  it('events that concern no check are logged as ignored at once: no retry, no dead letter', async () => {
    const deadBefore = (await h.storage.jobs.countByStatus()).dead
    const now = h.clock.now()
    const types = ['package.created', 'verification.completed', 'form_i9.updated', 'continuous_check.subscription_error', 'candidate.updated', 'invitation.created', 'report.upgraded', 'brand_new.thing']
    for (const [i, type] of types.entries()) {
      const object = { id: `obj_${i}`, object: type.split('.')[0] === 'brand_new' ? 'thing' : type.split('.')[0]!, uri: `/v1/x/obj_${i}` }
      expect((await h.vetkit.webhooks.receive(signedRequest(event(`evt_none_${i}`, type, object, now)))).status).toBe(200)
    }
    const run = await h.worker.drain()
    expect(run.failed).toBe(0)
    const log = (await h.vetkit.webhooks.list({ limit: 20 })).items.filter((r) => r.eventId?.startsWith('evt_none_'))
    expect(log).toHaveLength(types.length)
    expect(log.every((r) => r.processingOutcome === 'ignored' && r.errorCode === 'unhandled_event_type' && r.checkId === null)).toBe(true)
    expect((await h.storage.jobs.countByStatus()).dead).toBe(deadBefore)
  })

  it('a thin candidate-level adverse-action event is read through the candidate and applied to its newest report', async () => {
    await h.enrol('c-cand', 'consider')
    const { check } = await h.vetkit.api.invite({ subjectId: 'c-cand', ip: null })
    await h.advance({ days: 3 })
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('consider')
    const candidate = { id: check.candidateId!, object: 'candidate', uri: `/v1/candidates/${check.candidateId!}` }
    await h.vetkit.webhooks.receive(signedRequest(event('evt_cand_pre', 'candidate.pre_adverse_action', candidate, h.clock.now())))
    await h.worker.drain()
    const after = (await h.storage.checks.get(check.id))!
    expect(after.state.status).toBe('pre_adverse')
    expect(after.state.adverseAction).toMatchObject({ startedAt: expect.any(Date), finalNoticeDueAt: expect.any(Date) })
    expect((await h.vetkit.webhooks.list({ eventType: 'candidate.pre_adverse_action', limit: 1 })).items[0]).toMatchObject({ processingOutcome: 'applied', checkId: check.id })
  })

  it('finalize after the scheduled job already finalized answers the failed check (200) and records nothing twice', async () => {
    await h.enrol('f-race', 'consider')
    const { check } = await h.vetkit.api.invite({ subjectId: 'f-race', ip: null })
    await h.advance({ days: 3 })
    const items = await h.vetkit.api.listAdverseItems(check.id)
    await h.vetkit.api.startAdverseAction({ checkId: check.id, actor: ADMIN, adverseItemIds: [items[0]!.id] })
    await h.advance({ days: 10 })
    const failed = (await h.storage.checks.get(check.id))!
    expect(failed.state.status).toBe('failed')
    const history = (await historyOf(h, check.id)).length
    const finals = h.mailer.sent.length

    const again = await h.vetkit.api.finalizeAdverseAction({ checkId: check.id, actor: ADMIN })
    expect(again).toMatchObject({ id: check.id, version: failed.version, state: { status: 'failed', finalAdverseAt: failed.state.finalAdverseAt } })
    const overHttp = await h.vetkit.handler(
      new Request(`http://host/admin/checks/${check.id}/adverse-action/finalize`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    )
    expect(overHttp.status).toBe(200)
    expect(((await overHttp.json()) as Json).status).toBe('failed')
    await h.settle()
    expect((await historyOf(h, check.id)).length).toBe(history)
    expect(h.mailer.sent.length).toBe(finals)
    // The audit keeps the adverse action that failed the check, with the date that gated it.
    const detail = (await h.storage.checks.get(check.id))!
    expect(detail.state.adverseAction?.finalNoticeDueAt).toBeInstanceOf(Date)
    expect(detail.state.closedReason).toBe('adverse_action')
    // Finalizing a check that failed is idempotent; a canceled one is still closed.
    await h.enrol('f-closed', 'clear')
    const other = (await h.vetkit.api.invite({ subjectId: 'f-closed', ip: null })).check
    await h.vetkit.api.cancelCheck({ checkId: other.id, actor: ADMIN })
    await expect(h.vetkit.api.finalizeAdverseAction({ checkId: other.id, actor: ADMIN })).rejects.toMatchObject({ code: 'check_closed' })
  })

  it('an expired invitation closes the check as invitation_expired, not as a cancel, and the list filters on it', async () => {
    await h.enrol('x-expired', 'invitation_expired')
    const { check } = await h.vetkit.api.invite({ subjectId: 'x-expired', ip: null })
    await h.advance({ days: 8 })
    const closed = (await h.storage.checks.get(check.id))!
    expect(closed.state).toMatchObject({ status: 'canceled', closedReason: 'invitation_expired' })
    const expired = (await h.vetkit.api.listChecks({ closedReason: 'invitation_expired', limit: 200 })).items
    expect(expired.map((c) => c.id)).toContain(check.id)
    expect(expired.every((c) => c.closedReason === 'invitation_expired')).toBe(true)
    const canceled = (await h.vetkit.api.listChecks({ closedReason: 'check_canceled', limit: 200 })).items
    expect(canceled.map((c) => c.id)).not.toContain(check.id)
    expect(canceled.length).toBeGreaterThan(0)
  })

  it('lists a subject\'s checks, newest first, re-checks included', async () => {
    await h.enrol('r-recheck', 'clear')
    const first = (await h.vetkit.api.invite({ subjectId: 'r-recheck', ip: null })).check
    await h.advance({ days: 3 })
    await h.vetkit.api.recordConsent({
      subjectId: 'r-recheck',
      disclosureVersion: '1',
      authorizationText: AUTHORIZATION_TEXT,
      signatureName: 'Worker r-recheck',
      ip: null,
      userAgent: null,
    })
    const second = (await h.vetkit.api.recheck({ subjectId: 'r-recheck', ip: null })).check
    const checks = await h.vetkit.api.listSubjectChecks('r-recheck')
    expect(checks.map((c) => [c.id, c.state.status])).toEqual([
      [second.id, 'invited'],
      [first.id, 'passed'],
    ])
    expect(await h.vetkit.api.listSubjectChecks('nobody-at-all')).toEqual([])
  })
})
