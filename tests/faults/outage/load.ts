import type { FakeScenario } from '@vetkit/core/fake'
import { ADMIN_TOKEN, AUTHORIZATION_TEXT, MOUNT, type OutageEngine } from './engine'

/** One request and its answer, as the client saw it. Times are performance.now() milliseconds. */
export interface Exchange {
  kind: 'webhook' | 'api'
  /** `POST /webhooks/fake`, `GET /subjects/:id/status`... */
  route: string
  startedAt: number
  endedAt: number
  /** Null when the request failed at the socket level (no HTTP answer at all). */
  status: number | null
  retryAfter: string | null
  /** The problem code of an error answer. */
  code: string | null
  /** Webhooks: the provider's event id, and whether vetkit said it already had it. */
  eventId: string | null
  duplicate: boolean
  error: string | null
}

export interface HealthProbe {
  startedAt: number
  endedAt: number
  ready: boolean | null
  status: string | null
  code: string | null
  /** `health()` itself threw (it should report, never throw). */
  error: string | null
}

export interface Subject {
  id: string
  scenario: FakeScenario
  /** The check's status once the fake has played the scenario out. */
  expected: 'passed' | 'consider'
}

/** Checkr retries a webhook that was not acknowledged; here after a second of real time. */
const RETRY_AFTER_MS = 1_000
/** Each tick moves the manual clock one minute (so the fake's events come due) and sends what is due. */
const TICK_MS = 100
const WEBHOOK_CONCURRENCY = 4

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function subjects(count: number): Subject[] {
  const clear = { scenario: 'clear', expected: 'passed' } as const
  const plan: { scenario: FakeScenario; expected: Subject['expected'] }[] = [
    clear,
    { scenario: 'consider', expected: 'consider' },
    { scenario: 'suspended_then_clear', expected: 'passed' },
    { scenario: 'clear', expected: 'passed' },
  ]
  return Array.from({ length: count }, (_, i) => ({ id: `outage-subject-${String(i + 1).padStart(2, '0')}`, ...(plan[i % plan.length] ?? clear) }))
}

/**
 * Traffic against the running app, all over real sockets: the fake provider's webhooks as they
 * come due (retried while refused, plus the duplicates Checkr sometimes sends), an inviter that
 * records consent and invites each subject in turn, and readers calling the status, check list
 * and webhook log routes. Every answer is recorded, and `vetkit.health()` is probed meanwhile.
 */
