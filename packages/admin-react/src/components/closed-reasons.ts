import type { ClosedReason } from '../api/types'
import type { StringKey } from '../i18n/strings'

/**
 * Why a check closed. `canceledScreening` marks a screening that stopped before its result (the
 * queue flags those rows): the subject may need a re-check.
 */
export const CLOSED_REASONS = {
  invitation_expired: { label: 'closed.invitation_expired', canceledScreening: false },
  invitation_canceled: { label: 'closed.invitation_canceled', canceledScreening: true },
  report_canceled: { label: 'closed.report_canceled', canceledScreening: true },
  check_canceled: { label: 'closed.check_canceled', canceledScreening: true },
  adverse_action: { label: 'closed.adverse_action', canceledScreening: false },
  validity_expired: { label: 'closed.validity_expired', canceledScreening: false },
} as const satisfies Record<ClosedReason, { label: StringKey; canceledScreening: boolean }>
