import type { WorkLocation } from '../../ports/provider'
import type { FakeScenario } from './scenarios'

// The simulator's mutable state: what Checkr's database would hold. Times are whole seconds.

export interface CandidateRecord {
  id: string
  subjectId: string
  email: string
  firstName: string | null
  lastName: string | null
  createdAt: Date
  reportIds: string[]
}

export type InvitationStatus = 'pending' | 'completed' | 'expired'

export interface InvitationRecord {
  id: string
  candidateId: string
  packageSlug: string
  workLocations: readonly WorkLocation[]
  url: string
  status: InvitationStatus
  createdAt: Date
  expiresAt: Date
  completedAt: Date | null
  deletedAt: Date | null
  reportId: string | null
  scenario: FakeScenario
  /** Index of the scenario's next step; null once manual controls took over or it was canceled. */
  nextStep: number | null
}

export type ReportStatus = 'pending' | 'complete' | 'suspended' | 'dispute' | 'canceled'

export interface AdverseItemRecord {
  id: string
  text: string
}

export interface ReportRecord {
  id: string
  candidateId: string
  invitationId: string
  packageSlug: string
  workLocations: readonly WorkLocation[]
  status: ReportStatus
  result: 'clear' | 'consider' | null
  assessment: string | null
  adjudication: 'pre_adverse_action' | 'post_adverse_action' | null
  createdAt: Date
  completedAt: Date | null
  revisedAt: Date | null
  estimatedCompletionAt: Date
  adverseItems: AdverseItemRecord[]
}

export type AdverseActionStatus = 'pending' | 'complete' | 'dispute' | 'canceled'

export interface AdverseActionRecord {
  id: string
  reportId: string
  status: AdverseActionStatus
  createdAt: Date
  postNoticeScheduledAt: Date
  postNoticeReadyAt: Date
  canceledAt: Date | null
  adverseItemIds: readonly string[]
}

/** Checkr treats an adverse action as active until it is canceled (or a dispute ended it). */
export function isActiveAdverseAction(action: AdverseActionRecord): boolean {
  return action.status === 'pending' || action.status === 'complete'
}
