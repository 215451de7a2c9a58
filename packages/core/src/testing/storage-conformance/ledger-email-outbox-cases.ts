import assert from 'node:assert/strict'
import type { WebhookListQuery, WebhookReceipt } from '../../ports/storage'
import { after, assertPartial, createSubject, insertCheck, siblings, T0 } from './fixtures'
import type { ConformanceContext } from './target'

/** An accepted delivery with an event id, or (with null) one refused before it could be read. */
const receipt = (eventId: string | null, overrides: Partial<WebhookReceipt> = {}): WebhookReceipt => ({
  provider: 'checkr',
  eventId,
  eventType: eventId ? 'report.completed' : null,
  receivedAt: T0,
  httpStatus: eventId ? 200 : 401,
  authOutcome: eventId ? 'ok' : 'bad_signature',
  processingOutcome: eventId ? 'queued' : 'not_processed',
  ...overrides,
})

/** The webhook ledger (dedupe, refusal counters, record-and-enqueue), the email queue and the outbox. */
export function ledgerEmailOutboxCases({ it, target }: ConformanceContext): void {
  it('records each provider event once; deliveries without an event id (auth failures) always', async () => {
    const storage = await target.fresh()
    const first = await storage.webhooks.record(receipt('evt_a'))
    const again = await storage.webhooks.record(receipt('evt_a', { receivedAt: after(T0, 5000) }))
    assert.equal(first.inserted, true, 'the first delivery of an event is inserted')
    assert.deepEqual(again, { inserted: false, id: first.id }, 'a redelivery returns the existing row')
    // Same event id from another provider is another event.
    assert.equal((await storage.webhooks.record(receipt('evt_a', { provider: 'fake' }))).inserted, true, 'the same event id from another provider')
    const a = await storage.webhooks.record(receipt(null))
    const b = await storage.webhooks.record(receipt(null))
    assert.notEqual(a.id, b.id, 'deliveries without an event id get a row each')
    assertPartial(
      await storage.webhooks.get(a.id),
      { httpStatus: 401, authOutcome: 'bad_signature', eventId: null, processingOutcome: 'not_processed' },
      'a refused delivery',
    )
  })

  it('records and enqueues atomically: 20 concurrent deliveries of one event give one ledger row and one job', async () => {
    const storage = await target.fresh()
    const pools = await siblings(target, storage, 4)
    const event = { eventId: 'evt_race', reportId: 'report_in_clear_nowhere', note: 'quote " and \\ kept' }
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (pools[i % pools.length] ?? storage).webhooks.recordAndEnqueue({ ...receipt('evt_race'), eventId: 'evt_race' }, event, {
          type: 'webhook.process',
          payload: {},
          runAt: T0,
          maxAttempts: 8,
          now: T0,
        }),
      ),
    )
    assert.equal(results.filter((r) => r.inserted).length, 1, 'exactly one of the concurrent deliveries is inserted')
    const log = await storage.webhooks.list({ limit: 50 })
    assert.equal(log.items.length, 1, 'one ledger row')
    const ledgerId = log.items[0]?.id ?? ''
    const [job] = await storage.jobs.claim({ workerId: 'w', limit: 5, leaseMs: 1000, now: T0 })
    assert.ok(job, 'the delivery enqueued a job')
    assertPartial(job, { type: 'webhook.process', status: 'running', maxAttempts: 8 }, 'the claimed job')
    // The job holds a reference (a column, not spliced into its payload); the event is on the
    // ledger row, sealed, and reads back whole.
    assert.equal(job.ref, ledgerId, "the job's ref is the ledger row")
    assert.deepEqual(job.payload, {}, 'the job payload holds no provider data')
    assert.deepEqual(await storage.webhooks.readEvent(ledgerId), event, 'the event reads back whole')
    assert.equal((await storage.jobs.countByStatus()).running, 1, 'one job, and only one')
  })

  it('counts refused deliveries on one row per source, reason and window', async () => {
    const storage = await target.fresh()
    const refusal = { provider: 'fake', httpStatus: 401, authOutcome: 'bad_signature' as const, source: 'v4:203.0.113.9', windowMs: 3_600_000 }
    const counts = await Promise.all(Array.from({ length: 25 }, (_, i) => storage.webhooks.recordRefusal({ ...refusal, receivedAt: after(T0, i * 1000) })))
    assert.equal(counts.map((c) => c.count).sort((a, b) => a - b).at(-1), 25, 'the last of 25 concurrent refusals counts 25')
    await storage.webhooks.recordRefusal({ ...refusal, source: 'v4:198.51.100.1', receivedAt: T0 })
    await storage.webhooks.recordRefusal({ ...refusal, httpStatus: 400, authOutcome: 'malformed', receivedAt: T0 })
    await storage.webhooks.recordRefusal({ ...refusal, receivedAt: after(T0, 3_600_000) })
    const log = (await storage.webhooks.list({ limit: 50 })).items
    assert.equal(log.length, 4, 'one row per source, reason and window')
    const first = log.find((r) => r.source === 'v4:203.0.113.9' && r.httpStatus === 401 && r.receivedAt.getTime() === T0.getTime())
    assertPartial(
      first,
      { attempts: 25, authOutcome: 'bad_signature', processingOutcome: 'not_processed', lastReceivedAt: after(T0, 24_000) },
      'the row that counted the 25 refusals',
    )
  })

  it('sets the real processing outcome and filters the log by it', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const check = await insertCheck(storage, subjectId)
    const { id } = await storage.webhooks.record(receipt('evt_p'))
    await storage.webhooks.record(receipt(null))
    await storage.webhooks.setProcessingOutcome(id, { outcome: 'applied', processedAt: after(T0, 100), checkId: check.id, errorCode: null })
    assertPartial(
      await storage.webhooks.get(id),
      { processingOutcome: 'applied', checkId: check.id, attempts: 1, processedAt: after(T0, 100) },
      'the processed row',
    )
    const ids = async (query: WebhookListQuery) => (await storage.webhooks.list(query)).items.map((r) => r.id)
    assert.deepEqual(await ids({ processingOutcome: 'applied' }), [id], 'filter by processing outcome')
    assert.equal((await ids({ httpStatus: 401 })).length, 1, 'filter by HTTP status')
    assert.deepEqual(await ids({ authOutcome: 'ok', eventType: 'report.completed' }), [id], 'filter by auth outcome and event type')
  })

  it('queues an email once per dedupe key, even under 20 concurrent attempts, and tracks its delivery', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const pools = await siblings(target, storage, 4)
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (pools[i % pools.length] ?? storage).emails.insertIfAbsent({
          id: `0190a0a0-0000-7000-8000-${String(i).padStart(12, '0')}`,
          dedupeKey: `check:x:expiry_reminder_30d`,
          subjectId,
          checkId: null,
          template: 'expiry_reminder',
          data: { validUntil: T0.toISOString() },
          createdAt: T0,
        }),
      ),
    )
    assert.equal(results.filter(Boolean).length, 1, 'exactly one concurrent insert wins the dedupe key')
    const email = await storage.emails.getByDedupeKey('check:x:expiry_reminder_30d')
    assert.ok(email, 'the email is found by its dedupe key')
    assertPartial(email, { status: 'queued', template: 'expiry_reminder', data: { validUntil: T0.toISOString() } }, 'the queued email')
    // A transient failure stays queued for the retry; the error is kept.
    await storage.emails.markFailed(email.id, { error: 'mail_failed', final: false })
    assertPartial(await storage.emails.get(email.id), { status: 'queued', attempts: 1, lastError: 'mail_failed' }, 'after a transient failure')
    await storage.emails.markSent(email.id, { sentAt: after(T0, 60_000), providerMessageId: '<m1@x>' })
    assertPartial(await storage.emails.get(email.id), { status: 'sent', sentAt: after(T0, 60_000), providerMessageId: '<m1@x>' }, 'after sending')
    const rejected = '0190a0a0-0000-7000-8000-999999999999'
    await storage.emails.insertIfAbsent({ id: rejected, dedupeKey: 'k2', subjectId, checkId: null, template: 't', data: {}, createdAt: T0 })
    await storage.emails.markFailed(rejected, { error: 'mail_rejected', final: true })
    assertPartial(await storage.emails.get(rejected), { status: 'failed', attempts: 1 }, 'after a final failure')
  })

  it('lists outbox events in order after a given id', async () => {
    const storage = await target.fresh()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const { id } = await storage.outbox.append({ type: 'check.status_changed', subjectId: 's', checkId: null, payload: { i }, createdAt: after(T0, i) })
      ids.push(id)
    }
    assert.deepEqual(
      (await storage.outbox.listAfter(null, 3)).map((e) => e.payload),
      [{ i: 0 }, { i: 1 }, { i: 2 }],
      'from the start, limited',
    )
    assert.deepEqual(
      (await storage.outbox.listAfter(ids[2] ?? null, 10)).map((e) => e.id),
      ids.slice(3),
      'after the third event',
    )
  })
}
