import { createVetkitClient, REVIEW_QUEUE_NAMES, VetkitClientError } from '@vetkit/core/client'
import { beforeEach, describe, expect, it } from 'vitest'
import { buildConsent, buildFixtureCheck, createAdminFixtureStore, SAMPLE_CHECK_IDS, vetkitAdminHandlers, type AdminFixtureStore } from '../../src/testing/index'
import { server } from '../support/server'

const BASE = 'https://host.test/vetkit/'
const client = createVetkitClient({ baseUrl: BASE })
const ids = SAMPLE_CHECK_IDS

let store: AdminFixtureStore
beforeEach(() => {
  store = createAdminFixtureStore()
  server.use(...vetkitAdminHandlers({ baseUrl: BASE, store }))
})

async function refusal(promise: Promise<unknown>): Promise<VetkitClientError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(VetkitClientError)
  return error as VetkitClientError
}

describe('vetkitAdminHandlers', () => {
  it('refuses a final notice before the wait with a 409 adverse_wait_not_elapsed problem+json', async () => {
    const response = await fetch(`${BASE}admin/checks/${ids.preAdverseWaiting}/adverse-action/finalize`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(response.status).toBe(409)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ type: 'https://vetkit.dev/problems/adverse_wait_not_elapsed', title: 'Conflict', status: 409, code: 'adverse_wait_not_elapsed' })
    expect(body.detail).toMatch(/^the final notice is not due until \d{4}-/)
    expect(store.snapshot().checks.find((c) => c.check.id === ids.preAdverseWaiting)!.check.status).toBe('pre_adverse')
  })

  it('counts every queue the way it lists it', async () => {
    const { counts } = await client.countChecks()
    expect(Object.keys(counts)).toEqual(REVIEW_QUEUE_NAMES)
    for (const queue of REVIEW_QUEUE_NAMES) {
      const page = await client.listChecks({ query: { queue, limit: 200 } })
      expect(page.items.length, queue).toBe(counts[queue])
    }
    expect(counts.all).toBe(11)
  })

  it('refuses a cursor read under another sort', async () => {
    const first = await client.listChecks({ query: { queue: 'all', limit: 2, sort: 'created_desc' } })
    expect(first.nextCursor).not.toBeNull()
    const error = await refusal(client.listChecks({ query: { queue: 'all', limit: 2, sort: 'updated_desc', cursor: first.nextCursor! } }))
    expect(error).toMatchObject({ status: 400, code: 'invalid_cursor', field: 'cursor' })
  })

  it('walks every page of a sort exactly once', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await client.listChecks({ query: { limit: 3, sort: 'updated_asc', ...(cursor ? { cursor } : {}) } })
      seen.push(...page.items.map((item) => item.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toHaveLength(11)
    expect(new Set(seen).size).toBe(11)
  })

  it('searches a name prefix, an email prefix, a subject id and a check id', async () => {
    const names = async (search: string) => (await client.listChecks({ query: { search } })).items.map((item) => item.subjectName)
    expect(await names('ma')).toEqual(expect.arrayContaining(['Mary Jackson', 'Margaret Hamilton']))
    expect(await names('hedy@ex')).toEqual(['Hedy Lamarr'])
    expect(await names('sub-joan')).toEqual(['Joan Clarke'])
    expect(await names(ids.pending)).toEqual(['Grace Hopper'])
    expect(await names('sub-jo')).toEqual([])
  })

  it('walks a check through pre-adverse, dispute and resolution, writing the history', async () => {
    const store = createAdminFixtureStore({ checks: [buildFixtureCheck({ check: { id: 'c1', subjectId: 's1', status: 'consider' }, adverseItems: [{ id: 'i1', text: 'x' }] })], consents: [buildConsent({ subjectId: 's1' })], webhooks: [] }, { adminId: 'rev-1', now: () => new Date('2026-03-05T15:00:00.000Z') })
    server.use(...vetkitAdminHandlers({ baseUrl: BASE, store }))
    const preview = await client.listAdverseItems({ params: { checkId: 'c1' } })
    expect(preview.waitBusinessDays).toBe(5)
    expect((await refusal(client.startAdverseAction({ params: { checkId: 'c1' }, body: { adverseItemIds: ['nope'] } })))).toMatchObject({ status: 422, code: 'unknown_adverse_item', field: 'adverseItemIds' })
    const started = await client.startAdverseAction({ params: { checkId: 'c1' }, body: { adverseItemIds: ['i1'] } })
    // Thursday plus five business days: the next Thursday.
    expect(preview.finalNoticeDueIfStartedNow).toBe('2026-03-12T15:00:00.000Z')
    expect(started.adverseAction?.finalNoticeDueAt).toBe('2026-03-12T15:00:00.000Z')
    expect(started.adverseAction?.businessDaysRemaining).toBe(5)
    const disputed = await client.openDispute({ params: { checkId: 'c1' }, body: { reason: 'not me' } })
    expect(disputed).toMatchObject({ status: 'disputed', inDispute: true, adverseAction: { paused: true, finalNoticeDueAt: null, businessDaysRemaining: null } })
    expect(await refusal(client.finalizeAdverseAction({ params: { checkId: 'c1' }, body: {} }))).toMatchObject({ status: 409, code: 'dispute_open' })
    const resumed = await client.resolveDispute({ params: { checkId: 'c1' }, body: { reason: 'verified' } })
    expect(resumed).toMatchObject({ status: 'pre_adverse', inDispute: false, adverseAction: { paused: false } })
    const { history } = await client.getCheck({ params: { checkId: 'c1' } })
    expect(history.map((h) => [h.eventType, h.actorId, h.reason])).toEqual([
      ['adverse.started', 'rev-1', null],
      ['dispute.opened', 'rev-1', 'not me'],
      ['dispute.resolved', 'rev-1', 'verified'],
    ])
  })

  it('answers 404 for an unknown check and an unknown delivery, naming the field', async () => {
    expect(await refusal(client.getCheck({ params: { checkId: 'nope' } }))).toMatchObject({ status: 404, code: 'not_found', field: 'checkId' })
    expect(await refusal(client.getWebhook({ params: { webhookId: '999' } }))).toMatchObject({ status: 404, code: 'not_found', field: 'webhookId' })
  })

  it('answers a re-check with 201 when it creates one, and the open check with 200 when one runs', async () => {
    const created = await fetch(`${BASE}admin/subjects/sub-margaret/recheck`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(created.status).toBe(201)
    const again = await fetch(`${BASE}admin/subjects/sub-margaret/recheck`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(again.status).toBe(200)
    expect(((await again.json()) as { created: boolean }).created).toBe(false)
  })

  it('copies its fixtures: one store\'s decisions do not reach another', async () => {
    await client.clear({ params: { checkId: ids.consider }, body: {} })
    expect(createAdminFixtureStore().snapshot().checks.find((c) => c.check.id === ids.consider)!.check.status).toBe('consider')
  })
})
