import type { WaitClock } from './adverse-action/wait-clock'
import { pauseWait, resumeWait } from './adverse-action/wait-pause'
import type { CheckEvent, NoticeMedium, ProviderCheckEvent } from './check-events'
import type { AdverseActionState, CheckState, ClosedReason } from './check-state'
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
  /** Business-day arithmetic in the jurisdiction's zone and calendar (the dispute pause counts in it). */
  waitClock(jurisdiction: string): WaitClock
}

export type ApplyResult =
  | { kind: 'applied'; key: TransitionKey; from: CheckStatus; to: CheckStatus; state: CheckState }
  /**
   * The status does not move. `state` may still differ from the input: a stale completion fills in
   * completion facts the check lacks (persist it when it changed).
   */
  | { kind: 'ignored'; reason: 'duplicate' | 'stale' | 'no_change'; state: CheckState }
  | { kind: 'rejected'; error: TransitionError; state: CheckState }

/** An event that maps to one row of the transition table (a revision maps through the event it implies). */
export type TransitionEvent = Exclude<CheckEvent, { type: 'report.updated' }>

export function transitionKey(event: TransitionEvent): TransitionKey {
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
  if (event.source === 'provider') {
    const fresh = freshness(event, state.providerCursor)
    if (fresh !== 'newer') return { kind: 'ignored', reason: fresh, state: mergeCompletionFacts(state, event) }
  }
  if (event.type === 'report.updated') return applyRevision(state, event, ctx)
  return applyTransition(state, event, ctx)
}

/**
 * A revised report is judged by what it implies now, with the rules of that event. A revision
 * that changes nothing (the same verdict, only a new ETA) is no transition: the ETA is kept, the
 * cursor stays, and nothing is sent.
 */
function applyRevision(state: CheckState, event: Extract<ProviderCheckEvent, { type: 'report.updated' }>, ctx: CheckTransitionContext): ApplyResult {
  const withEta: CheckState = { ...state, reportEta: event.report.eta ?? state.reportEta }
  const implied = impliedByRevision(event)
  if (implied === null) return { kind: 'ignored', reason: 'no_change', state: withEta }
  const result = applyTransition(withEta, implied, ctx)
  if (result.kind !== 'applied') return result
  const moved = { ...result.state, providerCursor: cursorOf(event) }
  if (result.from === result.to && sameFacts(moved, withEta)) return { kind: 'ignored', reason: 'no_change', state: withEta }
  return { ...result, state: moved }
}

/** The event a revised report stands for: its adjudication, else its completion; null while it screens. */
function impliedByRevision(event: Extract<ProviderCheckEvent, { type: 'report.updated' }>): TransitionEvent | null {
  const { report, occurredAt, reportId } = event
  const base = { source: 'provider' as const, occurredAt, reportId, eta: report.eta }
  switch (report.adjudication) {
    case 'post_adverse_action':
      return { ...base, type: 'report.post_adverse_action' }
    case 'pre_adverse_action':
      return { ...base, type: 'report.pre_adverse_action' }
    default:
      break
  }
  if (report.status !== 'complete' || report.completedAt === null) return null
  if (report.adjudication === 'engaged') return { ...base, type: 'report.engaged', completedAt: report.completedAt }
  return { ...base, type: 'report.completed', completedAt: report.completedAt, result: report.result, assessment: report.assessment }
}

/** Equal but for the cursor and the ETA: the revision moved nothing that matters. */
function sameFacts(a: CheckState, b: CheckState): boolean {
  const strip = (state: CheckState) => JSON.stringify({ ...state, providerCursor: null, reportEta: null })
  return strip(a) === strip(b)
}

const CLOSED_BY: Partial<Record<TransitionKey, ClosedReason>> = {
  'invitation.expired': 'invitation_expired',
  'invitation.canceled': 'invitation_canceled',
  'report.canceled': 'report_canceled',
  'check.canceled': 'check_canceled',
  'adverse.finalized': 'adverse_action',
  'report.post_adverse_action': 'adverse_action',
  'validity.expired': 'validity_expired',
}

