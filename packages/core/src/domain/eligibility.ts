import type { CheckState } from './check-state'
import { IN_REVIEW_STATUSES, isInProgress, type CheckStatus } from './check-status'
import { gracePeriodMs } from './expiry'
import type { Policy } from './policy'

/** A check as eligibility sees it. */
export interface SubjectCheck {
  id: string
  createdAt: Date
  state: Pick<CheckState, 'status' | 'validUntil' | 'clearedAt' | 'finalAdverseAt'>
}

export type EligibilityReason =
  | 'passed'
  | 'not_started'
  | 'in_progress'
  | 'in_review'
  | 'adverse_action_final'
  | 'expired'
  | 'canceled'

export interface Eligibility {
  eligible: boolean
  /** Until when the subject may be live, if nothing else happens. The go-live gate checks it. */
  eligibleUntil: Date | null
  /** The passed check that makes the subject eligible. */
  basisCheckId: string | null
  /** Why: the basis when eligible, else what the newest check is doing. */
  reason: EligibilityReason
}

/**
 * The go-live rule, derived from the subject's checks and never stored by hand: eligible iff a
 * passed check is unexpired and no final adverse action came after its clearance. A pass whose
 * report was revised to `consider` (and is now reviewed, in adverse action or disputed) keeps
 * counting until it expires or a final adverse action ends it: only the adverse-action process
 * takes a cleared worker offline. With the
 * `suspend` re-check policy only the newest check counts; with `keep_clearance` an older pass
 * keeps counting while a re-check runs (and, during a re-check, for the grace period after expiry).
 */
export function eligibility(checks: readonly SubjectCheck[], now: Date, policy: Policy): Eligibility {
  const newestFirst = [...checks].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
  const newest = newestFirst[0]
  if (newest === undefined) return { eligible: false, eligibleUntil: null, basisCheckId: null, reason: 'not_started' }

  const recheckRunning = isInProgress(newest.state.status) && newestFirst.length > 1
  const finalAdverseTimes = newestFirst.flatMap((check) =>
    check.state.finalAdverseAt ? [check.state.finalAdverseAt.getTime()] : [],
  )
  const candidates = policy.recheck.whileEligible === 'suspend' ? [newest] : newestFirst

  let best: { id: string; until: number } | null = null
  for (const check of candidates) {
    const { status, validUntil, clearedAt } = check.state
    if (!holdsClearance(status) || validUntil === null || clearedAt === null) continue
    if (finalAdverseTimes.some((at) => at >= clearedAt.getTime())) continue
    const grace = recheckRunning && check !== newest ? gracePeriodMs(policy) : 0
    const until = validUntil.getTime() + grace
    if (until > now.getTime() && (best === null || until > best.until)) best = { id: check.id, until }
  }
  if (best) return { eligible: true, eligibleUntil: new Date(best.until), basisCheckId: best.id, reason: 'passed' }
  return { eligible: false, eligibleUntil: null, basisCheckId: null, reason: ineligibleReason(newest.state.status) }
}

/** A pass, or a pass under review after its report was revised (it keeps `clearedAt`). */
function holdsClearance(status: CheckStatus): boolean {
  return status === 'passed' || IN_REVIEW_STATUSES.includes(status)
}

function ineligibleReason(status: CheckStatus): EligibilityReason {
  switch (status) {
    case 'invited':
    case 'pending':
    case 'suspended':
      return 'in_progress'
    case 'consider':
    case 'pre_adverse':
    case 'disputed':
      return 'in_review'
    case 'failed':
      return 'adverse_action_final'
    case 'canceled':
      return 'canceled'
    case 'passed':
    case 'expired':
      return 'expired'
  }
}
