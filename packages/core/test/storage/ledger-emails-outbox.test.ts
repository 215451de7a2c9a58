import { expect, it } from 'vitest'
import { describeEachBackend } from './support/backends'
import { after, rejectionMessage, T0 } from './support/fixtures-a'

/**
 * What only the tables show: the webhook event sealed at rest, and the outbox's append-only
 * trigger. The ledger, email and outbox behaviour through the port is in the conformance kit
 * (`src/testing/storage-conformance/ledger-email-outbox-cases.ts`).
 */
describeEachBackend('webhook ledger, emails and outbox', (db) => {
  it('keeps the event of a recorded delivery sealed: no provider id in clear in webhook_events', async () => {
    const storage = await db().freshStorage()
    const event = { eventId: 'evt_sealed', reportId: 'report_in_clear_nowhere', note: 'quote " and \\ kept' }
    const receipt = {
      provider: 'checkr',
      eventId: 'evt_sealed',
      eventType: 'report.completed',
      receivedAt: T0,
      httpStatus: 200,
      authOutcome: 'ok' as const,
      processingOutcome: 'queued' as const,
    }
    await storage.webhooks.recordAndEnqueue(receipt, event, { type: 'webhook.process', payload: {}, runAt: T0, now: T0 })
    const rows = await db().knex(storage.tables.ref('webhook_events')).select()
    // The row is there (so the check below is not vacuous) and reads back whole through the port.
    expect(rows).toHaveLength(1)
    expect(await storage.webhooks.readEvent(String(rows[0].id))).toEqual(event)
    expect(JSON.stringify(rows)).not.toContain('report_in_clear_nowhere')
  })

  it('outbox is append-only in the database: raw UPDATE and DELETE are refused', async () => {
    const storage = await db().freshStorage()
    const { id } = await storage.outbox.append({ type: 'check.status_changed', subjectId: 's', checkId: null, payload: { i: 0 }, createdAt: after(T0, 0) })
    const table = storage.tables.schema ? `${storage.tables.schema}.${storage.tables.bare('outbox')}` : storage.tables.bare('outbox')
    expect(await rejectionMessage(db().knex(table).where({ id }).update({ type: 'forged' }))).toMatch(/vetkit_append_only/)
    expect(await rejectionMessage(db().knex(table).where({ id }).delete())).toMatch(/vetkit_append_only/)
    expect((await storage.outbox.get(id))?.type).toBe('check.status_changed')
  })
})
