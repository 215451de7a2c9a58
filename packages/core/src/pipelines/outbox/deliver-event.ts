import type { EngineContext, HostEvent } from '../engine-context'

/**
 * The `outbox.deliver` job: hands one host event to the host's handler. At least once: a handler
 * that throws is retried with backoff (and dead-lettered after the job's attempts), so handlers
 * must be idempotent on `event.id`. Without a handler, hosts poll `vetkit.events.listAfter()`.
 */
export async function deliverOutboxEvent(ctx: EngineContext, eventId: string): Promise<void> {
  if (!ctx.onEvent) return
  const event = await ctx.storage.outbox.get(eventId)
  if (!event) return
  // The outbox row was written from a typed payload by `appendEvent`.
  await ctx.onEvent(event as HostEvent)
}
