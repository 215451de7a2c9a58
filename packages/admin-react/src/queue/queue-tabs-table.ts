import type { CheckListSort, ReviewQueue } from '@vetkit/core/client'
import type { StringKey } from '../i18n/strings'

/**
 * Each review queue's tab (the order is `REVIEW_QUEUE_NAMES`, the server's): its label and the
 * order the list starts in. `null` leaves the order to the server.
 */
export const QUEUE_TABS = {
  needs_review: { label: 'queue.needs_review', defaultSort: 'created_desc' },
  pending: { label: 'queue.pending', defaultSort: 'created_desc' },
  in_dispute: { label: 'queue.in_dispute', defaultSort: 'created_desc' },
  awaiting_adverse_action: { label: 'queue.awaiting_adverse_action', defaultSort: 'created_desc' },
  // The server lists it soonest expiry first, an order the sortable columns do not offer.
  expiring_soon: { label: 'queue.expiring_soon', defaultSort: null },
  invitation_expired: { label: 'queue.invitation_expired', defaultSort: 'created_desc' },
  all: { label: 'queue.all', defaultSort: 'created_desc' },
} as const satisfies Record<ReviewQueue, { label: StringKey; defaultSort: CheckListSort | null }>
