import type { CheckEvent, NoticeMedium, ProviderCheckEvent } from './check-events'
import type { AdverseActionState, CheckState } from './check-state'
import { isTerminal, type CheckStatus } from './check-status'
import { cursorOf, freshness } from './event-ordering'
import { validUntilFrom } from './expiry'
import type { Policy } from './policy'
import { reportOutcome } from './report-outcome'
import { TransitionError, type TransitionErrorCode } from './transition-error'
import { transitionTarget, type TransitionKey } from './transition-table'

/** What the state machine needs from outside: the policy and the jurisdiction wait rules. */
export interface CheckTransitionContext {
  policy: Policy
  earliestFinalNoticeAt(input: {
    jurisdiction: string
    preAdverseNoticeAt: Date
    medium: NoticeMedium
    writtenDispute: boolean
  }): Date
}

export type ApplyResult =
  | { kind: 'applied'; key: TransitionKey; from: CheckStatus; to: CheckStatus; state: CheckState }
  /**
   * The status does not move. `state` may still differ from the input: a stale completion fills in
   * completion facts the check lacks (persist it when it changed).
   */
  | { kind: 'ignored'; reason: 'duplicate' | 'stale'; state: CheckState }
  | { kind: 'rejected'; error: TransitionError; state: CheckState }

export function transitionKey(event: CheckEvent): TransitionKey {
  if (event.type === 'report.completed') {
    return reportOutcome(event) === 'clear' ? 'report.completed:clear' : 'report.completed:consider'
  }
  return event.type
}

const DECISIONS: readonly TransitionKey[] = ['review.cleared', 'adverse.started', 'adverse.finalized', 'dispute.opened']

/**
 * Applies one event to a check. Pure: the caller persists the new state with compare-and-set.
 *
 * Provider events older than the newest one applied (or exact duplicates) are ignored, so late or
 * repeated webhooks never move a check backwards and any delivery order ends in the same state.
 */
export function applyCheckEvent(state: CheckState, event: CheckEvent, ctx: CheckTransitionContext): ApplyResult {
  const key = transitionKey(event)
  const reject = (code: TransitionErrorCode, message: string): ApplyResult => ({
    kind: 'rejected',
    error: new TransitionError(code, state.status, event.type, message),
    state,
  })

  if (event.source === 'provider') {
    const fresh = freshness(event, state.providerCursor)
    if (fresh !== 'newer') return { kind: 'ignored', reason: fresh, state: mergeCompletionFacts(state, event) }
    const reportId = reportIdOf(event)
    if (reportId !== null && state.reportId !== null && reportId !== state.reportId) {
      return reject('report_mismatch', `event is for another report than the one this check is bound to`)
    }
  }

  const target = transitionTarget(state.status, key)
  if (target === undefined) {
    if (isTerminal(state.status)) return reject('check_closed', `a ${state.status} check cannot change; start a new check`)
    if (state.status === 'disputed' && DECISIONS.includes(key)) {
      return reject('dispute_open', `${event.type} is not allowed while a dispute is open`)
    }
    return reject('invalid_transition', `${event.type} is not allowed when the check is ${state.status}`)
  }

  const to: CheckStatus = target === 'review' ? (state.adverseAction ? 'pre_adverse' : 'consider') : target
  let next: CheckState = { ...state, status: to }
  if (event.source === 'provider') {
    next.providerCursor = cursorOf(event)
    next.reportId = reportIdOf(event) ?? state.reportId
  }

  switch (event.type) {
    case 'report.completed':
      next.outcome = reportOutcome(event)
      next.reportCompletedAt = event.completedAt
      break
    case 'report.engaged':
      next.reportCompletedAt = event.completedAt
      break
    case 'adverse.started': {
      if (event.adverseItemIds.length === 0) {
        return reject('adverse_items_required', 'choose at least one adverse item for the pre-adverse notice')
      }
      next.adverseAction = startAdverseAction(state, event.at, event.adverseItemIds, event.medium, ctx)
      break
    }
    case 'report.pre_adverse_action':
      // Started at the provider (e.g. from its dashboard): vetkit still tracks the wait.
      next.adverseAction = state.adverseAction ?? startAdverseAction(state, event.occurredAt, [], 'email', ctx)
      break
    case 'adverse.finalized': {
      const due = state.adverseAction?.finalNoticeDueAt
      if (due == null || event.at.getTime() < due.getTime()) {
        return reject(
          'adverse_wait_not_elapsed',
          due == null ? 'the final notice is paused' : `the final notice is not due until ${due.toISOString()}`,
        )
      }
      next.finalAdverseAt = event.at
      break
    }
    case 'report.post_adverse_action':
      next.finalAdverseAt = event.occurredAt
      break
    case 'adverse.canceled':
      if (!state.adverseAction) return reject('no_adverse_action', 'there is no adverse action to cancel')
      next.adverseAction = null
      break
    case 'dispute.opened':
    case 'report.disputed':
      if (to === 'disputed') next = openDispute(next, event, ctx)
      break
    case 'validity.expired':
      if (state.validUntil === null || event.at.getTime() < state.validUntil.getTime()) {
        return reject('not_yet_expired', 'the pass has not reached its validity end')
      }
      break
    default:
      break
  }

  // Leaving `disputed` by any route (resolution, re-completion, a newer provider decision) ends it.
  if (to !== 'disputed' && next.dispute) next = resumeAfterDispute(next, eventTimeOf(event))
  if (to === 'passed') {
    if (next.reportCompletedAt === null) {
      return reject('report_not_completed', 'the report completion time is unknown; re-read the report first')
    }
    // Validity always runs from the report's completion, whoever cleared it (admin included).
    next.validUntil = validUntilFrom(next.reportCompletedAt, ctx.policy.validity)
    next.clearedAt = state.status === 'passed' ? state.clearedAt : eventTimeOf(event)
    next.adverseAction = null
    next.dispute = null
  } else if (state.status === 'passed') {
    next.validUntil = to === 'expired' ? state.validUntil : null
    if (to !== 'expired') next.clearedAt = null
  }
  if (isTerminal(to) && !isTerminal(state.status)) {
    // A closed check schedules nothing: its adverse action and dispute live on in the history only.
    next = { ...next, closedAt: eventTimeOf(event), adverseAction: null, dispute: null }
  }
  return { kind: 'applied', key, from: state.status, to, state: next }
}

