import type { CheckStatus } from '../domain/check-status'

/**
 * The review console's queues, in tab order: what each one lists. `listChecks` takes a queue by
 * name and `countChecks` counts every queue, so the console and the server agree on what
 * "needs review" means. Plain data: the browser client carries it.
 */
export interface ReviewQueueFilter {
  statuses?: readonly CheckStatus[]
  inDispute?: true
  awaitingAdverseAction?: true
  expiringWithinDays?: number
  closedReason?: 'invitation_expired'
}

export const REVIEW_QUEUES = {
  needs_review: { statuses: ['consider'] },
  pending: { statuses: ['invited', 'pending', 'suspended'] },
  in_dispute: { inDispute: true },
  awaiting_adverse_action: { awaitingAdverseAction: true },
  expiring_soon: { expiringWithinDays: 30 },
  invitation_expired: { closedReason: 'invitation_expired' },
  all: {},
} as const satisfies Record<string, ReviewQueueFilter>

export type ReviewQueue = keyof typeof REVIEW_QUEUES
export const REVIEW_QUEUE_NAMES = Object.keys(REVIEW_QUEUES) as ReviewQueue[]
