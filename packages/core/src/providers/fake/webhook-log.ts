import type { CheckrObjectJson } from './checkr-json'
import { envelopeBody, type EnvelopeContext } from './webhook-envelope'
import type { IdFactory } from './ids'

/** One generated webhook and its delivery history. */
export interface WebhookEntry {
  readonly eventId: string
  readonly type: string
  readonly objectType: string
  readonly objectId: string
  /** The event's `created_at`: when it became due. */
  readonly createdAt: Date
  readonly seq: number
  /** The exact compact JSON that is signed and sent. */
  readonly body: string
  /** Acknowledged with a 2xx. */
  delivered: boolean
  attempts: number
  /** Being sent right now, so overlapping `deliverDue` calls do not send it twice. */
  inFlight: boolean
}

/** Every webhook the simulator has generated, in the order they occurred. */
export interface WebhookLog {
  emit(type: string, object: CheckrObjectJson, at: Date): WebhookEntry
  entries(): readonly WebhookEntry[]
  get(eventId: string): WebhookEntry | undefined
}

export function createWebhookLog(ids: IdFactory, context: EnvelopeContext, entries: WebhookEntry[] = []): WebhookLog {
  // A restored log: nothing is in flight any more (the process that sent it is gone).
  for (const entry of entries) entry.inFlight = false
  const byId = new Map<string, WebhookEntry>(entries.map((entry) => [entry.eventId, entry]))
  return {
    emit(type, object, at) {
      const eventId = ids.next('event')
      const entry: WebhookEntry = {
        eventId,
        type,
        objectType: object.object,
        objectId: object.id,
        createdAt: at,
        seq: entries.length,
        body: envelopeBody({ id: eventId, type, createdAt: at, object }, context),
        delivered: false,
        attempts: 0,
        inFlight: false,
      }
      entries.push(entry)
      byId.set(eventId, entry)
      return entry
    },
    // Sorted although emitted in order: a clock set backwards must not reorder delivery.
    entries: () => [...entries].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.seq - b.seq),
    get: (eventId) => byId.get(eventId),
  }
}
