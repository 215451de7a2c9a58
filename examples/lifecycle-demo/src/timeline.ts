// How the demo prints: one line per step (when, who, what), and the summaries at the end.
import type { Clock, HostEvent, WebhookRecord } from '@vetkit/core'
import type { SentEmail } from '@vetkit/core/mail'
import type { FakeDeliveryResult } from '@vetkit/core/fake'

/** `Mon 2026-11-23 15:00Z` */
export function when(at: Date): string {
  const day = at.toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' })
  return `${day} ${at.toISOString().slice(0, 16).replace('T', ' ')}Z`
}

export const day = (at: Date | null | undefined): string => (at ? at.toISOString().slice(0, 10) : '-')

export function createTimeline(clock: Clock) {
  const say = (who: string, text: string, at: Date = clock.now()) => console.log(`${when(at)}  ${who.padEnd(6)}  ${text}`)
  return {
    say,
    heading(text: string) {
      console.log(`\n== ${text}`)
    },
    event(event: HostEvent) {
      say(event.subjectId ?? '-', `event ${describeEvent(event)}`, event.createdAt)
    },
    webhooks(results: FakeDeliveryResult[]) {
      const statuses = [...new Set(results.map((r) => r.status ?? 'error'))].join('/')
      say('checkr', `webhooks ${results.map((r) => r.type).join(', ')} -> HTTP ${statuses}`)
    },
    emails(sent: readonly SentEmail[]) {
      for (const { message } of sent) say('mail', `${message.headers?.['X-Vetkit-Template'] ?? 'email'} to ${message.to}: "${message.subject}"`)
    },
  }
}

export type Timeline = ReturnType<typeof createTimeline>

function describeEvent(event: HostEvent): string {
  switch (event.type) {
    case 'check.status_changed': {
      const { from, to, cause } = event.payload
      return from === to ? `check.status_changed: stays ${to} (${cause})` : `check.status_changed: ${from} -> ${to} (${cause})`
    }
    case 'check.completed':
      return `check.completed: ${event.payload.status}`
    case 'subject.eligibility_changed': {
      const { eligible, eligibleUntil, reason } = event.payload
      return eligible && eligibleUntil ? `subject.eligibility_changed: eligible until ${day(new Date(eligibleUntil))}` : `subject.eligibility_changed: not eligible (${reason})`
    }
    case 'adverse_action.started':
      return event.payload.finalNoticeDueAt
        ? `adverse_action.started: final notice not before ${when(new Date(event.payload.finalNoticeDueAt))}`
        : 'adverse_action.started'
    case 'dispute.resolved':
      return `dispute.resolved: back to ${event.payload.status}`
    default:
      return event.type
  }
}

/** `a 3, b 1`: how many of each, in first-seen order. */
export function tally(values: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].map(([v, n]) => `${v} ${n}`).join(', ')
}

export function printSummary(emails: readonly SentEmail[], events: readonly HostEvent[], webhooks: readonly WebhookRecord[]): void {
  console.log(`\n== Emails sent (memoryMailer): ${emails.length}`)
  for (const { message } of emails) console.log(`  ${message.to.padEnd(20)}  ${message.subject}`)
  console.log(`\n== Host events received through onEvent: ${events.length}`)
  console.log(`  ${tally(events.map((e) => e.type))}`)
  console.log(`\n== Webhook ledger (vetkit.webhooks.list): ${webhooks.length} deliveries`)
  console.log(`  HTTP status: ${tally(webhooks.map((w) => String(w.httpStatus)))}`)
  console.log(`  processing: ${tally(webhooks.map((w) => w.processingOutcome))}`)
  console.log(`  event types: ${tally(webhooks.map((w) => w.eventType ?? '(unauthenticated)'))}`)
}
