import type { CallOptions, CheckStatus, VetkitClient } from '@vetkit/core/client'
import { IN_PROGRESS_STATUSES, TERMINAL_STATUSES } from '../api/status-groups'
import type { CheckJson } from '../api/types'
import { finalizeBlock, type ActionBlock } from './action-block'

/** What the admin typed or chose before confirming. */
export interface ActionInput {
  reason: string
  adverseItemIds: readonly string[]
}

export interface CheckActionSpec {
  /** Offered (shown) for a check in this state. */
  offered(check: CheckJson): boolean
  /** Offered but not runnable yet, and why; null when it may run. */
  blocked(check: CheckJson, now: number): ActionBlock | null
  /** Cannot be undone: asks for confirmation in an alert dialog first. */
  irreversible: boolean
  /** The reason or note: recorded in the history. `required` is the API's rule, not the form's. */
  note: 'none' | 'optional' | 'required'
  /** The pre-adverse notice names report items: the dialog lists them with checkboxes. */
  choosesAdverseItems: boolean
  tone: 'primary' | 'danger' | 'neutral'
  /** Runs it and answers the id of the check to show next (a re-check answers the new one). */
  run(client: VetkitClient, check: CheckJson, input: ActionInput, options: CallOptions): Promise<string>
}

const is = (...statuses: CheckStatus[]) => (check: CheckJson) => statuses.includes(check.status)
const never = () => null
const params = (check: CheckJson) => ({ checkId: check.id })
const optionalReason = (input: ActionInput) => (input.reason.trim() === '' ? {} : { reason: input.reason })

/**
 * Every decision the console offers on a check, in the order its buttons appear. Which ones a
 * status offers mirrors the lifecycle table in core; the API still decides, and its refusal (a
 * 409 with its code) is shown as it comes.
 */
export const CHECK_ACTIONS = {
  clear: {
    offered: is('consider'),
    blocked: never,
    irreversible: true,
    note: 'optional',
    choosesAdverseItems: false,
    tone: 'primary',
    run: async (client, check, input, options) => (await client.clear({ params: params(check), body: optionalReason(input) }, options)).id,
  },
  startAdverseAction: {
    offered: is('consider'),
    blocked: never,
    irreversible: true,
    note: 'optional',
    choosesAdverseItems: true,
    tone: 'danger',
    run: async (client, check, input, options) =>
      (await client.startAdverseAction({ params: params(check), body: { adverseItemIds: [...input.adverseItemIds], ...optionalReason(input) } }, options)).id,
  },
  finalizeAdverseAction: {
    offered: is('pre_adverse'),
    blocked: finalizeBlock,
    irreversible: true,
    note: 'optional',
    choosesAdverseItems: false,
    tone: 'danger',
    run: async (client, check, input, options) => (await client.finalizeAdverseAction({ params: params(check), body: optionalReason(input) }, options)).id,
  },
  cancelAdverseAction: {
    offered: is('pre_adverse'),
    blocked: never,
    irreversible: true,
    note: 'optional',
    choosesAdverseItems: false,
    tone: 'neutral',
    run: async (client, check, input, options) => (await client.cancelAdverseAction({ params: params(check), body: optionalReason(input) }, options)).id,
  },
  openDispute: {
    offered: is('pre_adverse'),
    blocked: never,
    irreversible: false,
    note: 'required',
    choosesAdverseItems: false,
    tone: 'neutral',
    run: async (client, check, input, options) => (await client.openDispute({ params: params(check), body: { reason: input.reason } }, options)).id,
  },
  resolveDispute: {
    // A dispute of a clear report leaves the check passed, with the dispute open.
    offered: (check) => check.status === 'disputed' || (check.status === 'passed' && check.inDispute),
    blocked: never,
    irreversible: false,
    note: 'required',
    choosesAdverseItems: false,
    tone: 'primary',
    run: async (client, check, input, options) => (await client.resolveDispute({ params: params(check), body: { reason: input.reason } }, options)).id,
  },
  cancelCheck: {
    offered: is(...IN_PROGRESS_STATUSES),
    blocked: never,
    irreversible: true,
    note: 'optional',
    choosesAdverseItems: false,
    tone: 'danger',
    run: async (client, check, input, options) => (await client.cancelCheck({ params: params(check), body: optionalReason(input) }, options)).id,
  },
  adminRecheck: {
    offered: is(...TERMINAL_STATUSES),
    blocked: never,
    // Not undoable either: the provider invites the worker and bills the screening.
    irreversible: true,
    note: 'none',
    choosesAdverseItems: false,
    tone: 'primary',
    run: async (client, check, _input, options) => (await client.adminRecheck({ params: { subjectId: check.subjectId }, body: {} }, options)).check.id,
  },
} as const satisfies Record<string, CheckActionSpec>

export type CheckActionName = keyof typeof CHECK_ACTIONS
export const CHECK_ACTION_NAMES = Object.keys(CHECK_ACTIONS) as CheckActionName[]

/** The actions a check offers now, in button order. */
export function offeredActions(check: CheckJson): CheckActionName[] {
  return CHECK_ACTION_NAMES.filter((name) => CHECK_ACTIONS[name].offered(check))
}
