import { ConfigurationError, VetkitError } from '../../errors'
import { attemptDelivery, type FakeDeliveryResult, type FakeWebhookDeliverer } from './delivery'
import { webhookView, type FakeWebhookRecord } from './views'
import { webhookRequest, type FakeWebhookRequest, type SigningContext } from './webhook-envelope'
import type { WebhookEntry } from './webhook-log'
import type { World } from './world'

/** The fake's outbox: what it has sent, what is pending, and ways to send again. */
export interface FakeWebhookControls {
  /** Sends, oldest first, every due webhook not yet acknowledged; failures stay pending for the next call. */
  deliverDue(): Promise<FakeDeliveryResult[]>
  /** Sends a webhook again, delivered or not: the duplicate Checkr sometimes sends. */
  redeliver(eventId: string): Promise<FakeDeliveryResult>
  /** A webhook as it would be sent (fresh headers and bytes), to deliver by hand. */
  buildWebhook(eventId: string): FakeWebhookRequest
  /** Due webhooks not yet acknowledged, oldest first. */
  pendingWebhooks(): FakeWebhookRecord[]
  /** Every webhook generated so far (delivered or not), oldest first; optionally of one type. */
  webhooksFor(eventType?: string): FakeWebhookRecord[]
  /** When the next webhook is due: the oldest pending one (possibly already past), else the next scheduled step. */
  nextEventAt(): Date | null
}

export function createWebhookControls(context: {
  world: World
  signing: SigningContext
  deliver: FakeWebhookDeliverer | null
  /** Brings the simulation up to the clock and returns now. */
  tick: () => Date
}): FakeWebhookControls {
  const { world, signing, tick } = context
  const deliverer = (): FakeWebhookDeliverer => {
    if (!context.deliver) throw new ConfigurationError('deliver', 'the fake provider was created without a deliver function')
    return context.deliver
  }
  const entry = (eventId: string): WebhookEntry => {
    const found = world.log.get(eventId)
    if (!found) throw new VetkitError('invalid_argument', `fake provider: unknown event ${eventId}`, { field: 'eventId' })
    return found
  }
  const send = (e: WebhookEntry, deliver: FakeWebhookDeliverer) => attemptDelivery(e, webhookRequest(e.body, signing), deliver)

  return {
    async deliverDue() {
      const deliver = deliverer()
      const results: FakeDeliveryResult[] = []
      const attempted = new Set<string>()
      // Loops because a delivery may make the host call the API, which can create new due events.
      for (;;) {
        const now = tick()
        const batch = world.log.entries().filter((e) => !e.delivered && !e.inFlight && !attempted.has(e.eventId) && e.createdAt <= now)
        if (batch.length === 0) return results
        for (const e of batch) {
          attempted.add(e.eventId)
          // An overlapping call may have sent it meanwhile.
          if (e.delivered || e.inFlight) continue
          results.push(await send(e, deliver))
        }
      }
    },

    async redeliver(eventId) {
      const deliver = deliverer()
      tick()
      return send(entry(eventId), deliver)
    },

    buildWebhook(eventId) {
      tick()
      return webhookRequest(entry(eventId).body, signing)
    },

    pendingWebhooks() {
      tick()
      return world.log.entries().filter((e) => !e.delivered).map(webhookView)
    },

    webhooksFor(eventType) {
      tick()
      return world.log.entries().filter((e) => eventType === undefined || e.type === eventType).map(webhookView)
    },

    nextEventAt() {
      tick()
      const pending = world.log.entries().find((e) => !e.delivered)
      return pending ? new Date(pending.createdAt) : world.schedule.nextAt()
    },
  }
}
