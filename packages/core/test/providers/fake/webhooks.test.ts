import { describe, expect, it } from 'vitest'
import { manualClock } from '../../../src/domain/clock'
import { parseCheckrWebhook } from '../../../src/providers/checkr/webhook-event'
import { signCheckrPayload, verifyCheckrWebhook } from '../../../src/providers/checkr/webhook-signature'
import { createFakeProvider, FAKE_SCENARIOS, FAKE_WEBHOOK_USER_AGENT, type FakeProvider } from '../../../src/providers/fake'
import { at, invite, objectOf, setup, SIGNING_KEY } from './fake-support'

async function everyScenario(fake: FakeProvider) {
  for (const [i, scenario] of FAKE_SCENARIOS.entries()) await invite(fake, { subjectId: `subject-${i}`, email: `s${i}@example.com`, scenario })
}

describe('fake provider webhooks', () => {
  it('signs every body with the signing key, Checkr-style, and only that key verifies', async () => {
    const { clock, fake } = setup()
    await everyScenario(fake)
    clock.advance({ days: 30 })
    const all = fake.webhooksFor()
    expect(all.length).toBeGreaterThan(30)
    for (const w of all) {
      const request = fake.buildWebhook(w.eventId)
      expect(request.headers.get('x-checkr-signature')).toBe(signCheckrPayload(w.body, SIGNING_KEY))
      expect(verifyCheckrWebhook(request, { signingKeys: [SIGNING_KEY] })).toEqual({ ok: true })
      expect(fake.verifyWebhook(request)).toEqual({ ok: true })
      expect(verifyCheckrWebhook(request, { signingKeys: ['another-key'] })).toMatchObject({ ok: false, outcome: 'bad_signature' })
    }
  })

  it('a tampered body or a fake signed with another key fails verification', async () => {
    const { fake } = setup()
    await invite(fake)
    const [first] = fake.webhooksFor()
    const request = fake.buildWebhook(first!.eventId)
    const tampered = { headers: request.headers, rawBody: Buffer.from(first!.body.replace('ana@example.com', 'eve@example.com')) }
    expect(fake.verifyWebhook(tampered)).toMatchObject({ ok: false, outcome: 'bad_signature' })
    const other = createFakeProvider({ clock: manualClock(), signingKey: 'other-key' })
    expect(other.verifyWebhook(request)).toMatchObject({ ok: false, outcome: 'bad_signature' })
  })

  it('sends Checkr headers and a compact Checkr envelope', async () => {
    const { fake } = setup({ accountId: 'acct_123', webhookUrl: 'https://host.example/hooks' })
    await invite(fake)
    const w = fake.webhooksFor('invitation.created')[0]!
    const { headers, rawBody } = fake.buildWebhook(w.eventId)
    expect(headers.get('content-type')).toBe('application/json')
    expect(headers.get('user-agent')).toBe(FAKE_WEBHOOK_USER_AGENT)
    expect(headers.get('user-agent')!.startsWith('Checkr-Webhook/')).toBe(true)
    expect(Buffer.from(rawBody).toString('utf8')).toBe(w.body)
    const json = JSON.parse(w.body) as Record<string, unknown>
    expect(JSON.stringify(json)).toBe(w.body)
    expect(Object.keys(json)).toEqual(['id', 'object', 'type', 'created_at', 'webhook_url', 'data', 'account_id'])
    expect(json).toMatchObject({ id: w.eventId, object: 'event', type: 'invitation.created', created_at: '2026-01-05T15:00:00Z', webhook_url: 'https://host.example/hooks', account_id: 'acct_123' })
    expect(objectOf(w.body)).toMatchObject({ object: 'invitation', status: 'pending', report_id: null, package: 'tasker_standard', expires_at: '2026-01-12T15:00:00Z' })
  })

  it('every body parses with the Checkr parser to the ids of the objects', async () => {
    const { clock, fake } = setup()
    const { candidateId, invitation } = await invite(fake, { scenario: 'dispute_then_consider' })
    clock.advance({ days: 30 })
    const reportId = (await fake.getInvitation(invitation.invitationId)).reportId!
    const parsed = fake.webhooksFor().map((w) => ({ w, event: parseCheckrWebhook(Buffer.from(w.body)) }))
    for (const { w, event } of parsed) {
      expect(event.eventId).toBe(w.eventId)
      expect(event.type).toBe(w.type)
      expect(event.occurredAt).toEqual(w.createdAt)
      if (event.trigger) expect(event.trigger.refs.candidateId).toBe(candidateId)
    }
    const byType = (type: string) => parsed.filter(({ w }) => w.type === type).map(({ event }) => event)
    // Creation events change no check: they carry no trigger.
    expect(byType('candidate.created')[0]).toMatchObject({ type: 'candidate.created', trigger: null })
    expect(byType('invitation.created')[0]).toMatchObject({ type: 'invitation.created', trigger: null })
    expect(byType('invitation.completed')[0]?.trigger).toMatchObject({
      object: { kind: 'invitation', id: invitation.invitationId },
      refs: { invitationId: invitation.invitationId, reportId },
      thin: false,
    })
    for (const event of [...byType('report.created'), ...byType('report.completed'), ...byType('report.disputed')]) {
      expect(event.trigger).toMatchObject({ object: { kind: 'report', id: reportId }, refs: { reportId, invitationId: null }, thin: false })
    }
    expect(byType('report.completed').map((e) => e.trigger?.report?.completedAt)).toEqual([at(49), at(241)])
  })

  it('candidate webhooks carry the email, as Checkr does; the parsed event does not', async () => {
    const { fake } = setup()
    await invite(fake, { email: 'ana.silva@example.com' })
    const w = fake.webhooksFor('candidate.created')[0]!
    expect(objectOf(w.body)).toMatchObject({ object: 'candidate', email: 'ana.silva@example.com', first_name: 'Ana', custom_id: 'subject-1' })
    expect(JSON.stringify(fake.parseWebhook(Buffer.from(w.body)))).not.toContain('ana.silva')
  })

  it('timestamps have whole seconds even when the clock has milliseconds', async () => {
    const { clock, fake } = setup()
    clock.set('2026-01-05T15:00:00.750Z')
    await invite(fake)
    const w = fake.webhooksFor('invitation.created')[0]!
    expect(JSON.parse(w.body)).toMatchObject({ created_at: '2026-01-05T15:00:00Z' })
    expect(w.createdAt.toISOString()).toBe('2026-01-05T15:00:00.000Z')
  })

  it('sends Basic auth when configured, and then requires it', async () => {
    const basic = { username: 'checkr', password: 's3cret' }
    const { fake } = setup({ webhookBasicAuth: basic })
    await invite(fake)
    const request = fake.buildWebhook(fake.webhooksFor()[0]!.eventId)
    expect(request.headers.get('authorization')).toBe(`Basic ${Buffer.from('checkr:s3cret').toString('base64')}`)
    expect(fake.verifyWebhook(request)).toEqual({ ok: true })
    request.headers.delete('authorization')
    expect(fake.verifyWebhook(request)).toMatchObject({ ok: false, outcome: 'bad_basic_auth' })
  })

  it('is deterministic: same seed, calls and clock give byte-identical webhooks', async () => {
    const run = async (seed?: string) => {
      const { clock, fake } = setup(seed === undefined ? {} : { seed })
      await everyScenario(fake)
      clock.advance({ days: 30 })
      return fake.webhooksFor().map((w) => {
        const { headers, rawBody } = fake.buildWebhook(w.eventId)
        return `${headers.get('x-checkr-signature')} ${Buffer.from(rawBody).toString('hex')}`
      })
    }
    const first = await run()
    expect(await run()).toEqual(first)
    expect(await run('seed-b')).toEqual(await run('seed-b'))
    const other = await run('seed-b')
    expect(other).toHaveLength(first.length)
    expect(other.filter((line, i) => line === first[i])).toEqual([])
  })

  it('mints Checkr-looking ids: 24 lowercase hex characters, all distinct', async () => {
    const { clock, fake } = setup()
    await everyScenario(fake)
    clock.advance({ days: 30 })
    const ids = fake.webhooksFor().flatMap((w) => [w.eventId, w.objectId])
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/)
    // Ids never repeat, within a kind or across kinds.
    const eventIds = fake.webhooksFor().map((w) => w.eventId)
    const objectIds = [...new Set(fake.webhooksFor().map((w) => w.objectId))]
    expect(objectIds.length).toBeGreaterThan(FAKE_SCENARIOS.length * 2)
    expect(new Set([...eventIds, ...objectIds]).size).toBe(eventIds.length + objectIds.length)
  })
})
