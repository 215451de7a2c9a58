import type { CheckRecord } from '../ports/storage'

/** A check as the HTTP API shows it: the state flattened, provider ids omitted (only the URL). */
export function toCheckJson(check: CheckRecord) {
  const { state } = check
  return {
    id: check.id,
    subjectId: check.subjectId,
    provider: check.provider,
    packageSlug: check.packageSlug,
    version: check.version,
    status: state.status,
    jurisdiction: state.jurisdiction,
    outcome: state.outcome,
    reportCompletedAt: state.reportCompletedAt,
    clearedAt: state.clearedAt,
    validUntil: state.validUntil,
    adverseAction: state.adverseAction ? { ...state.adverseAction, adverseItemIds: [...state.adverseAction.adverseItemIds] } : null,
    dispute: state.dispute,
    finalAdverseAt: state.finalAdverseAt,
    closedAt: state.closedAt,
    invitationUrl: state.status === 'invited' ? check.invitationUrl : null,
    previousCheckId: check.previousCheckId,
    nextReminderAt: check.nextReminderAt,
    createdAt: check.createdAt,
    updatedAt: check.updatedAt,
  }
}
