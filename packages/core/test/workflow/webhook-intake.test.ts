import { beforeAll, expect, it } from 'vitest'
import { signCheckrPayload } from '../../src/providers/checkr/webhook-signature'
import { describeEachBackend } from '../storage/support/backends'
import { createHarness, SIGNING_KEY, streamOf, type Harness } from './support/harness'

const body = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
const signed = (raw: Uint8Array, key = SIGNING_KEY) => new Headers({ 'content-type': 'application/json', 'x-checkr-signature': signCheckrPayload(raw, key) })

describeEachBackend('webhook intake and processing', (db) => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness(db())
  }, 60_000)

  it('records authentication failures with the status actually answered, and processes nothing', async () => {
    const raw = body({ id: 'evt_forged', object: 'event', type: 'report.completed', created_at: '2026-01-01T00:00:00Z', data: { object: { id: 'r1', object: 'report' } } })
    const wrongKey = await h.vetkit.webhooks.receive({ headers: signed(raw, 'not-the-key'), rawBody: raw })
    const placeholder = await h.vetkit.webhooks.receive({
      headers: new Headers({ 'x-checkr-signature': 'Please create an API key to check the authenticity of our webhooks.' }),
      rawBody: raw,
    })
    const missing = await h.vetkit.webhooks.receive({ headers: new Headers(), rawBody: raw })
    expect([wrongKey.status, placeholder.status, missing.status]).toEqual([401, 401, 401])
    const garbage = new TextEncoder().encode('{"not":"an event"}')
    const malformed = await h.vetkit.webhooks.receive({ headers: signed(garbage), rawBody: garbage })
    expect(malformed.status).toBe(400)

    // Refusals of one reason and source within the hour share a row that counts them.
    const log = await h.vetkit.webhooks.list({ limit: 10 })
    expect(log.items.slice(0, 3).map((r) => [r.httpStatus, r.authOutcome, r.processingOutcome, r.attempts])).toEqual([
      [400, 'malformed', 'not_processed', 1],
      [401, 'placeholder_signature', 'not_processed', 1],
      [401, 'bad_signature', 'not_processed', 2],
    ])
    expect((await h.storage.jobs.countByStatus()).queued).toBe(0)
  })

  it('the same event delivered 20 times at once makes one transition and one history row', async () => {
    await h.enrol('w-dup', 'clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'w-dup', ip: null })
    // Let the simulator produce the whole stream without delivering it.
    h.clock.advance({ days: 3 })
    const completed = h.fake.buildWebhook(streamOf(h, check.candidateId).find((w) => w.type === 'report.completed')!.eventId)
    // Deliver what came before it first, so the completion is the event under test.
    for (const w of streamOf(h, check.candidateId).filter((x) => x.type !== 'report.completed')) {
      await h.vetkit.webhooks.receive(h.fake.buildWebhook(w.eventId))
    }
    await h.worker.drain()
    const responses = await Promise.all(Array.from({ length: 20 }, () => h.vetkit.webhooks.receive(completed)))
    expect(responses.every((r) => r.status === 200)).toBe(true)
    expect(responses.filter((r) => r.body.duplicate !== true)).toHaveLength(1)
    await h.worker.drain()
    const after = (await h.storage.checks.get(check.id))!
    expect(after.state.status).toBe('passed')
    const history = await h.storage.history.listForCheck(check.id)
    expect(history.filter((e) => e.eventType === 'report.completed:clear')).toHaveLength(1)
    const ledger = await h.vetkit.webhooks.list({ eventType: 'report.completed', limit: 50 })
    expect(ledger.items.filter((r) => r.checkId === check.id)).toHaveLength(1)
    expect(ledger.items.find((r) => r.checkId === check.id)).toMatchObject({ processingOutcome: 'applied', httpStatus: 200 })
  })

  it('late invitation and report.created events after completion never move the check back', async () => {
    await h.enrol('w-late', 'clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'w-late', ip: null })
    await h.advance({ days: 3 })
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('passed')
    const stream = streamOf(h, check.candidateId)
    for (const type of ['invitation.completed', 'report.created']) {
      const original = stream.find((w) => w.type === type)!
      // A redelivery under a new event id (Checkr retries keep the id; a re-send may not).
      const copy = JSON.parse(original.body) as { id: string }
      copy.id = `${copy.id}-late`
      const raw = body(copy)
      expect((await h.vetkit.webhooks.receive({ headers: signed(raw), rawBody: raw })).status).toBe(200)
    }
    await h.worker.drain()
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('passed')
    const late = (await h.vetkit.webhooks.list({ limit: 5 })).items.filter((r) => r.checkId === check.id).slice(0, 2)
    expect(late.map((r) => r.processingOutcome)).toEqual(['ignored', 'ignored'])
  })

  it('parks an event about a report the provider does not know, retries it, and records it dead after the attempts', async () => {
    const raw = body({
      id: 'evt_orphan',
      object: 'event',
      type: 'report.completed',
      created_at: new Date().toISOString(),
      data: { object: { id: 'report_that_does_not_exist', object: 'report', status: 'complete', result: 'clear', candidate_id: 'cand_nobody' } },
    })
    expect((await h.vetkit.webhooks.receive({ headers: signed(raw), rawBody: raw })).status).toBe(200)
    await h.worker.drain()
    const parked = (await h.vetkit.webhooks.list({ eventType: 'report.completed', limit: 50 })).items.find((r) => r.eventId === 'evt_orphan')!
    // The completion is re-read before matching: the provider has no such report.
    expect(parked).toMatchObject({ processingOutcome: 'parked', errorCode: 'provider_not_found' })
    for (let i = 0; i < 10; i++) {
      h.clock.advance({ hours: 2 })
      await h.worker.drain()
    }
    const dead = await h.storage.webhooks.get(parked.id)
    expect(dead).toMatchObject({ processingOutcome: 'dead', errorCode: 'provider_not_found' })
    const deadJobs = await h.storage.jobs.listDead({ limit: 10 })
    expect(deadJobs.items.some((j) => j.type === 'webhook.process' && j.lastError === 'provider_not_found')).toBe(true)
  })

  it('parks events of a real report that match no check (unknown_check); events that concern no check are ignored at once', async () => {
    // A candidate and invitation made at the provider behind vetkit's back: their events match nothing.
    const { candidateId } = await h.fake.createCandidate({ subjectId: 'w-orphan', email: 'w-orphan@example.test', idempotencyKey: 'orphan-cand' })
    await h.fake.createInvitation({ candidateId, idempotencyKey: 'orphan-inv' })
    h.clock.advance({ days: 3 })
    await h.fake.deliverDue()
    await h.worker.drain()
    const log = (await h.vetkit.webhooks.list({ limit: 5 })).items
    const parked = log.filter((r) => ['invitation.completed', 'report.created', 'report.completed'].includes(r.eventType ?? ''))
    expect(parked).toHaveLength(3)
    expect(parked.every((r) => r.processingOutcome === 'parked' && r.errorCode === 'unknown_check' && r.checkId === null)).toBe(true)
    // invitation.created and candidate.created concern no check: ignored at once, not parked.
    const created = log.filter((r) => r.eventType === 'candidate.created' || r.eventType === 'invitation.created')
    expect(created.length).toBeGreaterThan(0)
    expect(created.every((r) => r.processingOutcome === 'ignored' && r.errorCode === 'unhandled_event_type')).toBe(true)
  })
})
