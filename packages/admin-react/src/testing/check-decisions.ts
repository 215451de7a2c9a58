import { IN_PROGRESS_STATUSES, TERMINAL_STATUSES } from '../api/status-groups'
import type { CheckJson } from '../api/types'
import { addBusinessDays, businessDaysBetween } from './business-days'
import { FixtureProblem } from './fixture-problem'

const DAY_MS = 86_400_000

/** What a decision asks for, from the request body. */
export interface DecisionInput {
  reason: string | null
  adverseItemIds: readonly string[]
  knownItemIds: readonly string[]
  writtenDispute: boolean
  waitBusinessDays: number
}

/** A decision's effect: the check after it, and the history entry's event type. */
export interface DecisionResult {
  check: CheckJson
  eventType: string
  /** An email the decision queues (a notice), by template. */
  email: string | null
}

type Decide = (check: CheckJson, input: DecisionInput, now: Date) => DecisionResult

/** The refusal vetkit gives a decision its lifecycle table has no row for. */
function refuse(check: CheckJson, eventType: string): never {
  if (TERMINAL_STATUSES.includes(check.status)) throw new FixtureProblem(409, 'check_closed', `a ${check.status} check cannot change; start a new check`)
  if (check.status === 'disputed') throw new FixtureProblem(409, 'dispute_open', `${eventType} is not allowed while a dispute is open`)
  throw new FixtureProblem(409, 'invalid_transition', `${eventType} is not allowed when the check is ${check.status}`)
}

function requireNote(input: DecisionInput): string {
  if (input.reason === null || input.reason.trim() === '') throw new FixtureProblem(422, 'invalid_input', 'reason: Too small: expected string to have >=1 characters', 'reason')
  return input.reason
}

/**
 * The admin decisions, as vetkit's lifecycle table allows them (a sample of its guards: the
 * adverse-action wait, the dispute pause, closed checks). Each answers the check after it.
 */
export const DECISIONS = {
  clear(check, _input, now) {
    if (check.status !== 'consider' && check.status !== 'pre_adverse') refuse(check, 'review.cleared')
    const at = now.toISOString()
    return {
      check: { ...check, status: 'passed', outcome: 'clear', clearedAt: at, validUntil: new Date(now.getTime() + 365 * DAY_MS).toISOString(), adverseAction: null },
      eventType: 'review.cleared',
      email: null,
    }
  },
  startAdverseAction(check, input, now) {
    if (input.adverseItemIds.length === 0) throw new FixtureProblem(422, 'invalid_input', 'adverseItemIds: Too small: expected array to have >=1 items', 'adverseItemIds')
    const unknown = input.adverseItemIds.find((id) => !input.knownItemIds.includes(id))
    if (unknown !== undefined) throw new FixtureProblem(422, 'unknown_adverse_item', `the report has no adverse item ${unknown}`, 'adverseItemIds')
    if (check.status !== 'consider') throw new FixtureProblem(409, 'invalid_transition', `adverse action starts from a consider check; this one is ${check.status}`, 'checkId')
    const due = addBusinessDays(now, input.waitBusinessDays)
    return {
      check: {
        ...check,
        status: 'pre_adverse',
        adverseAction: {
          startedAt: now.toISOString(),
          adverseItemIds: [...input.adverseItemIds],
          medium: 'email',
          writtenDispute: false,
          waitBusinessDays: input.waitBusinessDays,
          businessDaysElapsed: 0,
          paused: false,
          finalNoticeDueAt: due.toISOString(),
          businessDaysRemaining: input.waitBusinessDays,
        },
      },
      eventType: 'adverse.started',
      email: 'pre_adverse_notice',
    }
  },
  finalizeAdverseAction(check, _input, now) {
    if (check.status !== 'pre_adverse') refuse(check, 'adverse.finalized')
    const due = check.adverseAction?.finalNoticeDueAt ?? null
    if (due === null || now.getTime() < Date.parse(due)) {
      throw new FixtureProblem(409, 'adverse_wait_not_elapsed', due === null ? 'the final notice is paused' : `the final notice is not due until ${due}`)
    }
    const at = now.toISOString()
    return { check: { ...check, status: 'failed', finalAdverseAt: at, closedAt: at, closedReason: 'adverse_action' }, eventType: 'adverse.finalized', email: 'adverse_action_notice' }
  },
  cancelAdverseAction(check) {
    if (check.status !== 'pre_adverse' && check.status !== 'disputed') refuse(check, 'adverse.canceled')
    if (check.adverseAction === null) throw new FixtureProblem(409, 'no_adverse_action', 'there is no adverse action to cancel')
    return { check: { ...check, status: check.status === 'disputed' ? 'disputed' : 'consider', adverseAction: null }, eventType: 'adverse.canceled', email: null }
  },
  openDispute(check, input, now) {
    requireNote(input)
    if (check.status !== 'consider' && check.status !== 'pre_adverse') refuse(check, 'dispute.opened')
    const action = check.adverseAction
    return {
      check: {
        ...check,
        status: 'disputed',
        inDispute: true,
        dispute: { openedAt: now.toISOString(), source: 'vetkit', writtenDispute: input.writtenDispute },
        adverseAction:
          action === null
            ? null
            : { ...action, paused: true, finalNoticeDueAt: null, businessDaysRemaining: null, businessDaysElapsed: action.businessDaysElapsed + businessDaysBetween(new Date(action.startedAt), now) },
      },
      eventType: 'dispute.opened',
      email: null,
    }
  },
  resolveDispute(check, input, now) {
    requireNote(input)
    // A dispute of a clear report leaves the check passed; resolving it only closes the dispute.
    if (check.status === 'passed' && check.inDispute) return { check: { ...check, inDispute: false, dispute: null }, eventType: 'dispute.resolved', email: null }
    if (check.status !== 'disputed') refuse(check, 'dispute.resolved')
    const action = check.adverseAction
    const remaining = action === null ? 0 : Math.max(0, action.waitBusinessDays - action.businessDaysElapsed)
    return {
      check: {
        ...check,
        status: action === null ? 'consider' : 'pre_adverse',
        inDispute: false,
        dispute: null,
        adverseAction: action === null ? null : { ...action, paused: false, finalNoticeDueAt: addBusinessDays(now, remaining).toISOString(), businessDaysRemaining: remaining },
      },
      eventType: 'dispute.resolved',
      email: null,
    }
  },
  cancelCheck(check, _input, now) {
    if (!IN_PROGRESS_STATUSES.includes(check.status)) refuse(check, 'check.canceled')
    const at = now.toISOString()
    return { check: { ...check, status: 'canceled', closedAt: at, closedReason: 'check_canceled' }, eventType: 'check.canceled', email: null }
  },
} satisfies Record<string, Decide>

export type DecisionName = keyof typeof DECISIONS
