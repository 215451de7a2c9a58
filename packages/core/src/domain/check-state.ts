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
  /** Earliest moment the jurisdiction allows the final notice. */
  earliestFinalAt: Date
  /** When the final notice is due; null while a dispute pauses the process. */
  finalNoticeDueAt: Date | null
}

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
  /** Passes end here: the report's completion time plus the validity period. */
  validUntil: Date | null
  providerCursor: EventCursor | null
  adverseAction: AdverseActionState | null
  dispute: DisputeState | null
  finalAdverseAt: Date | null
  closedAt: Date | null
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
    providerCursor: null,
    adverseAction: null,
    dispute: null,
    finalAdverseAt: null,
    closedAt: null,
  }
}
