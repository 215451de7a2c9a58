import { describe, expect, it } from 'vitest'
import { CheckrApiError } from '../../../src/providers/checkr/checkr-errors'
import type { FakeProvider } from '../../../src/providers/fake'
import { at, invite, objectOf, setup } from './fake-support'

async function completedReport(fake: FakeProvider, invitationId: string) {
  const { reportId } = await fake.getInvitation(invitationId)
  return reportId!
}

// Refusals about the report's state are vetkit's provider_state_conflict (409), never forwarded as Checkr's text.
const rejection = (checkrMessage: string) => ({ code: 'provider_state_conflict', status: 400, checkrMessage })

async function considerReport(scenario: 'consider' | 'dispute_then_consider' | 'dispute_then_clear' = 'consider') {
  const ctx = setup()
  const { invitation } = await invite(ctx.fake, { scenario })
  ctx.clock.set(at(49))
  const reportId = await completedReport(ctx.fake, invitation.invitationId)
  const items = await ctx.fake.listAdverseItems(reportId)
  return { ...ctx, reportId, items }
}

describe('fake provider adverse actions', () => {
  it('lists adverse items of a consider report', async () => {
    const { items } = await considerReport()
    expect(items).toHaveLength(2)
    for (const item of items) expect(item).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), text: expect.any(String) })
  })

  it('sends the pre notice now and the post notice at the scheduled time', async () => {
    const { clock, fake, reportId, items } = await considerReport()
    const created = await fake.createAdverseAction({ reportId, adverseItemIds: [items[0]!.id], postNoticeScheduledAt: at(49 + 168), idempotencyKey: 'aa-1' })
    expect(created.postNoticeScheduledAt).toEqual(at(217))
    const pre = fake.webhooksFor('report.pre_adverse_action')
    expect(pre.map((w) => w.createdAt)).toEqual([at(49)])
    expect(objectOf(pre[0]!.body)).toMatchObject({ id: reportId, adjudication: 'pre_adverse_action', status: 'complete', result: 'consider' })
    expect((await fake.getReport(reportId)).adjudication).toBe('pre_adverse_action')
    expect(fake.adverseAction(created.adverseActionId)).toMatchObject({ status: 'pending', reportId, adverseItemIds: [items[0]!.id], postNoticeReadyAt: at(217) })

    clock.set(at(216))
    expect(fake.webhooksFor('report.post_adverse_action')).toEqual([])
    clock.set(at(217))
    const post = fake.webhooksFor('report.post_adverse_action')
    expect(post.map((w) => w.createdAt)).toEqual([at(217)])
    expect(objectOf(post[0]!.body)).toMatchObject({ adjudication: 'post_adverse_action' })
    expect((await fake.getReport(reportId)).adjudication).toBe('post_adverse_action')
    expect(fake.adverseAction(created.adverseActionId).status).toBe('complete')
  })

  it('rejects a second adverse action, and item listing, while one is active (Checkr 400)', async () => {
    const { fake, reportId, items } = await considerReport()
    await fake.createAdverseAction({ reportId, adverseItemIds: [items[0]!.id], postNoticeScheduledAt: at(217), idempotencyKey: 'aa-1' })
    const second = fake.createAdverseAction({ reportId, adverseItemIds: [items[0]!.id], postNoticeScheduledAt: at(217), idempotencyKey: 'aa-2' })
    await expect(second).rejects.toBeInstanceOf(CheckrApiError)
    await expect(second).rejects.toMatchObject(rejection('Report has a pre-existing adverse action'))
    await expect(fake.listAdverseItems(reportId)).rejects.toMatchObject(rejection('Report has a pre-existing adverse action'))
    expect(fake.webhooksFor('report.pre_adverse_action')).toHaveLength(1)
  })

  it('replays the first result for a repeated idempotency key', async () => {
    const { fake, reportId, items } = await considerReport()
    const input = { reportId, adverseItemIds: [items[0]!.id], postNoticeScheduledAt: at(217), idempotencyKey: 'aa-1' }
    const first = await fake.createAdverseAction(input)
    expect(await fake.createAdverseAction(input)).toEqual(first)
    expect(fake.webhooksFor('report.pre_adverse_action')).toHaveLength(1)
  })

  it('cancel stops the post notice and frees the report for a new adverse action', async () => {
    const { clock, fake, reportId, items } = await considerReport()
    const { adverseActionId } = await fake.createAdverseAction({ reportId, adverseItemIds: [items[0]!.id], postNoticeScheduledAt: at(217), idempotencyKey: 'aa-1' })
    clock.set(at(60))
    await fake.cancelAdverseAction(adverseActionId)
    await fake.cancelAdverseAction(adverseActionId)
    expect(fake.adverseAction(adverseActionId)).toMatchObject({ status: 'canceled', canceledAt: at(60) })
    expect((await fake.getReport(reportId)).adjudication).toBeNull()
    await fake.deliverDue()
    expect(fake.nextEventAt()).toBeNull()
    clock.set(at(400))
    expect(fake.webhooksFor('report.post_adverse_action')).toEqual([])
    expect(await fake.listAdverseItems(reportId)).toEqual(items)
    const again = await fake.createAdverseAction({ reportId, adverseItemIds: items.map((i) => i.id), postNoticeScheduledAt: at(600), idempotencyKey: 'aa-2' })
    expect(again.adverseActionId).not.toBe(adverseActionId)
  })

  it('cannot cancel once the final notice went out', async () => {
    const { clock, fake, reportId, items } = await considerReport()
    const { adverseActionId } = await fake.createAdverseAction({ reportId, adverseItemIds: [items[0]!.id], postNoticeScheduledAt: at(217), idempotencyKey: 'aa-1' })
    clock.set(at(217))
    await expect(fake.cancelAdverseAction(adverseActionId)).rejects.toMatchObject({ code: 'provider_state_conflict', status: 400 })
    expect(fake.adverseAction(adverseActionId).status).toBe('complete')
  })

  it('a dispute halts the pending action: no post notice, status dispute, new action allowed after re-completion', async () => {
    const { clock, fake, reportId, items } = await considerReport('dispute_then_consider')
    const { adverseActionId } = await fake.createAdverseAction({ reportId, adverseItemIds: [items[0]!.id], postNoticeScheduledAt: at(49 + 120), idempotencyKey: 'aa-1' })
    clock.set(at(73))
    expect(fake.adverseAction(adverseActionId).status).toBe('dispute')
    await fake.deliverDue()
    // The halted final notice (due at 169 h) is off the timeline: next is the resolution.
    expect(fake.nextEventAt()).toEqual(at(241))
    await expect(
      fake.createAdverseAction({ reportId, adverseItemIds: [items[0]!.id], postNoticeScheduledAt: at(300), idempotencyKey: 'aa-2' }),
    ).rejects.toMatchObject(rejection('Report is under dispute and cannot be adjudicated'))
    await expect(fake.listAdverseItems(reportId)).rejects.toMatchObject({ status: 400 })
    clock.set(at(241))
    expect(fake.webhooksFor('report.post_adverse_action')).toEqual([])
    expect((await fake.getReport(reportId)).adjudication).toBeNull()
    expect(await fake.listAdverseItems(reportId)).toEqual(items)
    const renewed = await fake.createAdverseAction({ reportId, adverseItemIds: [items[1]!.id], postNoticeScheduledAt: at(400), idempotencyKey: 'aa-3' })
    clock.set(at(400))
    expect(fake.webhooksFor('report.post_adverse_action').map((w) => w.createdAt)).toEqual([at(400)])
    expect(fake.adverseAction(renewed.adverseActionId).status).toBe('complete')
  })

  it('a dispute resolved clear leaves nothing to adjudicate', async () => {
    const { clock, fake, reportId } = await considerReport('dispute_then_clear')
    clock.set(at(241))
    await expect(fake.listAdverseItems(reportId)).rejects.toMatchObject(rejection('Report must be complete with a consider result'))
  })

  it('rejects adverse action on a clear or unfinished report, and unknown reports', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake)
    clock.set(at(2))
    const reportId = await completedReport(fake, invitation.invitationId)
    const input = { reportId, adverseItemIds: ['x'], postNoticeScheduledAt: at(300), idempotencyKey: 'aa-1' }
    await expect(fake.createAdverseAction(input)).rejects.toMatchObject(rejection('Report must be complete with a consider result'))
    clock.set(at(49))
    await expect(fake.createAdverseAction(input)).rejects.toMatchObject(rejection('Report must be complete with a consider result'))
    await expect(fake.listAdverseItems(reportId)).rejects.toMatchObject({ status: 400 })
    await expect(fake.createAdverseAction({ ...input, reportId: 'f00' })).rejects.toMatchObject({ code: 'provider_not_found', status: 404 })
    await expect(fake.cancelAdverseAction('f00')).rejects.toMatchObject({ code: 'provider_not_found' })
    expect(fake.webhooksFor('report.pre_adverse_action')).toEqual([])
  })

  it('rejects missing or foreign adverse item ids', async () => {
    const { fake, reportId, items } = await considerReport()
    const base = { reportId, postNoticeScheduledAt: at(217) }
    await expect(fake.createAdverseAction({ ...base, adverseItemIds: [], idempotencyKey: 'a' })).rejects.toMatchObject({ code: 'invalid_argument', field: 'adverseItemIds' })
    await expect(fake.createAdverseAction({ ...base, postNoticeScheduledAt: new Date('nope'), adverseItemIds: [items[0]!.id], idempotencyKey: 'a' })).rejects.toMatchObject({
      code: 'invalid_argument',
      field: 'postNoticeScheduledAt',
    })
    await expect(fake.createAdverseAction({ ...base, adverseItemIds: [items[0]!.id, 'other'], idempotencyKey: 'a' })).rejects.toMatchObject({ status: 400 })
    // A failed call stores nothing under its key: the same key then succeeds.
    await expect(fake.createAdverseAction({ ...base, adverseItemIds: [items[0]!.id], idempotencyKey: 'a' })).resolves.toMatchObject({ postNoticeScheduledAt: at(217) })
  })

  it('a post-notice date already past sends the final notice right after the pre notice', async () => {
    const { fake, reportId, items } = await considerReport()
    await fake.createAdverseAction({ reportId, adverseItemIds: [items[0]!.id], postNoticeScheduledAt: at(10), idempotencyKey: 'aa-1' })
    expect(fake.webhooksFor().slice(-2).map((w) => [w.type, w.createdAt])).toEqual([
      ['report.pre_adverse_action', at(49)],
      ['report.post_adverse_action', at(49)],
    ])
  })
})
