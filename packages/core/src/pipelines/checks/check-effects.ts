import type { ApplyResult } from '../../domain/apply-check-event'
import type { CheckState } from '../../domain/check-state'
import type { CheckStatus } from '../../domain/check-status'
import { newJob } from '../../jobs/jobs'
import type { CheckRecord, Storage } from '../../ports/storage'
import { uuidv7 } from '../../support/uuid'
import type { EngineContext, HostEventPayloads, HostEventType } from '../engine-context'

type Applied = Extract<ApplyResult, { kind: 'applied' }>

const IN_PROGRESS: readonly CheckStatus[] = ['invited', 'pending', 'suspended']

/**
 * What a transition makes happen besides the state change, written in the same transaction:
 * host events in the outbox, notices in the email table, and scheduled jobs. Each has a dedupe key,
 * so a replayed transition never sends twice.
 */
export async function recordTransitionEffects(ctx: EngineContext, tx: Storage, check: CheckRecord, previous: CheckState, result: Applied, now: Date): Promise<void> {
  const { from, to, state, key } = result
  const base = { subjectId: check.subjectId, checkId: check.id }
  await appendEvent(ctx, tx, { ...base, type: 'check.status_changed', payload: { checkId: check.id, subjectId: check.subjectId, from, to, cause: key }, now })

  if (IN_PROGRESS.includes(from) && (to === 'passed' || to === 'consider')) {
    await appendEvent(ctx, tx, { ...base, type: 'check.completed', payload: { checkId: check.id, subjectId: check.subjectId, outcome: state.outcome, status: to }, now })
  }
  if (to === 'consider' && from !== 'consider' && from !== 'pre_adverse' && from !== 'disputed') {
    // Once per check (a later re-check gets its own), never once per subject forever.
    await queueEmail(tx, { dedupeKey: `check:${check.id}:under_review`, template: 'check_under_review', check, data: {}, now })
  }
  if (key === 'adverse.started' || (key === 'report.pre_adverse_action' && from !== 'pre_adverse')) {
    const aa = state.adverseAction
    await appendEvent(ctx, tx, {
      ...base,
      type: 'adverse_action.started',
      payload: { checkId: check.id, subjectId: check.subjectId, finalNoticeDueAt: aa?.finalNoticeDueAt?.toISOString() ?? null, source: key },
      now,
    })
    if (key === 'adverse.started' && aa && ctx.policy.adverseAction.mode === 'self_managed') {
      await queueEmail(tx, {
        dedupeKey: `check:${check.id}:pre_adverse:${aa.startedAt.getTime()}`,
        template: 'pre_adverse_notice',
        check,
        data: { earliestFinalAt: aa.earliestFinalAt.toISOString(), adverseItemCount: aa.adverseItemIds.length },
        now,
      })
    }
  }
  if (to === 'failed' && state.finalAdverseAt) {
    await appendEvent(ctx, tx, { ...base, type: 'adverse_action.finalized', payload: { checkId: check.id, subjectId: check.subjectId, at: state.finalAdverseAt.toISOString(), source: key }, now })
    if (key === 'adverse.finalized' && ctx.policy.adverseAction.mode === 'self_managed') {
      await queueEmail(tx, { dedupeKey: `check:${check.id}:final_adverse`, template: 'final_adverse_notice', check, data: { decidedAt: state.finalAdverseAt.toISOString() }, now })
    }
  }
  if (key === 'adverse.canceled') {
    await appendEvent(ctx, tx, { ...base, type: 'adverse_action.canceled', payload: { checkId: check.id, subjectId: check.subjectId }, now })
  }
  // A dispute may open on a pass too (its clear report disputed): the flag, not the status, says so.
  if (state.dispute && !previous.dispute) {
    await appendEvent(ctx, tx, { ...base, type: 'dispute.opened', payload: { checkId: check.id, subjectId: check.subjectId, source: key }, now })
  }
  if (previous.dispute && !state.dispute) {
    await appendEvent(ctx, tx, { ...base, type: 'dispute.resolved', payload: { checkId: check.id, subjectId: check.subjectId, status: to, source: key }, now })
  }
  if (to === 'expired') {
    await queueEmail(tx, { dedupeKey: `check:${check.id}:expired`, template: 'check_expired', check, data: { expiredAt: (state.validUntil ?? now).toISOString() }, now })
  }
  // Self-managed automatic final notice: a job at the due time (a new one whenever the due time moves).
  const due = state.adverseAction?.finalNoticeDueAt
  if (to === 'pre_adverse' && due && ctx.policy.adverseAction.mode === 'self_managed' && ctx.policy.adverseAction.finalNotice === 'automatic') {
    await tx.jobs.enqueue(newJob('adverse.finalize', { checkId: check.id }, { runAt: due, now }))
  }
}

export async function appendEvent<T extends HostEventType>(
  ctx: Pick<EngineContext, 'onEvent'>,
  tx: Storage,
  input: { type: T; subjectId: string | null; checkId: string | null; payload: HostEventPayloads[T]; now: Date },
): Promise<void> {
  const { id } = await tx.outbox.append({ type: input.type, subjectId: input.subjectId, checkId: input.checkId, payload: input.payload, createdAt: input.now })
  // Hosts without a handler poll the outbox: no delivery job to run.
  if (!ctx.onEvent) return
  await tx.jobs.enqueue(newJob('outbox.deliver', { eventId: id }, { runAt: input.now, now: input.now }))
}

export async function queueEmail(
  tx: Storage,
  input: { dedupeKey: string; template: string; check: CheckRecord; data: Record<string, unknown>; now: Date },
): Promise<boolean> {
  const id = uuidv7(input.now.getTime())
  const inserted = await tx.emails.insertIfAbsent({
    id,
    dedupeKey: input.dedupeKey,
    subjectId: input.check.subjectId,
    checkId: input.check.id,
    template: input.template,
    data: input.data,
    createdAt: input.now,
  })
  if (inserted) {
    await tx.jobs.enqueue(newJob('email.send', { emailId: id }, { runAt: input.now, now: input.now }))
  }
  return inserted
}
