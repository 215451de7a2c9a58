import type { Policy } from './policy'

/** One FCRA disclosure-and-authorization signature. Append-only: never edited, never deleted. */
export interface ConsentRecord {
  id: string
  subjectId: string
  /** The version of the disclosure and authorization text the subject saw. */
  disclosureVersion: string
  /** SHA-256 of the exact authorization text shown, so the evidence survives text edits. */
  authorizationTextHash: string
  /** The name the subject typed as their signature. */
  signatureName: string
  signedAt: Date
  ip: string | null
  userAgent: string | null
}

export type ConsentDecision =
  | { ok: true; consent: ConsentRecord; reusableUntil: Date }
  | { ok: false; code: 'consent_required' | 'consent_expired' | 'consent_outdated'; message: string }

/**
 * Whether an invite or re-check may rely on the subject's consents: the newest consent for the
 * current disclosure version must be inside the reuse window. A consent for an older disclosure
 * version never counts, however recent.
 */
export function evaluateConsent(consents: readonly ConsentRecord[], now: Date, policy: Policy): ConsentDecision {
  const { disclosureVersion, reuseWindowHours } = policy.consent
  const windowMs = reuseWindowHours * 3600 * 1000
  const signed = consents.filter((consent) => consent.signedAt.getTime() <= now.getTime())
  if (signed.length === 0) {
    return { ok: false, code: 'consent_required', message: 'the subject has not consented to a background check' }
  }
  const current = signed
    .filter((consent) => consent.disclosureVersion === disclosureVersion)
    .sort((a, b) => b.signedAt.getTime() - a.signedAt.getTime())[0]
  if (current === undefined) {
    return {
      ok: false,
      code: 'consent_outdated',
      message: `the subject's consent is for an older disclosure; consent to version ${disclosureVersion} is required`,
    }
  }
  const reusableUntil = new Date(current.signedAt.getTime() + windowMs)
  if (now.getTime() >= reusableUntil.getTime()) {
    return {
      ok: false,
      code: 'consent_expired',
      message: `the subject's consent is older than ${reuseWindowHours} hours; consent again`,
    }
  }
  return { ok: true, consent: current, reusableUntil }
}
