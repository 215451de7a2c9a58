import { expect, it } from 'vitest'
import type { WebhookReceipt } from '../../src/ports/storage'
import { describeEachBackend } from './support/backends'
import { createSubject, insertCheck, rejectionMessage, storagesOnSeparatePools, T0, after } from './support/fixtures-a'

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

describeEachBackend('webhook ledger, emails and outbox', (db) => {
  it('records each provider event once; deliveries without an event id (auth failures) always', async () => {
    const storage = await db().freshStorage()
    const first = await storage.webhooks.record(receipt('evt_a'))
    const again = await storage.webhooks.record(receipt('evt_a', { receivedAt: after(T0, 5000) }))
    expect(first.inserted).toBe(true)
    expect(again).toEqual({ inserted: false, id: first.id })
    // Same event id from another provider is another event.
    expect((await storage.webhooks.record(receipt('evt_a', { provider: 'fake' }))).inserted).toBe(true)
    const a = await storage.webhooks.record(receipt(null))
    const b = await storage.webhooks.record(receipt(null))
    expect(a.id).not.toBe(b.id)
    expect(await storage.webhooks.get(a.id)).toMatchObject({ httpStatus: 401, authOutcome: 'bad_signature', eventId: null, processingOutcome: 'not_processed' })
  })

  it('records and enqueues atomically: 20 concurrent deliveries of one event give one ledger row and one job', async () => {
    const storage = await db().freshStorage()
    const pools = await storagesOnSeparatePools(db(), storage, 4)
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pools[i % pools.length]!.webhooks.recordAndEnqueue(
          { ...receipt('evt_race'), eventId: 'evt_race' },
          { eventId: 'evt_race', reportId: 'report_in_clear_nowhere', note: 'quote " and \\ kept' },
          { type: 'webhook.process', payload: {}, runAt: T0, maxAttempts: 8, now: T0 },
        ),
      ),
    )
    expect(results.filter((r) => r.inserted)).toHaveLength(1)
    const log = await storage.webhooks.list({ limit: 50 })
    expect(log.items).toHaveLength(1)
    const ledgerId = log.items[0]!.id
    const [job] = await storage.jobs.claim({ workerId: 'w', limit: 5, leaseMs: 1000, now: T0 })
    expect(job).toMatchObject({ type: 'webhook.process', status: 'running', maxAttempts: 8 })
    // The job holds a reference (a column, not spliced into its payload); the event is on the
    // ledger row, sealed, and reads back whole.
    expect(job!.ref).toBe(ledgerId)
    expect(job!.payload).toEqual({})
    expect(await storage.webhooks.readEvent(ledgerId)).toEqual({ eventId: 'evt_race', reportId: 'report_in_clear_nowhere', note: 'quote " and \\ kept' })
    const raw = JSON.stringify(await db().knex(storage.tables.ref('webhook_events')).select())
    expect(raw).not.toContain('report_in_clear_nowhere')
    expect((await storage.jobs.countByStatus()).running).toBe(1)
  })

  it('counts refused deliveries on one row per source, reason and window', async () => {
    const storage = await db().freshStorage()
    const refusal = { provider: 'fake', httpStatus: 401, authOutcome: 'bad_signature' as const, source: 'v4:203.0.113.9', windowMs: 3_600_000 }
    const counts = await Promise.all(Array.from({ length: 25 }, (_, i) => storage.webhooks.recordRefusal({ ...refusal, receivedAt: new Date(T0.getTime() + i * 1000) })))
    expect(counts.map((c) => c.count).sort((a, b) => a - b).at(-1)).toBe(25)
    await storage.webhooks.recordRefusal({ ...refusal, source: 'v4:198.51.100.1', receivedAt: T0 })
    await storage.webhooks.recordRefusal({ ...refusal, httpStatus: 400, authOutcome: 'malformed', receivedAt: T0 })
    await storage.webhooks.recordRefusal({ ...refusal, receivedAt: new Date(T0.getTime() + 3_600_000) })
    const log = (await storage.webhooks.list({ limit: 50 })).items
    expect(log).toHaveLength(4)
    const first = log.find((r) => r.source === 'v4:203.0.113.9' && r.httpStatus === 401 && r.receivedAt.getTime() === T0.getTime())
    expect(first).toMatchObject({ attempts: 25, authOutcome: 'bad_signature', processingOutcome: 'not_processed', lastReceivedAt: new Date(T0.getTime() + 24_000) })
  })

  it('sets the real processing outcome and filters the log by it', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const check = await insertCheck(storage, subjectId)
    const { id } = await storage.webhooks.record(receipt('evt_p'))
    await storage.webhooks.record(receipt(null))
    await storage.webhooks.setProcessingOutcome(id, { outcome: 'applied', processedAt: after(T0, 100), checkId: check.id, errorCode: null })
    expect(await storage.webhooks.get(id)).toMatchObject({ processingOutcome: 'applied', checkId: check.id, attempts: 1, processedAt: after(T0, 100) })
    expect((await storage.webhooks.list({ processingOutcome: 'applied' })).items.map((r) => r.id)).toEqual([id])
    expect((await storage.webhooks.list({ httpStatus: 401 })).items).toHaveLength(1)
    expect((await storage.webhooks.list({ authOutcome: 'ok', eventType: 'report.completed' })).items.map((r) => r.id)).toEqual([id])
  })

  it('queues an email once per dedupe key, even under 20 concurrent attempts, and tracks its delivery', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const pools = await storagesOnSeparatePools(db(), storage, 4)
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pools[i % pools.length]!.emails.insertIfAbsent({
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
    expect(results.filter(Boolean)).toHaveLength(1)
    const email = (await storage.emails.getByDedupeKey('check:x:expiry_reminder_30d'))!
    expect(email).toMatchObject({ status: 'queued', template: 'expiry_reminder', data: { validUntil: T0.toISOString() } })
    // A transient failure stays queued for the retry; the error is kept.
    await storage.emails.markFailed(email.id, { error: 'mail_failed', final: false })
    expect(await storage.emails.get(email.id)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'mail_failed' })
    await storage.emails.markSent(email.id, { sentAt: after(T0, 60_000), providerMessageId: '<m1@x>' })
    expect(await storage.emails.get(email.id)).toMatchObject({ status: 'sent', sentAt: after(T0, 60_000), providerMessageId: '<m1@x>' })
    await storage.emails.insertIfAbsent({ id: '0190a0a0-0000-7000-8000-999999999999', dedupeKey: 'k2', subjectId, checkId: null, template: 't', data: {}, createdAt: T0 })
    await storage.emails.markFailed('0190a0a0-0000-7000-8000-999999999999', { error: 'mail_rejected', final: true })
    expect(await storage.emails.get('0190a0a0-0000-7000-8000-999999999999')).toMatchObject({ status: 'failed', attempts: 1 })
  })

  it('lists outbox events in order after a given id, and refuses raw edits', async () => {
    const storage = await db().freshStorage()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await storage.outbox.append({ type: 'check.status_changed', subjectId: 's', checkId: null, payload: { i }, createdAt: after(T0, i) })).id)
    expect((await storage.outbox.listAfter(null, 3)).map((e) => e.payload)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }])
    expect((await storage.outbox.listAfter(ids[2]!, 10)).map((e) => e.id)).toEqual(ids.slice(3))
    const table = storage.tables.schema ? `${storage.tables.schema}.${storage.tables.bare('outbox')}` : storage.tables.bare('outbox')
    expect(await rejectionMessage(db().knex(table).where({ id: ids[0] }).update({ type: 'forged' }))).toMatch(/vetkit_append_only/)
    expect(await rejectionMessage(db().knex(table).where({ id: ids[0] }).delete())).toMatch(/vetkit_append_only/)
  })
})
