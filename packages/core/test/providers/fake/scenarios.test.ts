import { describe, expect, it } from 'vitest'
import { FAKE_SCENARIOS, type FakeScenario } from '../../../src/providers/fake'
import { at, invite, objectOf, setup, timeline } from './fake-support'

const created: [string, number][] = [
  ['candidate.created', 0],
  ['invitation.created', 0],
]
const started: [string, number][] = [...created, ['invitation.completed', 1], ['report.created', 1]]

// Default timings: apply flow 1 h, report 2 days, suspension 1 day + 2 days, dispute 1 day after
// completion and resolved 7 days later, expiry 7 days.
const EXPECTED: Record<FakeScenario, [string, number][]> = {
  clear: [...started, ['report.completed', 49]],
  consider: [...started, ['report.completed', 49]],
  eligible_assessment: [...started, ['report.completed', 49]],
  late_assessment: [...started, ['report.completed', 49], ['report.updated', 49 + 4 / 60]],
  suspended_then_clear: [...started, ['report.suspended', 25], ['report.resumed', 73], ['report.completed', 121]],
  dispute_then_clear: [...started, ['report.completed', 49], ['report.disputed', 73], ['report.completed', 241]],
  dispute_then_consider: [...started, ['report.completed', 49], ['report.disputed', 73], ['report.completed', 241]],
  canceled: [...started, ['report.canceled', 25]],
  invitation_expired: [...created, ['invitation.expired', 168]],
}

/** Report fields carried by each report webhook, in order. */
const REPORT_PAYLOADS: Record<FakeScenario, { status: string; result: string | null; assessment: string | null }[]> = {
  clear: [
    { status: 'pending', result: null, assessment: null },
    { status: 'complete', result: 'clear', assessment: null },
  ],
  consider: [
    { status: 'pending', result: null, assessment: null },
    { status: 'complete', result: 'consider', assessment: null },
  ],
  eligible_assessment: [
    { status: 'pending', result: null, assessment: null },
    { status: 'complete', result: 'consider', assessment: 'eligible' },
  ],
  late_assessment: [
    { status: 'pending', result: null, assessment: null },
    { status: 'complete', result: 'consider', assessment: null },
    { status: 'complete', result: 'consider', assessment: 'eligible' },
  ],
  suspended_then_clear: [
    { status: 'pending', result: null, assessment: null },
    { status: 'suspended', result: null, assessment: null },
    { status: 'pending', result: null, assessment: null },
    { status: 'complete', result: 'clear', assessment: null },
  ],
  dispute_then_clear: [
    { status: 'pending', result: null, assessment: null },
    { status: 'complete', result: 'consider', assessment: null },
    { status: 'dispute', result: 'consider', assessment: null },
    { status: 'complete', result: 'clear', assessment: null },
  ],
  dispute_then_consider: [
    { status: 'pending', result: null, assessment: null },
    { status: 'complete', result: 'consider', assessment: null },
    { status: 'dispute', result: 'consider', assessment: null },
    { status: 'complete', result: 'consider', assessment: null },
  ],
  canceled: [
    { status: 'pending', result: null, assessment: null },
    { status: 'canceled', result: null, assessment: null },
  ],
  invitation_expired: [],
}