export function createLoad(engine: OutageEngine, people: Subject[]) {
  const exchanges: Exchange[] = []
  const probes: HealthProbe[] = []
  /** Event id -> when it was last sent; the fake itself knows which ones were acknowledged. */
  const lastSent = new Map<string, number>()
  const sending = new Set<string>()
  const invited = new Set<string>()
  const consented = new Set<string>()
  let ipCounter = 0
  let running = false
  let driving = false
  const loops: Promise<void>[] = []

  for (const person of people) engine.fake.setScenario(person.id, person.scenario)

  engine.setDeliverer(async (webhook) => {
    const eventId = (JSON.parse(Buffer.from(webhook.rawBody).toString('utf8')) as { id?: unknown }).id
    const startedAt = performance.now()
    const base = { kind: 'webhook' as const, route: 'POST /webhooks/fake', startedAt, eventId: typeof eventId === 'string' ? eventId : null }
    try {
      const response = await fetch(engine.webhookUrl, { method: 'POST', headers: webhook.headers, body: webhook.rawBody, redirect: 'manual', signal: AbortSignal.timeout(15_000) })
      const body = parseJson(await response.text())
      exchanges.push({
        ...base,
        endedAt: performance.now(),
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        code: typeof body.code === 'string' ? body.code : null,
        duplicate: body.duplicate === true,
        error: null,
      })
      return { status: response.status }
    } catch (error) {
      exchanges.push({ ...base, endedAt: performance.now(), status: null, retryAfter: null, code: null, duplicate: false, error: describeError(error) })
      throw error
    }
  })

  async function call(method: 'GET' | 'POST', route: string, path: string, body?: unknown): Promise<Exchange> {
    const headers = new Headers({ authorization: `Bearer ${ADMIN_TOKEN}`, 'x-forwarded-for': `198.51.100.${(ipCounter++ % 250) + 1}` })
    if (method === 'POST') headers.set('content-type', 'application/json')
    const startedAt = performance.now()
    const base = { kind: 'api' as const, route: `${method} ${route}`, startedAt, eventId: null, duplicate: false }
    let exchange: Exchange
    try {
      const response = await fetch(`${engine.origin}${MOUNT}${path}`, {
        method,
        headers,
        ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
        signal: AbortSignal.timeout(15_000),
      })
      const parsed = parseJson(await response.text())
      exchange = { ...base, endedAt: performance.now(), status: response.status, retryAfter: response.headers.get('retry-after'), code: typeof parsed.code === 'string' ? parsed.code : null, error: null }
    } catch (error) {
      exchange = { ...base, endedAt: performance.now(), status: null, retryAfter: null, code: null, error: describeError(error) }
    }
    exchanges.push(exchange)
    return exchange
  }

  const ok = (exchange: Exchange) => exchange.status !== null && exchange.status >= 200 && exchange.status < 300

  /** Consent, then invite, for the next subject not yet invited; false once all are. */
  async function inviteNext(): Promise<boolean> {
    const person = people.find((p) => !invited.has(p.id))
    if (!person) return false
    if (!consented.has(person.id)) {
      const consent = await call('POST', '/subjects/:id/consents', `/subjects/${person.id}/consents`, {
        disclosureVersion: '1',
        authorizationText: AUTHORIZATION_TEXT,
        signatureName: `Worker ${person.id}`,
        email: `${person.id}@example.test`,
      })
      if (!ok(consent)) return true
      consented.add(person.id)
    }
    const invite = await call('POST', '/subjects/:id/invite', `/subjects/${person.id}/invite`, {})
    if (ok(invite)) invited.add(person.id)
    return true
  }

  /** One tick of the provider: the clock moves, due webhooks go out (refused ones again after a while), one duplicate. */
  async function providerTick(): Promise<void> {
    engine.clock.advance({ minutes: 1 })
    const now = performance.now()
    const due = engine.fake
      .pendingWebhooks()
      .filter((w) => !sending.has(w.eventId) && now - (lastSent.get(w.eventId) ?? Number.NEGATIVE_INFINITY) >= RETRY_AFTER_MS)
      .map((w) => w.eventId)
    const acknowledged = engine.fake.webhooksFor().filter((w) => w.delivered && !sending.has(w.eventId))
    const duplicate = acknowledged[Math.floor(Math.random() * acknowledged.length)]
    const batch = duplicate ? [...due, duplicate.eventId] : due
    let next = 0
    const lane = async () => {
      for (let eventId = batch[next++]; eventId !== undefined; eventId = batch[next++]) {
        sending.add(eventId)
        lastSent.set(eventId, performance.now())
        try {
          await engine.fake.redeliver(eventId)
        } finally {
          sending.delete(eventId)
        }
      }
    }
    await Promise.all(Array.from({ length: WEBHOOK_CONCURRENCY }, lane))
  }

  async function providerLoop(): Promise<void> {
    while (driving) {
      const started = performance.now()
      await providerTick()
      await sleep(Math.max(0, TICK_MS - (performance.now() - started)))
    }
  }

  async function inviterLoop(): Promise<void> {
    while (running && (await inviteNext())) await sleep(150)
  }

  async function readerLoop(n: number): Promise<void> {
    const someone = (salt: number) => people[(ipCounter + salt) % people.length]?.id ?? 'nobody'
    const reads = [
      () => call('GET', '/subjects/:id/status', `/subjects/${someone(n)}/status`),
      () => call('GET', '/admin/checks', '/admin/checks?limit=50'),
      () => call('GET', '/subjects/:id/checks', `/subjects/${someone(n * 7)}/checks`),
      () => call('GET', '/admin/webhooks', '/admin/webhooks?limit=20'),
    ]
    for (let i = n; running; i++) {
      await reads[i % reads.length]?.()
      await sleep(40)
    }
  }

  async function healthLoop(): Promise<void> {
    while (running) {
      const startedAt = performance.now()
      try {
        const report = await engine.vetkit.health()
        probes.push({ startedAt, endedAt: performance.now(), ready: report.ready, status: report.status, code: report.database.code, error: null })
      } catch (error) {
        probes.push({ startedAt, endedAt: performance.now(), ready: null, status: null, code: null, error: describeError(error) })
      }
      await sleep(200)
    }
  }

  return {
    exchanges,
    probes,
    invited,
    /** Starts the provider, the inviter, three readers and the health probe. */
    start(): void {
      running = true
      driving = true
      loops.push(providerLoop(), inviterLoop(), readerLoop(0), readerLoop(1), readerLoop(2), healthLoop())
    },
    /** Stops every loop and waits for the requests in flight. */
    async stop(): Promise<void> {
      running = false
      driving = false
      await Promise.all(loops.splice(0))
    },
    /**
     * After the traffic: drives the provider alone (every refused webhook is sent again, the
     * rest of each scenario plays out), invites whoever is left, and resolves once every webhook
     * is acknowledged and the fake has nothing more to send; rejects past the deadline.
     */
    async finish(deadline: number): Promise<void> {
      while (performance.now() < deadline) {
        const started = performance.now()
        await inviteNext()
        await providerTick()
        if (invited.size === people.length && engine.fake.pendingWebhooks().length === 0 && engine.fake.nextEventAt() === null) return
        await sleep(Math.max(0, TICK_MS - (performance.now() - started)))
      }
      const pending = engine.fake.pendingWebhooks().map((w) => `${w.eventId} ${w.type} (${w.attempts} attempts)`)
      throw new Error(`the provider still had webhooks to deliver at the deadline: ${pending.join(', ') || 'none'}; invited ${invited.size}/${people.length}`)
    },
    /** Ticks the clock (so retries and leases come due) until the worker has nothing left to run. */
    async untilQueueDrained(deadline: number): Promise<void> {
      let quietSince: number | null = null
      while (performance.now() < deadline) {
        const counts = await engine.storage.jobs.countByStatus()
        const next = await engine.storage.jobs.nextRunAt()
        const due = next !== null && next.getTime() <= engine.clock.now().getTime()
        if (counts.running === 0 && !due) {
          quietSince ??= performance.now()
          // Quiet across a few worker polls (200 ms), not just between two passes.
          if (performance.now() - quietSince >= 700) return
        } else quietSince = null
        engine.clock.advance({ minutes: 1 })
        await sleep(TICK_MS)
      }
      throw new Error(`the worker did not drain the queue before the deadline: ${JSON.stringify(await engine.storage.jobs.countByStatus())}`)
    },
  }
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}${'code' in error.cause ? ` (${String(error.cause.code)})` : ''}` : ''
  return `${error.name}: ${error.message}${cause}`
}
