import { evaluateConsent } from '../domain/consent'
import { eligibility, type EligibilityReason } from '../domain/eligibility'
import { renewalState, type RenewalState } from '../domain/expiry'
import { isInProgress, type CheckStatus } from '../domain/check-status'
import type { EngineContext } from '../pipelines/engine-context'

export interface SubjectStatus {
  subjectId: string
  /** `not_started` when the subject has no check: never reported as a failure. */
  status: CheckStatus | 'not_started'
  eligible: boolean
  eligibleUntil: Date | null
  reason: EligibilityReason
  checkId: string | null
  /** The provider's hosted flow, while the newest check waits for the subject. */
  invitationUrl: string | null
  validUntil: Date | null
  /** The provider's completion estimate, while the newest check screens. */
  reportEta: Date | null
  /** For a pass: whether a re-check is due (inside the renewal window) or it has expired. */
  renewal: RenewalState | null
  consent: { valid: boolean; reusableUntil: Date | null }
}

export async function subjectStatus(ctx: EngineContext, subjectId: string): Promise<SubjectStatus> {
  const now = ctx.clock.now()
  const checks = await ctx.storage.checks.listForSubject(subjectId)
  const newest = checks.at(-1) ?? null
  const derived = eligibility(checks, now, ctx.policy)
  const consent = evaluateConsent(await ctx.storage.consents.listForSubject(subjectId, 20), now, ctx.policy)
  const basis = checks.find((c) => c.id === derived.basisCheckId) ?? null
  const validUntil = basis?.state.validUntil ?? newest?.state.validUntil ?? null
  return {
    subjectId,
    status: newest?.state.status ?? 'not_started',
    eligible: derived.eligible,
    eligibleUntil: derived.eligibleUntil,
    reason: derived.reason,
    checkId: newest?.id ?? null,
    invitationUrl: newest?.state.status === 'invited' ? newest.invitationUrl : null,
    validUntil,
    reportEta: newest && isInProgress(newest.state.status) ? newest.state.reportEta : null,
    renewal: validUntil ? renewalState(validUntil, now, ctx.policy) : null,
    consent: consent.ok ? { valid: true, reusableUntil: consent.reusableUntil } : { valid: false, reusableUntil: null },
  }
}