/**
 * When a later event (a dispute, an adverse action) overtook the completion, the completion still
 * carries facts the check needs: when the report completed and what it said. Only missing facts
 * are filled in, so the merge is order-independent.
 */
function mergeCompletionFacts(state: CheckState, event: ProviderCheckEvent): CheckState {
  if (state.reportCompletedAt !== null) return state
  if (event.type !== 'report.completed' && event.type !== 'report.engaged') return state
  if (state.reportId !== null && state.reportId !== event.reportId) return state
  return {
    ...state,
    reportId: event.reportId,
    reportCompletedAt: event.completedAt,
    outcome: event.type === 'report.completed' ? reportOutcome(event) : state.outcome,
  }
}

function reportIdOf(event: ProviderCheckEvent): string | null {
  return 'reportId' in event ? event.reportId : null
}

function eventTimeOf(event: CheckEvent): Date {
  return event.source === 'provider' ? event.occurredAt : event.at
}

function startAdverseAction(
  state: CheckState,
  at: Date,
  adverseItemIds: readonly string[],
  medium: NoticeMedium,
  ctx: CheckTransitionContext,
): AdverseActionState {
  const earliestFinalAt = ctx.earliestFinalNoticeAt({
    jurisdiction: state.jurisdiction,
    preAdverseNoticeAt: at,
    medium,
    writtenDispute: false,
  })
  return { startedAt: at, adverseItemIds: [...adverseItemIds], medium, writtenDispute: false, earliestFinalAt, finalNoticeDueAt: earliestFinalAt }
}

/** A dispute pauses the final notice; a written dispute may also lengthen the wait. */
function openDispute(
  state: CheckState,
  event: Extract<CheckEvent, { type: 'dispute.opened' | 'report.disputed' }>,
  ctx: CheckTransitionContext,
): CheckState {
  const writtenDispute = event.type === 'dispute.opened' && event.writtenDispute
  const openedAt = eventTimeOf(event)
  let adverseAction = state.adverseAction
  if (adverseAction) {
    const written = adverseAction.writtenDispute || writtenDispute
    const earliestFinalAt = written
      ? ctx.earliestFinalNoticeAt({
          jurisdiction: state.jurisdiction,
          preAdverseNoticeAt: adverseAction.startedAt,
          medium: adverseAction.medium,
          writtenDispute: true,
        })
      : adverseAction.earliestFinalAt
    adverseAction = { ...adverseAction, writtenDispute: written, earliestFinalAt, finalNoticeDueAt: null }
  }
  return {
    ...state,
    adverseAction,
    dispute: { openedAt, source: event.source, writtenDispute },
  }
}

/**
 * Resolving a dispute resumes the adverse action: at once if the wait has already elapsed,
 * otherwise at the moment it ends.
 */
function resumeAfterDispute(state: CheckState, resolvedAt: Date): CheckState {
  const adverseAction = state.adverseAction
    ? {
        ...state.adverseAction,
        finalNoticeDueAt: new Date(Math.max(state.adverseAction.earliestFinalAt.getTime(), resolvedAt.getTime())),
      }
    : null
  return { ...state, adverseAction, dispute: null }
}
