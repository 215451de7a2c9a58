import type { ProviderCheckEvent } from './check-events'

/**
 * Per-report delivery order. Providers do not deliver webhooks in order and do deliver duplicates,
 * so each check remembers the newest provider event it applied (its cursor) and ignores anything
 * older. Events are ordered by the provider's own event time, then by their place in a report's
 * lifecycle to break ties within one timestamp (Checkr's timestamps have one-second resolution).
 */
export interface EventCursor {
  at: Date
  rank: number
}

const LIFECYCLE_RANK: Record<ProviderCheckEvent['type'], number> = {
  'invitation.completed': 1,
  'invitation.expired': 1,
  'invitation.canceled': 1,
  'report.created': 2,
  'report.suspended': 3,
  'report.resumed': 4,
  'report.canceled': 5,
  'report.completed': 6,
  // Checkr sends `report.updated` after a completion (an assessment applied, "complete now").
  'report.updated': 7,
  'report.engaged': 8,
  'report.pre_adverse_action': 9,
  'report.disputed': 10,
  'report.post_adverse_action': 11,
}

/** Every provider event type, from the (exhaustive) rank table. */
export const PROVIDER_EVENT_TYPES = Object.keys(LIFECYCLE_RANK) as readonly ProviderCheckEvent['type'][]

export function cursorOf(event: ProviderCheckEvent): EventCursor {
  return { at: event.occurredAt, rank: LIFECYCLE_RANK[event.type] }
}

export type Freshness = 'newer' | 'duplicate' | 'stale'

export function freshness(event: ProviderCheckEvent, cursor: EventCursor | null): Freshness {
  if (cursor === null) return 'newer'
  const next = cursorOf(event)
  const byTime = next.at.getTime() - cursor.at.getTime()
  if (byTime !== 0) return byTime > 0 ? 'newer' : 'stale'
  if (next.rank === cursor.rank) return 'duplicate'
  return next.rank > cursor.rank ? 'newer' : 'stale'
}
