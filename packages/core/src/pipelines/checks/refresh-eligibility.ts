import { eligibility, type Eligibility } from '../../domain/eligibility'
import type { Storage, SubjectRecord } from '../../ports/storage'
import type { EngineContext } from '../engine-context'
import { appendEvent } from './check-effects'

/**
 * Re-derives the subject's eligibility from its checks and materialises it (`eligible_until`, read
 * by the go-live gate). Losing it takes the host's row offline in the same transaction, so no
 * window exists in which an ineligible subject stays live. Call with the subject locked.
 */
export async function refreshEligibility(
  ctx: EngineContext,
  tx: Storage,
  subjectId: string,
  now: Date,
  /** The subject row as just locked, when the caller has it (saves a read). */
  locked?: SubjectRecord | null,
): Promise<Eligibility> {
  const subject = locked ?? (await tx.subjects.get(subjectId))
  const checks = await tx.checks.listForSubject(subjectId)
  const result = eligibility(checks, now, ctx.policy)
  const before = subject?.eligibleUntil ?? null
  const after = result.eligibleUntil
  if ((before?.getTime() ?? null) === (after?.getTime() ?? null)) return result

  await tx.subjects.setEligibleUntil(subjectId, after, now)
  if (!result.eligible) await tx.subjects.takeOffline(subjectId)
  // Any change of the materialised value is news for the host: gained, extended or lost.
  await appendEvent(ctx, tx, {
    type: 'subject.eligibility_changed',
    subjectId,
    checkId: result.basisCheckId,
    payload: { subjectId, eligible: result.eligible, eligibleUntil: after?.toISOString() ?? null, reason: result.reason },
    now,
  })
  return result
}
