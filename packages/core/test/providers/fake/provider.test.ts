import { describe, expect, it } from 'vitest'
import { manualClock } from '../../../src/domain/clock'
import { ConfigurationError } from '../../../src/errors'
import { createFakeProvider, scenarioFromEmail, type FakeScenario } from '../../../src/providers/fake'
import { at, invite, setup, SIGNING_KEY } from './fake-support'

describe('fake provider: the screening-provider port', () => {
  it('identifies as the fake simulator', () => {
    const { fake } = setup()
    expect([fake.name, fake.environment]).toEqual(['fake', 'simulator'])
  })

  it('replays createCandidate and createInvitation for a repeated idempotency key', async () => {
    const { clock, fake } = setup()
    const first = await invite(fake)
    clock.advance({ hours: 2 })
    const again = await invite(fake)
    expect(again).toEqual(first)
    // Checkr replays the stored response, so the replay still says pending.
    expect(again.invitation.status).toBe('pending')
    expect(fake.webhooksFor('candidate.created')).toHaveLength(1)
    expect(fake.webhooksFor('invitation.created')).toHaveLength(1)
    const other = await fake.createCandidate({ subjectId: 'subject-1', email: 'ana@example.com', idempotencyKey: 'another-key' })
    expect(other.candidateId).not.toBe(first.candidateId)
  })

  it('forgets idempotency keys after 24 hours, as Checkr does', async () => {
    const { clock, fake } = setup()
    const input = { subjectId: 's', email: 'a@example.com', idempotencyKey: 'k' }
    const first = await fake.createCandidate(input)
    clock.advance({ hours: 23, minutes: 59 })
    expect(await fake.createCandidate(input)).toEqual(first)
    clock.advance({ minutes: 1 })
    expect((await fake.createCandidate(input)).candidateId).not.toBe(first.candidateId)
  })

  it('stores nothing for a failed call and refuses an empty key', async () => {
    const { fake } = setup()
    await expect(fake.createCandidate({ subjectId: 's', email: 'not-an-email', idempotencyKey: 'k' })).rejects.toMatchObject({
      code: 'provider_rejected',
      status: 400,
      checkrMessage: 'Email is not a valid email address',
    })
    await expect(fake.createCandidate({ subjectId: 's', email: 'a@example.com', idempotencyKey: 'k' })).resolves.toHaveProperty('candidateId')
    await expect(fake.createCandidate({ subjectId: 's', email: 'a@example.com', idempotencyKey: '' })).rejects.toMatchObject({ code: 'invalid_argument' })
  })

  it('answers 404 for unknown ids, like Checkr', async () => {
    const { fake } = setup()
    await expect(fake.getReport('abc')).rejects.toMatchObject({ code: 'provider_not_found', status: 404 })
    await expect(fake.getInvitation('abc')).rejects.toMatchObject({ code: 'provider_not_found', status: 404 })
    await expect(fake.cancelAdverseAction('abc')).rejects.toMatchObject({ code: 'provider_not_found' })
    // As the Checkr provider: canceling is "make sure it is gone", so an unknown invitation is done.
    await expect(fake.cancelInvitation('abc')).resolves.toBeUndefined()
    await expect(fake.listAdverseItems('abc')).rejects.toMatchObject({ code: 'provider_not_found' })
    await expect(fake.createInvitation({ candidateId: 'abc', idempotencyKey: 'k' })).rejects.toMatchObject({ code: 'provider_not_found' })
  })

  it('cancelInvitation deletes a pending invitation and stops its future', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake)
    clock.advance({ minutes: 30 })
    await fake.cancelInvitation(invitation.invitationId)
    await fake.cancelInvitation(invitation.invitationId)
    await fake.deliverDue()
    expect(fake.nextEventAt()).toBeNull()
    expect(await fake.getInvitation(invitation.invitationId)).toMatchObject({ status: 'pending', deletedAt: at(0.5), reportId: null })
    clock.advance({ days: 30 })
    expect(fake.webhooksFor().map((w) => w.type)).toEqual(['candidate.created', 'invitation.created', 'invitation.deleted'])
    expect(fake.parseWebhook(Buffer.from(fake.webhooksFor('invitation.deleted')[0]!.body)).trigger).toMatchObject({
      event: 'invitation.canceled',
      refs: { invitationId: invitation.invitationId },
    })
  })

  it('cancelInvitation refuses a completed invitation', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake)
    clock.set(at(1))
    await expect(fake.cancelInvitation(invitation.invitationId)).rejects.toMatchObject({
      code: 'provider_state_conflict',
      status: 400,
      message: 'Checkr DELETE /invitations/{id} failed with HTTP 400: Invitation has already been completed (1 attempt)',
    })
    expect(fake.webhooksFor('invitation.deleted')).toEqual([])
  })

  it('returns copies: mutating a read changes nothing', async () => {
    const { fake } = setup()
    const { invitation } = await invite(fake)
    invitation.status = 'completed'
    invitation.expiresAt!.setTime(0)
    expect(await fake.getInvitation(invitation.invitationId)).toMatchObject({ status: 'pending', expiresAt: at(168) })
  })

  it('echoes the package, work locations and invitation URL', async () => {
    const { clock, fake } = setup({ packageSlug: 'driver_pro', invitationUrl: (id) => `https://demo.test/apply/${id}` })
    const { candidateId } = await fake.createCandidate({ subjectId: 's', email: 'a@example.com', idempotencyKey: 'c' })
    const invitation = await fake.createInvitation({ candidateId, workLocations: [{ country: 'US', state: 'CA', city: 'Oakland' }], idempotencyKey: 'i' })
    expect(invitation.invitationUrl).toBe(`https://demo.test/apply/${invitation.invitationId}`)
    clock.set(at(1))
    const report = JSON.parse(fake.webhooksFor('report.created')[0]!.body) as { data: { object: Record<string, unknown> } }
    expect(report.data.object).toMatchObject({ package: 'driver_pro', work_locations: [{ country: 'US', state: 'CA', city: 'Oakland' }], candidate_id: candidateId })
  })
})

