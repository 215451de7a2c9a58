import type { CheckStatus } from './check-status'
import type { EligibilityReason } from './eligibility'

/**
 * The events a host receives (through `onEvent`, or by polling the outbox), one row per type:
 * what each carries. Ids, statuses and times (ISO strings) only, never PII.
 */
export interface HostEventPayloads {
  'check.invited': { checkId: string; subjectId: string; recheck: boolean; previousCheckId: string | null }
  'check.status_changed': { checkId: string; subjectId: string; from: CheckStatus; to: CheckStatus; cause: string }
  'check.completed': { checkId: string; subjectId: string; outcome: 'clear' | 'consider' | null; status: CheckStatus }
  'subject.eligibility_changed': { subjectId: string; eligible: boolean; eligibleUntil: string | null; reason: EligibilityReason }
  'adverse_action.started': { checkId: string; subjectId: string; finalNoticeDueAt: string | null; source: string }
  'adverse_action.finalized': { checkId: string; subjectId: string; at: string; source: string }
  'adverse_action.canceled': { checkId: string; subjectId: string }
  'dispute.opened': { checkId: string; subjectId: string; source: string }
  'dispute.resolved': { checkId: string; subjectId: string; status: CheckStatus; source: string }
}

export type HostEventType = keyof HostEventPayloads

/** Host events, delivered at least once from the transactional outbox. Narrow on `type`. */
export type HostEvent = {
  [T in HostEventType]: { id: string; type: T; subjectId: string | null; checkId: string | null; payload: HostEventPayloads[T]; createdAt: Date }
}[HostEventType]

