/**
 * One test per defect of the system vetkit generalises (see ../shared/reference/prior-art.md and
 * docs/prior-art-defects.md for where the others are tested). Each builds the situation that broke
 * there and shows it cannot happen here.
 */
import { beforeAll, expect, it } from 'vitest'
import { signCheckrPayload } from '../../src/providers/checkr/webhook-signature'
import { describeEachBackend } from '../storage/support/backends'
import { createHarness, streamOf, type Harness } from './support/harness'

const ADMIN = { kind: 'admin' as const, id: 'reviewer-7' }

describeEachBackend('prior-art defects stay fixed', (db) => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness(db())
  }, 60_000)

  const toConsider = async (subjectId: string) => {
    await h.enrol(subjectId, 'consider')
    const { check } = await h.vetkit.api.invite({ subjectId, ip: null })
    await h.advance({ days: 3 })
    return check
  }

  it('#1 the adverse-action pipeline is reachable end to end: pre-adverse -> wait -> final, with no manual final step', async () => {
    const check = await toConsider('d1')
    const [item] = await h.vetkit.api.listAdverseItems(check.id)
    await h.vetkit.api.startAdverseAction({ checkId: check.id, actor: ADMIN, adverseItemIds: [item!.id] })
    await h.advance({ days: 14 })
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('failed')
    expect(h.mailer.sent.map((m) => m.message.subject).join('\n')).toMatch(/adverse/i)
  })

  it('#2 resolving a dispute clears it and the final step runs', async () => {
    const check = await toConsider('d2')
    const [item] = await h.vetkit.api.listAdverseItems(check.id)
    await h.vetkit.api.startAdverseAction({ checkId: check.id, actor: ADMIN, adverseItemIds: [item!.id] })
    await h.vetkit.api.openDispute({ checkId: check.id, actor: ADMIN, reason: 'disputed by phone' })
    await h.advance({ days: 2 })
    const resolved = await h.vetkit.api.resolveDispute({ checkId: check.id, actor: ADMIN, reason: 'record confirmed' })
    expect(resolved.state.dispute).toBeNull()
    expect(resolved.state.adverseAction?.finalNoticeDueAt).not.toBeNull()
    await h.advance({ days: 14 })
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('failed')
  })

  it('#3 an admin approval sets an expiry; a final rejection takes a live worker offline with a notice, not an error', async () => {
    const approved = await toConsider('d3a')
    const cleared = await h.vetkit.api.clear({ checkId: approved.id, actor: ADMIN })
    expect(cleared.state.validUntil).not.toBeNull()
    expect(cleared.nextReminderAt).not.toBeNull()

    // A live worker (valid pass) whose re-check comes back consider and is rejected.
    await h.enrol('d3b', 'clear')
    await h.vetkit.api.invite({ subjectId: 'd3b', ip: null })
    await h.advance({ days: 3 })
    await h.setLiveRaw('d3b', true)
    h.fake.setScenario('d3b', 'consider')
    h.clock.advance({ days: 1 })
    await h.vetkit.api.recordConsent({ subjectId: 'd3b', disclosureVersion: '1', authorizationText: 'x', signatureName: 'W', ip: null, userAgent: null })
    const { check: recheck } = await h.vetkit.api.recheck({ subjectId: 'd3b', ip: null })
    await h.advance({ days: 3 })
    expect(await h.isLive('d3b')).toBe(true)
    const [item] = await h.vetkit.api.listAdverseItems(recheck.id)
    await h.vetkit.api.startAdverseAction({ checkId: recheck.id, actor: ADMIN, adverseItemIds: [item!.id] })
    await h.advance({ days: 14 })
    expect((await h.storage.checks.get(recheck.id))!.state.status).toBe('failed')
    expect(await h.isLive('d3b')).toBe(false)
    expect(await h.storage.emails.getByDedupeKey(`check:${recheck.id}:final_adverse`)).toMatchObject({ status: 'sent' })
    expect(await h.vetkit.api.getStatus('d3b')).toMatchObject({ eligible: false, reason: 'adverse_action_final' })
  })

  it('#5 a late report.suspended after completion does not move a passed check back', async () => {
    await h.enrol('d5', 'suspended_then_clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'd5', ip: null })
    h.clock.advance({ days: 10 })
    const stream = streamOf(h, check.candidateId)
    // Deliver everything except the suspension, then the suspension last.
    for (const w of stream.filter((x) => x.type !== 'report.suspended')) await h.vetkit.webhooks.receive(h.fake.buildWebhook(w.eventId))
    await h.worker.drain()
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('passed')
    await h.vetkit.webhooks.receive(h.fake.buildWebhook(stream.find((x) => x.type === 'report.suspended')!.eventId))
    await h.worker.drain()
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('passed')
  })

  it('#6 validity runs from the report completion time even when the webhook arrives days later', async () => {
    await h.enrol('d6', 'clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'd6', ip: null })
    h.clock.advance({ days: 9 }) // the webhooks were down for a week
    for (const w of streamOf(h, check.candidateId)) await h.vetkit.webhooks.receive(h.fake.buildWebhook(w.eventId))
    await h.worker.drain()
    const passed = (await h.storage.checks.get(check.id))!
    const report = await h.fake.getReport(passed.state.reportId!)
    expect(passed.state.reportCompletedAt).toEqual(report.completedAt)
    expect(h.clock.now().getTime() - report.completedAt!.getTime()).toBeGreaterThan(5 * 86_400_000)
    const expected = new Date(report.completedAt!)
    expected.setUTCFullYear(expected.getUTCFullYear() + 2)
    expect(passed.state.validUntil).toEqual(expected)
  })

  it('#8 the webhook log keeps real outcomes, including authentication failures', async () => {
    const raw = new TextEncoder().encode('{"id":"evt_x","object":"event","type":"report.completed","created_at":"2026-01-01T00:00:00Z","data":{"object":{"id":"r","object":"report"}}}')
    await h.vetkit.webhooks.receive({ headers: new Headers({ 'x-checkr-signature': signCheckrPayload(raw, 'wrong') }), rawBody: raw })
    const failures = await h.vetkit.webhooks.list({ authOutcome: 'bad_signature', limit: 5 })
    expect(failures.items[0]).toMatchObject({ httpStatus: 401, processingOutcome: 'not_processed', eventId: null })
    const applied = await h.vetkit.webhooks.list({ processingOutcome: 'applied', limit: 200 })
    expect(applied.items.length).toBeGreaterThan(0)
    expect(applied.items.every((r) => r.httpStatus === 200 && r.processedAt !== null && r.checkId !== null)).toBe(true)
  })

  it('#10 a check is found by report id through its blind index; no plaintext provider id is stored', async () => {
    await h.enrol('d10', 'clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'd10', ip: null })
    await h.advance({ days: 3 })
    const reportId = (await h.storage.checks.get(check.id))!.state.reportId!
    const found = await h.storage.checks.findByProviderRef('fake', 'report', reportId)
    expect(found.map((c) => c.id)).toEqual([check.id])
    const table = h.storage.tables.schema ? `${h.storage.tables.schema}.${h.storage.tables.bare('checks')}` : h.storage.tables.bare('checks')
    const row = (await h.db.knex(table).where({ id: check.id }).first()) as Record<string, unknown>
    const stored = JSON.stringify(row)
    expect(stored).not.toContain(reportId)
    expect(stored).not.toContain(check.candidateId!)
    expect(stored).not.toContain(check.invitationId!)
  })

  it('#15 the under-review email is sent once per check, so a later re-check that needs review sends it again', async () => {
    const first = await toConsider('d15')
    await h.vetkit.api.clear({ checkId: first.id, actor: ADMIN })
    h.clock.advance({ days: 2 })
    await h.vetkit.api.recordConsent({ subjectId: 'd15', disclosureVersion: '1', authorizationText: 'x', signatureName: 'W', ip: null, userAgent: null })
    const { check: second } = await h.vetkit.api.recheck({ subjectId: 'd15', ip: null })
    await h.advance({ days: 3 })
    expect(await h.storage.emails.getByDedupeKey(`check:${first.id}:under_review`)).toMatchObject({ status: 'sent' })
    expect(await h.storage.emails.getByDedupeKey(`check:${second.id}:under_review`)).toMatchObject({ status: 'sent' })
    const consents = await h.storage.consents.listForSubject('d15', 10)
    expect(consents[0]).toMatchObject({ disclosureVersion: '1', ip: null })
  })
})
