import type { CheckStatus } from './check-status'

/**
 * The check lifecycle as data. A key is an event type, with `report.completed` split by outcome.
 * A pair that is absent is not a legal transition: `applyCheckEvent` rejects it with a typed error.
 * Guards that depend on more than the status (the adverse-action wait, expiry time, report binding)
 * live in `applyCheckEvent`.
 *
 * `review` is not a status: it resolves to `pre_adverse` when an adverse action is in progress
 * and to `consider` otherwise (a dispute ends and the review resumes where it was).
 */
export const TRANSITION_KEYS = [
  'invitation.completed',
  'invitation.expired',
  'invitation.canceled',
  'report.created',
  'report.suspended',
  'report.resumed',
  'report.canceled',
  'report.completed:clear',
  'report.completed:consider',
  'report.engaged',
  'report.disputed',
  'report.pre_adverse_action',
  'report.post_adverse_action',
  'review.cleared',
  'adverse.started',
  'adverse.finalized',
  'adverse.canceled',
  'dispute.opened',
  'dispute.resolved',
  'check.canceled',
  'validity.expired',
] as const

export type TransitionKey = (typeof TRANSITION_KEYS)[number]
export type TransitionTarget = CheckStatus | 'review'

type Row = Partial<Record<TransitionKey, TransitionTarget>>

/** While the provider is still screening, the newest provider event says where the report is. */
const screening: Row = {
  'invitation.completed': 'pending',
  'report.created': 'pending',
  'report.suspended': 'suspended',
  'report.resumed': 'pending',
  'report.canceled': 'canceled',
  'report.completed:clear': 'passed',
  'report.completed:consider': 'consider',
  'report.engaged': 'passed',
  // A dispute or an adverse action implies the report completed; its completion event is late.
  'report.disputed': 'disputed',
  'report.pre_adverse_action': 'pre_adverse',
  'report.post_adverse_action': 'failed',
  'check.canceled': 'canceled',
}

export const TRANSITIONS: Record<CheckStatus, Row> = {
  invited: {
    ...screening,
    'invitation.expired': 'canceled',
    'invitation.canceled': 'canceled',
  },
  pending: screening,
  suspended: screening,
  passed: {
    // A revised report re-decides; a newer clear completion refreshes the validity.
    'report.completed:clear': 'passed',
    'report.completed:consider': 'consider',
    'report.engaged': 'passed',
    // A dispute of a clear report changes nothing until the provider re-completes it.
    'report.disputed': 'passed',
    'validity.expired': 'expired',
  },
  consider: {
    'report.completed:clear': 'passed',
    'report.completed:consider': 'consider',
    'report.engaged': 'passed',
    'report.disputed': 'disputed',
    'report.pre_adverse_action': 'pre_adverse',
    'report.post_adverse_action': 'failed',
    'review.cleared': 'passed',
    'adverse.started': 'pre_adverse',
    'dispute.opened': 'disputed',
  },
  pre_adverse: {
    'report.completed:clear': 'passed',
    'report.completed:consider': 'pre_adverse',
    'report.engaged': 'passed',
    'report.disputed': 'disputed',
    'report.pre_adverse_action': 'pre_adverse',
    'report.post_adverse_action': 'failed',
    'review.cleared': 'passed',
    'adverse.finalized': 'failed',
    'adverse.canceled': 'consider',
    'dispute.opened': 'disputed',
  },
  disputed: {
    // The provider re-completes a disputed report: it is read again and re-decided.
    'report.completed:clear': 'passed',
    'report.completed:consider': 'review',
    'report.disputed': 'disputed',
    // Newer adjudication events mean the provider already closed the dispute.
    'report.engaged': 'passed',
    'report.pre_adverse_action': 'pre_adverse',
    'report.post_adverse_action': 'failed',
    'adverse.canceled': 'disputed',
    'dispute.resolved': 'review',
  },
  failed: {},
  canceled: {},
  expired: {},
}

export function transitionTarget(status: CheckStatus, key: TransitionKey): TransitionTarget | undefined {
  return TRANSITIONS[status][key]
}
