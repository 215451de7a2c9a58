import { decideThrottle, throttleRules } from '../../domain/throttle'
import type { ProviderWebhookEvent, WebhookVerification } from '../../ports/provider'
import type { WebhookAuthOutcome } from '../../ports/storage'
import { isStorableText } from '../../support/storable-text'
import type { EngineContext } from '../engine-context'
import { ipThrottleKey } from '../ip-throttle-key'
import { newJob } from '../../jobs/jobs'
import { deliveryHeaders } from './delivery-headers'
import { serializeEvent } from './event-codec'

export interface WebhookResponse {
  status: number
  body: { ok: boolean; code?: string; duplicate?: boolean }
  /** Extra response headers (`Retry-After` on a 429). */
  headers?: Record<string, string>
}

export interface WebhookRequest {
  headers: Headers
  rawBody: Uint8Array
  /** The client address (through trusted proxies only): refusals are counted and limited by it. */
  clientIp?: string | null
}

/** Webhook bodies above this are refused before verification (Checkr's are a few kB). */
export const MAX_WEBHOOK_BYTES = 1024 * 1024

/** Refusals from one source, for one reason, share a ledger row per hour. */
const REFUSAL_WINDOW_MS = 3_600_000

/** The ledger's column limits: an event id or type beyond them cannot be stored, so it is refused. */
const MAX_EVENT_ID = 191
const MAX_EVENT_TYPE = 100

type Refused = Exclude<WebhookAuthOutcome, 'ok'>

/**
 * Webhook intake: verify over the raw bytes -> record in the ledger (insert-if-absent on the
 * provider's event id; the event sealed with its redacted headers, for the webhook log) ->
 * enqueue processing in the same transaction -> acknowledge. Processing
 * happens in the worker, so the provider gets its 2xx fast and a crash after the commit loses
 * nothing. Every answer is in the ledger: refusals (forged, malformed, oversized) are counted on
 * one row per source, reason and hour, and a source sending too many is answered 429 without
 * any more writes, so anonymous POSTs cannot grow the database without bound.
 */
export async function receiveWebhook(ctx: EngineContext, request: WebhookRequest, options: { maxBytes?: number } = {}): Promise<WebhookResponse> {
  // Wall time, not the engine's clock: this is how long the provider waited for its answer.
  const started = performance.now()
  let signature: WebhookAuthOutcome = 'malformed'
  try {
    const answer = await intake(ctx, request, options, (outcome) => {
      signature = outcome
    })
    return answer
  } finally {
    ctx.metrics.count('webhooks_received', { signature })
    ctx.metrics.observe('webhook_intake_seconds', { signature }, (performance.now() - started) / 1000)
  }
}

async function intake(ctx: EngineContext, request: WebhookRequest, options: { maxBytes?: number }, outcome: (signature: WebhookAuthOutcome) => void): Promise<WebhookResponse> {
  const provider = ctx.provider
  const receivedAt = ctx.clock.now()
  const refuse = (status: number, code: string, authOutcome: Refused) => {
    outcome(authOutcome)
    return refuseDelivery(ctx, { status, code, authOutcome, clientIp: request.clientIp ?? null, receivedAt })
  }

  if (request.rawBody.byteLength > (options.maxBytes ?? MAX_WEBHOOK_BYTES)) return refuse(413, 'payload_too_large', 'malformed')
  const verification: WebhookVerification = provider.verifyWebhook(request)
  if (!verification.ok) return refuse(401, verification.outcome, verification.outcome)

  let event: ProviderWebhookEvent
  try {
    event = provider.parseWebhook(request.rawBody)
  } catch {
    return refuse(400, 'malformed', 'malformed')
  }
  // A validly signed event vetkit cannot store (a NUL byte, an id beyond the column) is malformed,
  // answered and logged like every other refusal, instead of failing in the database (a 500 the
  // provider would retry forever).
  if (!isStorableText(event.eventId, MAX_EVENT_ID) || !isStorableText(event.type, MAX_EVENT_TYPE)) return refuse(400, 'malformed', 'malformed')

  outcome('ok')
  // Ledger row and processing job together, or neither (one statement on PostgreSQL).
  const { inserted } = await ctx.storage.webhooks.recordAndEnqueue(
    { provider: provider.name, eventId: event.eventId, eventType: event.type, receivedAt, httpStatus: 200, authOutcome: 'ok', processingOutcome: 'queued' },
    { ...serializeEvent(event), deliveryHeaders: deliveryHeaders(request.headers) },
    newJob('webhook.process', {}, { runAt: receivedAt, now: receivedAt }),
  )
  return { status: 200, body: inserted ? { ok: true } : { ok: true, duplicate: true } }
}

/**
 * Counts a refused delivery (including one the HTTP layer refused before reading it, such as a
 * 413), unless its source is over the refusal limit: then 429, and nothing is written but the
 * limit's own counter.
 */
export async function refuseDelivery(
  ctx: EngineContext,
  refusal: { status: number; code: string; authOutcome: Refused; clientIp: string | null; receivedAt?: Date },
): Promise<WebhookResponse> {
  const receivedAt = refusal.receivedAt ?? ctx.clock.now()
  const source = refusal.clientIp ? ipThrottleKey(refusal.clientIp) : null
  if (source !== null) {
    const rule = throttleRules(ctx.policy).refused_webhooks_per_ip
    const counter = await ctx.storage.throttles.consume(`webhook:refused:${source}`, rule.windowSeconds, receivedAt)
    const decision = decideThrottle(rule, counter, receivedAt)
    if (!decision.allowed) {
      return { status: 429, body: { ok: false, code: 'rate_limited' }, headers: { 'retry-after': String(decision.retryAfterSeconds) } }
    }
  }
  await ctx.storage.webhooks.recordRefusal({
    provider: ctx.provider.name,
    httpStatus: refusal.status,
    authOutcome: refusal.authOutcome,
    source,
    receivedAt,
    windowMs: REFUSAL_WINDOW_MS,
  })
  ctx.logger.warn('webhook refused', { provider: ctx.provider.name, code: refusal.code, status: refusal.status })
  return { status: refusal.status, body: { ok: false, code: refusal.code } }
}
