import { applyCheckEvent, type ApplyResult } from '../../domain/apply-check-event'
import type { CheckEvent } from '../../domain/check-events'
import { expiryReminders } from '../../domain/expiry'
import type { CheckRecord, HistoryEntry, Storage } from '../../ports/storage'
import { VetkitError } from '../../errors'
import type { EngineContext } from '../engine-context'
import { recordTransitionEffects } from './check-effects'
import { refreshEligibility } from './refresh-eligibility'
import { recordTransitionMetrics } from './transition-metrics'

export interface CommitOptions {
  /** The webhook ledger entry that carried a provider event. */
  webhookEventId?: string | null
  /** Why (admin note): kept in the history. */
  reason?: string | null
  /** Extra structured history context (never PII, never provider ids). */
  details?: Record<string, unknown> | null
  /** The provider's adverse action this event started (provider mode): kept sealed on the check. */
  providerAdverseActionId?: string
}

export interface CommitResult {
  result: ApplyResult
  check: CheckRecord
  /** The check as it was read before deciding (for what the transition changed). */
  before: CheckRecord
}

const MAX_CAS_ATTEMPTS = 5

/**
 * Applies one event to one check, atomically: lock the subject (serialising every decision about
 * it), read the check, decide with the pure state machine, compare-and-set, append history, record
 * effects (outbox, emails, jobs) and re-derive eligibility, all in one transaction. A lost
 * compare-and-set (a writer that did not take the lock) re-runs the whole decision.
 */
export async function commitCheckEvent(ctx: EngineContext, checkId: string, event: CheckEvent, options: CommitOptions = {}): Promise<CommitResult> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await ctx.storage.transaction((tx) => commitInTransaction(ctx, tx, checkId, event, options))
    if (outcome !== 'conflict') {
      recordTransitionMetrics(ctx.metrics, outcome.before, outcome.result)
      return outcome
    }
    if (attempt >= MAX_CAS_ATTEMPTS) throw new VetkitError('conflict', 'the check kept changing while this decision was being applied; retry')
  }
}

export async function commitInTransaction(
  ctx: EngineContext,
  tx: Storage,
  checkId: string,
  event: CheckEvent,
  options: CommitOptions,
  /** The check's subject, when the caller already knows it: saves a read before the lock. */
  knownSubjectId?: string,
): Promise<CommitResult | 'conflict'> {
  let subjectId = knownSubjectId
  if (subjectId === undefined) {
    const peek = await tx.checks.get(checkId)
    if (!peek) throw new VetkitError('not_found', 'no such check', { field: 'checkId' })
    subjectId = peek.subjectId
  }
  const subject = await tx.subjects.lock(subjectId)
  const check = await tx.checks.get(checkId)
  if (!check || check.subjectId !== subjectId) throw new VetkitError('not_found', 'no such check', { field: 'checkId' })
  const now = ctx.clock.now()
  const result = applyCheckEvent(check.state, event, ctx.transitions)

  if (result.kind === 'rejected') return { result, check, before: check }
  const changed = JSON.stringify(result.state) !== JSON.stringify(check.state)
  if (result.kind === 'ignored' && !changed) return { result, check, before: check }

  // A pass whose validity did not move keeps its reminder schedule.
  const sameValidity = check.state.validUntil?.getTime() === result.state.validUntil?.getTime() && check.state.status === result.state.status
  const nextReminderAt = sameValidity ? check.nextReminderAt : reminderAfter(ctx, result.state.status === 'passed' ? result.state.validUntil : null, now)
  const won = await tx.checks.compareAndSet({
    id: check.id,
    provider: check.provider,
    expectedVersion: check.version,
    state: result.state,
    nextReminderAt,
    ...(options.providerAdverseActionId !== undefined ? { providerAdverseActionId: options.providerAdverseActionId } : {}),
    now,
  })
  if (!won) return 'conflict'
  const updated: CheckRecord = {
    ...check,
    state: result.state,
    version: check.version + 1,
    nextReminderAt,
    updatedAt: now,
    providerAdverseActionId: options.providerAdverseActionId ?? check.providerAdverseActionId,
  }
  if (result.kind === 'ignored') return { result, check: updated, before: check }

  await tx.history.append(historyEntry(check, event, result, now, options))
  await recordTransitionEffects(ctx, tx, updated, check.state, result, now)
  await refreshEligibility(ctx, tx, check.subjectId, now, subject)
  return { result, check: updated, before: check }
}

/**
 * When the expiry sweep should next look at a pass: its earliest reminder still ahead, or the
 * latest one already due (the sweep sends it once), or null for anything but a pass.
 */
function reminderAfter(ctx: EngineContext, validUntil: Date | null, now: Date): Date | null {
  if (validUntil === null) return null
  const reminders = expiryReminders(validUntil, ctx.policy).map((r) => r.dueAt.getTime())
  const next = reminders.find((at) => at > now.getTime()) ?? reminders.at(-1)
  return next === undefined ? validUntil : new Date(next)
}

function historyEntry(check: CheckRecord, event: CheckEvent, result: Extract<ApplyResult, { kind: 'applied' }>, now: Date, options: CommitOptions): HistoryEntry {
  const provider = event.source === 'provider'
  const details: Record<string, unknown> = { ...(options.details ?? {}) }
  if (result.state.adverseAction && (result.key === 'adverse.started' || result.key === 'report.pre_adverse_action')) {
    details.finalNoticeDueAt = result.state.adverseAction.finalNoticeDueAt?.toISOString() ?? null
    details.waitBusinessDays = result.state.adverseAction.waitBusinessDays
    details.adverseItemIds = [...result.state.adverseAction.adverseItemIds]
  }
  if (result.to === 'passed' && result.state.validUntil) details.validUntil = result.state.validUntil.toISOString()
  // A revision (`report.updated`) is recorded under the event it implied; say which one carried it.
  if (provider && event.type === 'report.updated') details.providerEvent = event.type
  // The dispute pause, for the audit: the whole business days banked, and the new date when resumed.
  const before = check.state.adverseAction
  const after = result.state.adverseAction
  if (before && after && before.runningSince !== null && after.runningSince === null) details.businessDaysElapsed = after.businessDaysElapsed
  if (before && after && before.runningSince === null && after.runningSince !== null) {
    details.businessDaysElapsed = after.businessDaysElapsed
    details.finalNoticeDueAt = after.finalNoticeDueAt?.toISOString() ?? null
  }
  return {
    checkId: check.id,
    subjectId: check.subjectId,
    eventType: result.key,
    fromStatus: result.from,
    toStatus: result.to,
    actorKind: provider ? 'provider' : event.actor.kind,
    actorId: provider ? check.provider : event.actor.id,
    reason: options.reason ?? (provider ? null : (event.reason ?? null)),
    webhookEventId: options.webhookEventId ?? null,
    details: Object.keys(details).length > 0 ? details : null,
    occurredAt: provider ? event.occurredAt : event.at,
    recordedAt: now,
  }
}
