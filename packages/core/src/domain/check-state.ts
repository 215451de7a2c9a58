import type { CheckStatus } from './check-status'
import type { NoticeMedium } from './check-events'
import type { EventCursor } from './event-ordering'
import type { ReportOutcome } from './report-outcome'

/** The adverse-action process of one check (pre-adverse notice sent, final notice pending). */
export interface AdverseActionState {
  startedAt: Date
  adverseItemIds: readonly string[]
  medium: NoticeMedium
  /** The candidate said in writing that they dispute (extends the wait in some jurisdictions). */
  writtenDispute: boolean
  /** Earliest moment the jurisdiction allows the final notice, were nothing paused (stated in the pre-adverse notice). */
  earliestFinalAt: Date
  /** The wait in whole business days of the jurisdiction (from the pre-adverse notice to `earliestFinalAt`). */
  waitBusinessDays: number
  /** Whole business days of the wait already run before the current run began (banked by each dispute). */
  businessDaysElapsed: number
  /** When the current run of the wait began (the notice, or the last dispute's resolution); null while paused. */
  runningSince: Date | null
  /** The one date that gates the final notice; null while a dispute pauses the wait. */
  finalNoticeDueAt: Date | null
}

/** Why a check closed: `invitation_expired` is not a cancel, and an admin can filter on it. */
export const CLOSED_REASONS = [
  'invitation_expired',
  'invitation_canceled',
  'report_canceled',
  'check_canceled',
  'adverse_action',
  'validity_expired',
] as const

export type ClosedReason = (typeof CLOSED_REASONS)[number]

export interface DisputeState {
  openedAt: Date
  source: 'provider' | 'vetkit'
  writtenDispute: boolean
}

/** Everything the state machine needs to know about one check. Storage persists it as columns. */
export interface CheckState {
  status: CheckStatus
  /** Adverse-action wait profile id (see wait profiles), e.g. `us-fcra`. */
  jurisdiction: string
  reportId: string | null
  outcome: ReportOutcome | null
  reportCompletedAt: Date | null
  /** When the check became `passed` (the clearance decision time). */
  clearedAt: Date | null
  /**
   * Passes end here: the report's completion time plus the validity period. A pass whose report is
   * revised to `consider` keeps it (and `clearedAt`) while it is reviewed: see `eligibility`.
   */
  validUntil: Date | null
  /** The provider's estimate of the report's completion, while it screens (Checkr `estimated_completion_time`). */
  reportEta: Date | null
  providerCursor: EventCursor | null
  /** The adverse action in progress; on a failed check, the one that failed it (kept for the audit). */
  adverseAction: AdverseActionState | null
  /** An open dispute: on a `disputed` check, or on a `passed` one whose clear report is disputed. */
  dispute: DisputeState | null
  finalAdverseAt: Date | null
  closedAt: Date | null
  closedReason: ClosedReason | null
}

export function newCheckState(jurisdiction: string): CheckState {
  return {
    status: 'invited',
    jurisdiction,
    reportId: null,
    outcome: null,
    reportCompletedAt: null,
    clearedAt: null,
    validUntil: null,
    reportEta: null,
    providerCursor: null,
    adverseAction: null,
    dispute: null,
    finalAdverseAt: null,
    closedAt: null,
    closedReason: null,
  }
}