function applyTransition(state: CheckState, event: TransitionEvent, ctx: CheckTransitionContext): ApplyResult {
  const key = transitionKey(event)
  const reject = (code: TransitionErrorCode, message: string): ApplyResult => ({
    kind: 'rejected',
    error: new TransitionError(code, state.status, event.type, message),
    state,
  })

  if (event.source === 'provider') {
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
  const at = eventTimeOf(event)
  let next: CheckState = { ...state, status: to }
  if (event.source === 'provider') {
    next.providerCursor = cursorOf(event)
    next.reportId = reportIdOf(event) ?? state.reportId
    if ('eta' in event && event.eta !== undefined) next.reportEta = event.eta
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

  // Leaving `disputed` by any route (resolution, re-completion, a newer provider decision) ends it,
  // and a re-completed report ends a dispute open on a pass.
  if (to !== 'disputed' && next.dispute) next = resumeAfterDispute(next, at, ctx)
  if (to === 'passed') {
    if (next.reportCompletedAt === null) {
      return reject('report_not_completed', 'the report completion time is unknown; re-read the report first')
    }
    // Validity always runs from the report's completion, whoever cleared it (admin included).
    next.validUntil = validUntilFrom(next.reportCompletedAt, ctx.policy.validity)
    next.clearedAt = state.status === 'passed' ? state.clearedAt : at
    next.adverseAction = null
    next.dispute = null
    // A clear report disputed at the provider: the worker stays cleared, and the dispute is on record.
    if (key === 'report.disputed') next.dispute = state.dispute ?? { openedAt: at, source: 'provider', writtenDispute: false }
  }
  // Leaving `passed` for a review keeps `clearedAt` and `validUntil`: a revised report never takes
  // a cleared worker offline by itself, only a final adverse action (or the pass's own expiry) does.
  if (isTerminal(to) && !isTerminal(state.status)) {
    // A closed check schedules nothing: an open dispute ends; a failing adverse action stays on record.
    next = { ...next, closedAt: at, closedReason: CLOSED_BY[key] ?? null, dispute: null }
    if (to !== 'failed') next.adverseAction = null
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
  return {
    startedAt: at,
    adverseItemIds: [...adverseItemIds],
    medium,
    writtenDispute: false,
    earliestFinalAt,
    waitBusinessDays: ctx.waitClock(state.jurisdiction).elapsed(at, earliestFinalAt),
    businessDaysElapsed: 0,
    runningSince: at,
    finalNoticeDueAt: earliestFinalAt,
  }
}

/** A dispute stops the wait's clock; a written dispute may also lengthen the wait (California). */
function openDispute(
  state: CheckState,
  event: Extract<CheckEvent, { type: 'dispute.opened' | 'report.disputed' }>,
  ctx: CheckTransitionContext,
): CheckState {
  const writtenDispute = event.type === 'dispute.opened' && event.writtenDispute
  const openedAt = eventTimeOf(event)
  let adverseAction = state.adverseAction
  if (adverseAction) {
    const clock = ctx.waitClock(state.jurisdiction)
    adverseAction = pauseWait(adverseAction, openedAt, clock)
    if (writtenDispute && !adverseAction.writtenDispute) {
      const earliestFinalAt = ctx.earliestFinalNoticeAt({
        jurisdiction: state.jurisdiction,
        preAdverseNoticeAt: adverseAction.startedAt,
        medium: adverseAction.medium,
        writtenDispute: true,
      })
      adverseAction = { ...adverseAction, writtenDispute: true, earliestFinalAt, waitBusinessDays: clock.elapsed(adverseAction.startedAt, earliestFinalAt) }
    }
  }
  return {
    ...state,
    adverseAction,
    dispute: { openedAt, source: event.source, writtenDispute },
  }
}

/** The dispute ends: the wait's clock runs again, the remaining business days from now. */
function resumeAfterDispute(state: CheckState, resolvedAt: Date, ctx: CheckTransitionContext): CheckState {
  const adverseAction = state.adverseAction ? resumeWait(state.adverseAction, resolvedAt, ctx.waitClock(state.jurisdiction)) : null
  return { ...state, adverseAction, dispute: null }
}
