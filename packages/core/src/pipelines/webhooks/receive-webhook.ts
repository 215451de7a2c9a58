import type { ProviderWebhookEvent } from '../../ports/provider'
import type { EngineContext } from '../engine-context'
import { serializeEvent } from './event-codec'

export interface WebhookResponse {
  status: number
  body: { ok: boolean; code?: string; duplicate?: boolean }
}

/** Webhook bodies above this are refused before verification (Checkr's are a few kB). */
export const MAX_WEBHOOK_BYTES = 1024 * 1024

/**
 * Webhook intake: verify over the raw bytes -> record in the ledger (insert-if-absent on the
 * provider's event id) -> enqueue processing in the same transaction -> acknowledge. Processing
 * happens in the worker, so the provider gets its 2xx fast and a crash after the commit loses
 * nothing. Every delivery is in the ledger with the status actually answered, auth failures too.
 */
export async function receiveWebhook(
  ctx: EngineContext,
  request: { headers: Headers; rawBody: Uint8Array },
  options: { maxBytes?: number } = {},
): Promise<WebhookResponse> {
  const provider = ctx.provider
  const receivedAt = ctx.clock.now()
  const refuse = async (status: number, code: string, authOutcome: 'bad_signature' | 'placeholder_signature' | 'bad_basic_auth' | 'malformed') => {
    await ctx.storage.webhooks.record({
      provider: provider.name,
      eventId: null,
      eventType: null,
      receivedAt,
      httpStatus: status,
      authOutcome,
      processingOutcome: 'not_processed',
    })
    ctx.logger.warn('webhook refused', { provider: provider.name, code, status })
    return { status, body: { ok: false, code } }
  }

  if (request.rawBody.byteLength > (options.maxBytes ?? MAX_WEBHOOK_BYTES)) return refuse(413, 'payload_too_large', 'malformed')
  const verification = provider.verifyWebhook(request)
  if (!verification.ok) return refuse(401, verification.outcome, verification.outcome)

  let event: ProviderWebhookEvent
  try {
    event = provider.parseWebhook(request.rawBody)
  } catch {
    return refuse(400, 'malformed', 'malformed')
  }

  // Ledger row and processing job together, or neither (one statement on PostgreSQL).
  const { inserted } = await ctx.storage.webhooks.recordAndEnqueue(
    { provider: provider.name, eventId: event.eventId, eventType: event.type, receivedAt, httpStatus: 200, authOutcome: 'ok', processingOutcome: 'queued' },
    { type: 'webhook.process', payload: { event: serializeEvent(event) }, runAt: receivedAt, maxAttempts: 8, now: receivedAt },
  )
  return { status: 200, body: inserted ? { ok: true } : { ok: true, duplicate: true } }
}

/**
 * Records a delivery refused before its body could be read (the HTTP layer's size cap), so the
 * webhook log shows every answer given, not only the ones that reached verification.
 */
export async function recordRefusedDelivery(ctx: EngineContext, httpStatus: number): Promise<void> {
  await ctx.storage.webhooks.record({
    provider: ctx.provider.name,
    eventId: null,
    eventType: null,
    receivedAt: ctx.clock.now(),
    httpStatus,
    authOutcome: 'malformed',
    processingOutcome: 'not_processed',
  })
}
