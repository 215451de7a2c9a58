import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../../src/errors'
import { createFakeProvider, httpDeliverer, type FakeWebhookRequest } from '../../../src/providers/fake'
import { manualClock } from '../../../src/domain/clock'
import { at, invite, setup, SIGNING_KEY } from './fake-support'

const eventIdOf = (w: FakeWebhookRequest) => (JSON.parse(Buffer.from(w.rawBody).toString('utf8')) as { id: string }).id
const typeOf = (w: FakeWebhookRequest) => (JSON.parse(Buffer.from(w.rawBody).toString('utf8')) as { type: string }).type

describe('fake provider delivery', () => {
  it('delivers what is due, in time order, once acknowledged', async () => {
    const { clock, fake, received } = setup()
    await invite(fake)
    const first = await fake.deliverDue()
    expect(first.map((r) => [r.type, r.status, r.ok])).toEqual([
      ['candidate.created', 200, true],
      ['invitation.created', 200, true],
    ])
    expect(await fake.deliverDue()).toEqual([])
    clock.advance({ days: 3 })
    const later = await fake.deliverDue()
    expect(later.map((r) => r.type)).toEqual(['invitation.completed', 'report.created', 'report.completed'])
    expect(later.map((r) => r.createdAt)).toEqual([at(1), at(1), at(49)])
    expect(received.map(typeOf)).toEqual(['candidate.created', 'invitation.created', 'invitation.completed', 'report.created', 'report.completed'])
    expect(fake.pendingWebhooks()).toEqual([])
    expect(fake.webhooksFor().every((w) => w.delivered && w.attempts === 1)).toBe(true)
  })

  it('keeps a refused or failed delivery pending and retries it on the next call', async () => {
    const answers: (number | Error)[] = [500, new Error('connection refused'), 200, 200, 200]
    const calls: string[] = []
    const fake = createFakeProvider({
      clock: manualClock(),
      signingKey: SIGNING_KEY,
      deliver: async (w) => {
        calls.push(eventIdOf(w))
        const answer = answers.shift()
        if (answer instanceof Error) throw answer
        return { status: answer ?? 200 }
      },
    })
    await invite(fake)
    const [candidateEvent, invitationEvent] = fake.webhooksFor()
    const firstRound = await fake.deliverDue()
    expect(firstRound.map((r) => [r.eventId, r.status, r.ok, r.error?.message ?? null])).toEqual([
      [candidateEvent!.eventId, 500, false, null],
      [invitationEvent!.eventId, null, false, 'connection refused'],
    ])
    expect(fake.pendingWebhooks().map((w) => w.eventId)).toEqual([candidateEvent!.eventId, invitationEvent!.eventId])
    const secondRound = await fake.deliverDue()
    expect(secondRound.map((r) => [r.eventId, r.ok])).toEqual([
      [candidateEvent!.eventId, true],
      [invitationEvent!.eventId, true],
    ])
    expect(calls).toEqual([candidateEvent!.eventId, invitationEvent!.eventId, candidateEvent!.eventId, invitationEvent!.eventId])
    expect(fake.webhooksFor().map((w) => w.attempts)).toEqual([2, 2])
    expect(fake.pendingWebhooks()).toEqual([])
  })

  it('treats a redirect as not acknowledged', async () => {
    const fake = createFakeProvider({ clock: manualClock(), signingKey: SIGNING_KEY, deliver: async () => ({ status: 302 }) })
    await invite(fake)
    expect((await fake.deliverDue()).map((r) => r.ok)).toEqual([false, false])
    expect(fake.pendingWebhooks()).toHaveLength(2)
  })

  it('sends the same bytes again on a retry, with fresh headers and buffers', async () => {
    const seen: FakeWebhookRequest[] = []
    let status = 503
    const fake = createFakeProvider({
      clock: manualClock(),
      signingKey: SIGNING_KEY,
      deliver: async (w) => {
        seen.push(w)
        w.rawBody.fill(0)
        w.headers.delete('x-checkr-signature')
        return { status }
      },
    })
    const { candidateId } = await fake.createCandidate({ subjectId: 's', email: 'a@example.com', idempotencyKey: 'k' })
    const body = fake.webhooksFor()[0]!.body
    await fake.deliverDue()
    status = 200
    await fake.deliverDue()
    expect(seen).toHaveLength(2)
    const retry = fake.buildWebhook(fake.webhooksFor()[0]!.eventId)
    expect(Buffer.from(retry.rawBody).toString('utf8')).toBe(body)
    expect(retry.headers.get('x-checkr-signature')).toMatch(/^[0-9a-f]{64}$/)
    expect(body).toContain(candidateId)
  })

  it('redelivers a delivered webhook as an exact duplicate', async () => {
    const { fake, received } = setup()
    await invite(fake)
    await fake.deliverDue()
    const target = fake.webhooksFor('invitation.created')[0]!
    const result = await fake.redeliver(target.eventId)
    expect(result).toMatchObject({ eventId: target.eventId, ok: true, status: 200 })
    expect(received).toHaveLength(3)
    expect(Buffer.from(received[2]!.rawBody).toString('utf8')).toBe(target.body)
    expect(fake.parseWebhook(received[2]!.rawBody).eventId).toBe(fake.parseWebhook(received[1]!.rawBody).eventId)
    expect(fake.webhooksFor('invitation.created')[0]!.attempts).toBe(2)
  })

  it('lets a test deliver out of order by hand', async () => {
    const { clock, fake } = setup()
    const { invitation } = await invite(fake, { scenario: 'dispute_then_clear' })
    clock.advance({ days: 11 })
    const completions = fake.webhooksFor('report.completed')
    const reversed = completions.reverse().map((w) => fake.parseWebhook(fake.buildWebhook(w.eventId).rawBody))
    expect(reversed.map((e) => e.trigger?.report?.result)).toEqual(['clear', 'consider'])
    expect((await fake.getInvitation(invitation.invitationId)).reportId).toBe(reversed[0]!.trigger?.refs.reportId)
  })

  it('delivers, in the same call, the webhooks the host causes while receiving', async () => {
    const { clock, fake, received } = setup({
      defaultScenario: 'consider',
      deliver: async (w) => {
        received.push(w)
        const event = fake.parseWebhook(w.rawBody)
        const reportId = event.trigger?.refs.reportId
        if (event.type === 'report.completed' && reportId) {
          const items = await fake.listAdverseItems(reportId)
          await fake.createAdverseAction({ reportId, adverseItemIds: items.map((i) => i.id), postNoticeScheduledAt: at(300), idempotencyKey: 'aa' })
        }
        return { status: 204 }
      },
    })
    await invite(fake)
    clock.set(at(49))
    const results = await fake.deliverDue()
    expect(results.map((r) => r.type)).toEqual([
      'candidate.created',
      'invitation.created',
      'invitation.completed',
      'report.created',
      'report.completed',
      'report.pre_adverse_action',
    ])
    expect(received).toHaveLength(6)
  })

  it('overlapping deliverDue calls send each webhook once', async () => {
    const sent: string[] = []
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const fake = createFakeProvider({
      clock: manualClock(),
      signingKey: SIGNING_KEY,
      deliver: async (w) => {
        sent.push(eventIdOf(w))
        await gate
        return { status: 200 }
      },
    })
    await invite(fake)
    const first = fake.deliverDue()
    const second = fake.deliverDue()
    release()
    const results = [...(await first), ...(await second)]
    expect(results).toHaveLength(2)
    expect(sent).toHaveLength(2)
    expect(new Set(sent).size).toBe(2)
  })

  it('nextEventAt: the oldest pending webhook, else the next scheduled step, else null', async () => {
    const { clock, fake } = setup()
    expect(fake.nextEventAt()).toBeNull()
    await invite(fake)
    expect(fake.nextEventAt()).toEqual(at(0))
    await fake.deliverDue()
    expect(fake.nextEventAt()).toEqual(at(1))
    clock.set(fake.nextEventAt()!)
    await fake.deliverDue()
    expect(fake.nextEventAt()).toEqual(at(49))
    clock.set(fake.nextEventAt()!)
    expect((await fake.deliverDue()).map((r) => r.type)).toEqual(['report.completed'])
    expect(fake.nextEventAt()).toBeNull()
  })

  it('drives a whole demo by following nextEventAt', async () => {
    const { clock, fake, received } = setup()
    await invite(fake, { scenario: 'suspended_then_clear' })
    // Bounded, so a regression fails instead of hanging.
    for (let rounds = 0, next = fake.nextEventAt(); next && rounds < 20; rounds++, next = fake.nextEventAt()) {
      if (next > clock.now()) clock.set(next)
      await fake.deliverDue()
    }
    expect(fake.nextEventAt()).toBeNull()
    expect(received.map(typeOf).slice(-4)).toEqual(['report.created', 'report.suspended', 'report.resumed', 'report.completed'])
    expect(clock.now()).toEqual(at(121))
  })

  it('refuses to deliver without a deliver function, but still logs', async () => {
    const fake = createFakeProvider({ clock: manualClock(), signingKey: SIGNING_KEY })
    await invite(fake)
    expect(fake.pendingWebhooks()).toHaveLength(2)
    await expect(fake.deliverDue()).rejects.toBeInstanceOf(ConfigurationError)
    await expect(fake.redeliver(fake.pendingWebhooks()[0]!.eventId)).rejects.toMatchObject({ code: 'configuration_error', field: 'deliver' })
  })

  it('refuses unknown event ids', async () => {
    const { fake } = setup()
    expect(() => fake.buildWebhook('nope')).toThrow(/unknown event/)
    await expect(fake.redeliver('nope')).rejects.toMatchObject({ code: 'invalid_argument' })
  })
})