describe('fake provider scenarios', () => {
  it('covers every scenario', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...FAKE_SCENARIOS].sort())
  })

  for (const scenario of FAKE_SCENARIOS) {
    it(`${scenario}: plays its event sequence at the default times`, async () => {
      const { clock, fake } = setup()
      await invite(fake, { scenario })
      clock.advance({ days: 60 })
      expect(timeline(fake)).toEqual(EXPECTED[scenario])
      const reportEvents = fake.webhooksFor().filter((w) => w.objectType === 'report')
      expect(reportEvents.map((w) => fake.parseWebhook(Buffer.from(w.body)).trigger?.report)).toEqual(
        REPORT_PAYLOADS[scenario].map((r) => expect.objectContaining({ ...r, completedAt: r.result ? expect.any(Date) : null })),
      )
    })
  }

  it('generates nothing before its time, and each event exactly at its time', async () => {
    const { clock, fake } = setup()
    await invite(fake, { scenario: 'suspended_then_clear' })
    clock.set(new Date(at(25).getTime() - 1000))
    expect(fake.webhooksFor('report.suspended')).toEqual([])
    clock.set(at(25))
    expect(fake.webhooksFor('report.suspended').map((w) => w.createdAt)).toEqual([at(25)])
  })

  it('clear: API reads follow the timeline', async () => {
    const { clock, fake } = setup()
    const { invitation, candidateId } = await invite(fake)
    expect(invitation).toMatchObject({ status: 'pending', reportId: null, candidateId, expiresAt: at(168), deletedAt: null })
    clock.set(new Date(at(1).getTime() - 1000))
    expect(await fake.getInvitation(invitation.invitationId)).toMatchObject({ status: 'pending', reportId: null })
    clock.set(at(1))
    const completed = await fake.getInvitation(invitation.invitationId)
    expect(completed.status).toBe('completed')
    const reportId = completed.reportId!
    expect(await fake.getReport(reportId)).toEqual({
      reportId,
      candidateId,
      status: 'pending',
      result: null,
      assessment: null,
      adjudication: null,
      completedAt: null,
      createdAt: at(1),
      eta: at(49),
    })
    clock.set(at(48))
    expect(await fake.getReport(reportId)).toMatchObject({ status: 'pending', result: null, completedAt: null })
    clock.set(at(49))
    expect(await fake.getReport(reportId)).toMatchObject({ status: 'complete', result: 'clear', completedAt: at(49) })
  })

  it('suspended_then_clear: the report reads suspended, then pending, then complete', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake, { scenario: 'suspended_then_clear' })
    clock.set(at(1))
    const { reportId } = await fake.getInvitation(invitation.invitationId)
    const read = async (hours: number) => {
      clock.set(at(hours))
      const r = await fake.getReport(reportId!)
      return [r.status, r.result]
    }
    expect(await read(24)).toEqual(['pending', null])
    expect(await read(25)).toEqual(['suspended', null])
    expect(await read(72)).toEqual(['suspended', null])
    expect(await read(73)).toEqual(['pending', null])
    expect(await read(121)).toEqual(['complete', 'clear'])
  })

  it('dispute_then_clear: a late reader sees the truth the first webhook no longer tells', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake, { scenario: 'dispute_then_clear' })
    // The host was down for two weeks: every webhook is still pending, the oldest first.
    clock.set(at(336))
    const pending = fake.pendingWebhooks()
    const firstCompletion = pending.find((w) => w.type === 'report.completed')!
    expect(objectOf(firstCompletion.body)).toMatchObject({ status: 'complete', result: 'consider', completed_at: '2026-01-07T16:00:00Z' })
    const { reportId } = await fake.getInvitation(invitation.invitationId)
    expect(await fake.getReport(reportId!)).toMatchObject({ status: 'complete', result: 'clear', completedAt: at(241) })
    const last = fake.webhooksFor('report.completed').at(-1)!
    expect(objectOf(last.body)).toMatchObject({ result: 'clear', completed_at: '2026-01-15T16:00:00Z', revised_at: '2026-01-15T16:00:00Z' })
  })

  it('dispute_then_consider: reads dispute during the reinvestigation, then consider', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake, { scenario: 'dispute_then_consider' })
    clock.set(at(73))
    const { reportId } = await fake.getInvitation(invitation.invitationId)
    expect(await fake.getReport(reportId!)).toMatchObject({ status: 'dispute', result: 'consider' })
    clock.set(at(240))
    expect((await fake.getReport(reportId!)).status).toBe('dispute')
    clock.set(at(241))
    expect(await fake.getReport(reportId!)).toMatchObject({ status: 'complete', result: 'consider', completedAt: at(241) })
  })

  it('eligible_assessment: result consider with assessment eligible', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake, { scenario: 'eligible_assessment' })
    clock.set(at(49))
    const { reportId } = await fake.getInvitation(invitation.invitationId)
    expect(await fake.getReport(reportId!)).toMatchObject({ status: 'complete', result: 'consider', assessment: 'eligible' })
  })

  it('canceled: the report reads canceled with no result', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake, { scenario: 'canceled' })
    clock.set(at(25))
    const { reportId } = await fake.getInvitation(invitation.invitationId)
    expect(await fake.getReport(reportId!)).toMatchObject({ status: 'canceled', result: null, completedAt: null })
  })

  it('invitation_expired: the invitation expires after 7 days and no report ever exists', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake, { scenario: 'invitation_expired' })
    clock.set(at(167))
    expect((await fake.getInvitation(invitation.invitationId)).status).toBe('pending')
    clock.set(at(168))
    expect(await fake.getInvitation(invitation.invitationId)).toMatchObject({ status: 'expired', reportId: null })
    clock.advance({ days: 30 })
    expect(fake.webhooksFor().filter((w) => w.objectType === 'report')).toEqual([])
  })

  it('custom timings move every step', async () => {
    const { clock, fake } = setup({ timings: { invitationCompleted: { minutes: 5 }, reportCompleted: { hours: 3 }, disputeOpened: { hours: 1 }, disputeResolved: { days: 1 } } })
    await invite(fake, { scenario: 'dispute_then_clear' })
    clock.advance({ days: 10 })
    const minutes = fake.webhooksFor().map((w) => [w.type, (w.createdAt.getTime() - at(0).getTime()) / 60_000])
    expect(minutes.slice(2)).toEqual([
      ['invitation.completed', 5],
      ['report.created', 5],
      ['report.completed', 185],
      ['report.disputed', 245],
      ['report.completed', 1685],
    ])
  })

  it('an invitation the candidate takes too long over expires instead of completing', async () => {
    const { clock, fake } = setup({ timings: { invitationCompleted: { days: 8 } } })
    const { invitation } = await invite(fake)
    clock.advance({ days: 30 })
    expect(timeline(fake).map(([type]) => type)).toEqual(['candidate.created', 'invitation.created', 'invitation.expired'])
    expect((await fake.getInvitation(invitation.invitationId)).status).toBe('expired')
  })
})
