import type { FakeWebhookRequest } from './webhook-envelope'
import type { WebhookEntry } from './webhook-log'

/**
 * Sends one webhook to the host: e.g. `(w) => vetkit.handler(new Request(url, { method: 'POST',
 * headers: w.headers, body: w.rawBody }))`, or `httpDeliverer(url)`. Any 2xx acknowledges it.
 */
export type FakeWebhookDeliverer = (webhook: FakeWebhookRequest) => Promise<{ status: number }>

export interface FakeDeliveryResult {
  eventId: string
  type: string
  createdAt: Date
  /** The receiver's HTTP status; null when the deliverer threw. */
  status: number | null
  /** Acknowledged (2xx). Otherwise the webhook stays pending and is sent again on the next call. */
  ok: boolean
  error: Error | null
}

/** One attempt, recorded on the entry the way Checkr's webhook logs record it. */
export async function attemptDelivery(
  entry: WebhookEntry,
  request: FakeWebhookRequest,
  deliver: FakeWebhookDeliverer,
): Promise<FakeDeliveryResult> {
  const base = { eventId: entry.eventId, type: entry.type, createdAt: entry.createdAt }
  entry.attempts += 1
  entry.inFlight = true
  try {
    const { status } = await deliver(request)
    const ok = status >= 200 && status < 300
    if (ok) entry.delivered = true
    return { ...base, status, ok, error: null }
  } catch (thrown) {
    return { ...base, status: null, ok: false, error: thrown instanceof Error ? thrown : new Error(String(thrown)) }
  } finally {
    entry.inFlight = false
  }
}