describe('fake provider: scenario choice', () => {
  const scenarioPlayed = async (options: { email?: string; set?: [string, FakeScenario]; defaultScenario?: FakeScenario }) => {
    const { clock, fake } = setup(options.defaultScenario ? { defaultScenario: options.defaultScenario } : {})
    if (options.set) fake.setScenario(...options.set)
    await invite(fake, options.email ? { email: options.email } : {})
    clock.advance({ days: 30 })
    return fake.webhooksFor().map((w) => w.type).slice(4).join(',') || fake.webhooksFor().at(-1)!.type
  }

  it('defaults to clear', async () => {
    expect(await scenarioPlayed({})).toBe('report.completed')
    const { clock, fake } = setup()
    const { invitation } = await invite(fake)
    clock.set(at(49))
    expect((await fake.getReport((await fake.getInvitation(invitation.invitationId)).reportId!)).result).toBe('clear')
  })

  it('reads a plus tag in the email, with dashes or underscores', async () => {
    expect(await scenarioPlayed({ email: 'ana+canceled@example.com' })).toBe('report.canceled')
    expect(await scenarioPlayed({ email: 'ana+Suspended-Then-Clear@example.com' })).toBe('report.suspended,report.resumed,report.completed')
    expect(await scenarioPlayed({ email: 'ana+invitation_expired@example.com' })).toBe('invitation.expired')
  })

  it('ignores plus tags that name no scenario', () => {
    expect(scenarioFromEmail('ana+newsletter@example.com')).toBeNull()
    expect(scenarioFromEmail('ana@example.com')).toBeNull()
    expect(scenarioFromEmail('a+b+consider@example.com')).toBe('consider')
  })

  it('setScenario (by subject or candidate id) wins over the email tag and the default', async () => {
    expect(await scenarioPlayed({ email: 'ana+canceled@example.com', set: ['subject-1', 'invitation_expired'] })).toBe('invitation.expired')
    expect(await scenarioPlayed({ defaultScenario: 'canceled' })).toBe('report.canceled')
    const { clock, fake } = setup()
    const { candidateId } = await fake.createCandidate({ subjectId: 's', email: 'a@example.com', idempotencyKey: 'c' })
    fake.setScenario(candidateId, 'canceled')
    await fake.createInvitation({ candidateId, idempotencyKey: 'i' })
    clock.advance({ days: 30 })
    expect(fake.webhooksFor().at(-1)!.type).toBe('report.canceled')
  })

  it('refuses unknown scenarios', () => {
    const { fake } = setup()
    expect(() => fake.setScenario('s', 'maybe' as FakeScenario)).toThrow(/unknown fake scenario/)
  })
})

