import { signCheckrPayload } from '../checkr/webhook-signature'
import { checkrTime } from './checkr-time'
import type { CheckrObjectJson } from './checkr-json'

export const FAKE_WEBHOOK_USER_AGENT = 'Checkr-Webhook/1.0 (vetkit-fake)'

/** A webhook as it goes over the wire: what a `deliver` function receives. */
export interface FakeWebhookRequest {
  headers: Headers
  rawBody: Uint8Array
}

export interface EnvelopeContext {
  accountId: string
  webhookUrl: string
}

/** Checkr's event envelope, serialized compactly as Checkr sends (and signs) it. */
export function envelopeBody(
  event: { id: string; type: string; createdAt: Date; object: CheckrObjectJson },
  context: EnvelopeContext,
): string {
  return JSON.stringify({
    id: event.id,
    object: 'event',
    type: event.type,
    created_at: checkrTime(event.createdAt),
    webhook_url: context.webhookUrl,
    data: { object: event.object },
    account_id: context.accountId,
  })
}

export interface SigningContext {
  signingKey: string
  /** Sent as `Authorization: Basic ...`, as Checkr does for a webhook URL with `user:pass@`. */
  basicAuth: { username: string; password: string } | null
}

/** A fresh request for a body: new headers and bytes each time, so a receiver cannot alter a retry. */
export function webhookRequest(body: string, context: SigningContext): FakeWebhookRequest {
  const headers = new Headers({
    'content-type': 'application/json',
    'user-agent': FAKE_WEBHOOK_USER_AGENT,
    'x-checkr-signature': signCheckrPayload(body, context.signingKey),
  })
  if (context.basicAuth) headers.set('authorization', basicAuthHeader(context.basicAuth))
  return { headers, rawBody: new Uint8Array(Buffer.from(body, 'utf8')) }
}

export function basicAuthHeader({ username, password }: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}