describe('httpDeliverer', () => {
  async function withServer(status: number, run: (url: string, requests: { req: IncomingMessage; body: string }[]) => Promise<void>) {
    const requests: { req: IncomingMessage; body: string }[] = []
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        requests.push({ req, body: Buffer.concat(chunks).toString('utf8') })
        res.statusCode = status
        res.end('ignored')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/checkr`, requests)
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }

  it('POSTs the signed body with Checkr headers and Basic auth taken from the URL', async () => {
    await withServer(200, async (url, requests) => {
      const withCredentials = url.replace('http://', 'http://hook%20user:p%40ss@')
      const fake = createFakeProvider({ clock: manualClock(), signingKey: SIGNING_KEY, deliver: httpDeliverer(withCredentials) })
      await invite(fake)
      const results = await fake.deliverDue()
      expect(results.map((r) => r.status)).toEqual([200, 200])
      expect(requests).toHaveLength(2)
      const { req, body } = requests[1]!
      expect(req.method).toBe('POST')
      expect(req.url).toBe('/webhooks/checkr')
      expect(body).toBe(fake.webhooksFor()[1]!.body)
      expect(req.headers['content-type']).toBe('application/json')
      expect(req.headers['user-agent']).toBe('Checkr-Webhook/1.0 (vetkit-fake)')
      expect(req.headers['x-checkr-signature']).toBe(fake.buildWebhook(fake.webhooksFor()[1]!.eventId).headers.get('x-checkr-signature'))
      expect(req.headers.authorization).toBe(`Basic ${Buffer.from('hook user:p@ss').toString('base64')}`)
    })
  })

  it('returns the receiver status, so a 500 stays pending', async () => {
    await withServer(500, async (url) => {
      const fake = createFakeProvider({ clock: manualClock(), signingKey: SIGNING_KEY, deliver: httpDeliverer(url, { basicAuth: { username: 'u', password: 'p' } }) })
      await fake.createCandidate({ subjectId: 's', email: 'a@example.com', idempotencyKey: 'k' })
      expect((await fake.deliverDue()).map((r) => [r.status, r.ok])).toEqual([[500, false]])
      expect(fake.pendingWebhooks()).toHaveLength(1)
    })
  })

  it('rejects a URL it cannot POST to', () => {
    expect(() => httpDeliverer('not a url')).toThrow(ConfigurationError)
    expect(() => httpDeliverer('ftp://example.com/hook')).toThrow(/http or https/)
  })
})