describe('fake provider: manual disputes', () => {
  it('opens and resolves a dispute by hand, taking the report out of its scenario', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake, { scenario: 'dispute_then_clear' })
    clock.set(at(50))
    const reportId = (await fake.getInvitation(invitation.invitationId)).reportId!
    fake.openDispute(reportId)
    expect((await fake.getReport(reportId)).status).toBe('dispute')
    clock.set(at(60))
    fake.resolveDispute(reportId, 'consider', { assessment: 'review' })
    expect(await fake.getReport(reportId)).toMatchObject({ status: 'complete', result: 'consider', assessment: 'review', completedAt: at(60) })
    clock.advance({ days: 30 })
    // The scenario's own dispute (at 73 h) and resolution never come.
    expect(fake.webhooksFor().slice(4).map((w) => [w.type, w.createdAt])).toEqual([
      ['report.completed', at(49)],
      ['report.disputed', at(50)],
      ['report.completed', at(60)],
    ])
  })

  it('a dispute opened by hand stays open until resolved by hand', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake, { scenario: 'dispute_then_clear' })
    clock.set(at(50))
    const reportId = (await fake.getInvitation(invitation.invitationId)).reportId!
    fake.openDispute(reportId)
    clock.advance({ days: 30 })
    expect(fake.webhooksFor().slice(4).map((w) => w.type)).toEqual(['report.completed', 'report.disputed'])
    expect((await fake.getReport(reportId)).status).toBe('dispute')
  })

  it('a manual resolution keeps the assessment of a consider result unless told otherwise', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake, { scenario: 'eligible_assessment' })
    clock.set(at(49))
    const reportId = (await fake.getInvitation(invitation.invitationId)).reportId!
    fake.openDispute(reportId)
    fake.resolveDispute(reportId, 'consider')
    expect((await fake.getReport(reportId)).assessment).toBe('eligible')
    fake.openDispute(reportId)
    fake.resolveDispute(reportId, 'clear')
    expect(await fake.getReport(reportId)).toMatchObject({ result: 'clear', assessment: null })
  })

  it('refuses to dispute a report that is not complete, or resolve one not in dispute', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake)
    clock.set(at(2))
    const reportId = (await fake.getInvitation(invitation.invitationId)).reportId!
    expect(() => fake.openDispute(reportId)).toThrow(/not complete/)
    expect(() => fake.resolveDispute(reportId, 'clear')).toThrow(/not in dispute/)
    expect(() => fake.openDispute('nope')).toThrow(/unknown report/)
    expect(fake.webhooksFor('report.disputed')).toEqual([])
  })
})

describe('fake provider: options', () => {
  const clock = manualClock()
  it.each([
    [{ clock, signingKey: '' }, 'signingKey'],
    [{ clock, signingKey: SIGNING_KEY, defaultScenario: 'nope' as FakeScenario }, 'defaultScenario'],
    [{ clock, signingKey: SIGNING_KEY, timings: { reportCompleted: { days: -1 } } }, 'timings.reportCompleted'],
    [{ clock, signingKey: SIGNING_KEY, timings: { disputeOpened: { seconds: 0.5 } } }, 'timings.disputeOpened'],
  ])('rejects a bad setting (%#)', (options, field) => {
    expect(() => createFakeProvider(options)).toThrow(ConfigurationError)
    expect(() => createFakeProvider(options)).toThrow(expect.objectContaining({ field }))
  })
})
