import type { CheckRecord } from '../ports/storage'

/**
 * A check as the HTTP API shows it: the state flattened, provider ids omitted (only the URL).
 * `wait` counts the business days left of a running adverse-action wait (it needs the clock).
 */
export function toCheckJson(check: CheckRecord, wait: { businessDaysRemaining(check: CheckRecord): number | null }) {
  const { state } = check
  const aa = state.adverseAction
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
    reportEta: state.reportEta,
    clearedAt: state.clearedAt,
    validUntil: state.validUntil,
    adverseAction: aa
      ? {
          startedAt: aa.startedAt,
          adverseItemIds: [...aa.adverseItemIds],
          medium: aa.medium,
          writtenDispute: aa.writtenDispute,
          waitBusinessDays: aa.waitBusinessDays,
          businessDaysElapsed: aa.businessDaysElapsed,
          paused: aa.runningSince === null,
          finalNoticeDueAt: aa.finalNoticeDueAt,
          businessDaysRemaining: wait.businessDaysRemaining(check),
        }
      : null,
    dispute: state.dispute,
    inDispute: state.dispute !== null,
    finalAdverseAt: state.finalAdverseAt,
    closedAt: state.closedAt,
    closedReason: state.closedReason,
    invitationUrl: state.status === 'invited' ? check.invitationUrl : null,
    previousCheckId: check.previousCheckId,
    nextReminderAt: check.nextReminderAt,
    createdAt: check.createdAt,
    updatedAt: check.updatedAt,
  }
}
