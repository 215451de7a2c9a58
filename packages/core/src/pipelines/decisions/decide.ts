import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Actor, VetkitCheckEvent } from '../../domain/check-events'
import { isInProgress } from '../../domain/check-status'
import { VetkitError } from '../../errors'
import type { CheckRecord } from '../../ports/storage'
import { commitCheckEvent, type CommitOptions } from '../checks/commit-check-event'
import type { EngineContext } from '../engine-context'
import { InputError, parseInput } from '../parse-input'
import { OPERATIONS } from '../../operations/operations'
import { actorField } from '../../support/input-fields'

/** An operation's fields (its path parameters and body, from `OPERATIONS`) plus the actor deciding. */
function decisionInput<P extends z.ZodRawShape, B extends z.ZodRawShape>(op: { params: z.ZodObject<P>; body: z.ZodObject<B> }) {
  return z.object({ ...op.params.shape, ...op.body.shape, actor: actorField }).strict()
}

export const decisionInputs = {
  clear: decisionInput(OPERATIONS.clear),
  startAdverseAction: decisionInput(OPERATIONS.startAdverseAction),
  finalizeAdverseAction: decisionInput(OPERATIONS.finalizeAdverseAction),
  cancelAdverseAction: decisionInput(OPERATIONS.cancelAdverseAction),
  openDispute: decisionInput(OPERATIONS.openDispute),
  resolveDispute: decisionInput(OPERATIONS.resolveDispute),
  cancelCheck: decisionInput(OPERATIONS.cancelCheck),
}

type Inputs = typeof decisionInputs
export type DecisionInput<K extends keyof Inputs> = z.input<Inputs[K]>

/**
 * The decisions a reviewer (or the host) takes on a check. Each is one state-machine event
 * committed atomically with its history row (actor and reason kept); one the state machine refuses
 * throws its typed error (`dispute_open`, `adverse_wait_not_elapsed`, ...) and writes nothing.
 */
export function createDecisions(ctx: EngineContext) {
  const commit = async (
    checkId: string,
    event: VetkitCheckEvent,
    options: CommitOptions = {},
    /** A refusal that means "already done": the check is returned as it is, nothing is written. */
    alreadyDone?: (check: CheckRecord) => boolean,
  ): Promise<CheckRecord> => {
    const { result, check } = await commitCheckEvent(ctx, checkId, event, options)
    if (result.kind === 'rejected') {
      if (alreadyDone?.(check)) return check
      throw result.error
    }
    return check
  }
  const load = async (checkId: string): Promise<CheckRecord> => {
    const check = await ctx.storage.checks.get(checkId)
    if (!check) throw new VetkitError('not_found', 'no such check', { field: 'checkId' })
    return check
  }
  const common = (input: { actor: Actor; reason?: string | undefined }) => ({
    source: 'vetkit' as const,
    at: ctx.clock.now(),
    actor: input.actor,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
  })

  return {
    /** Clears a `consider` report after review: the check passes, valid from the report's completion. */
    async clear(raw: DecisionInput<'clear'>) {
      const input = parseInput(decisionInputs.clear, raw)
      return commit(input.checkId, { ...common(input), type: 'review.cleared' })
    },

    /** Sends the pre-adverse notice on the chosen report items and starts the jurisdiction's wait. */
    async startAdverseAction(raw: DecisionInput<'startAdverseAction'>) {
      const input = parseInput(decisionInputs.startAdverseAction, raw)
      const check = await load(input.checkId)
      if (check.state.status !== 'consider') {
        throw new InputError('invalid_transition', `adverse action starts from a consider check; this one is ${check.state.status}`, 'checkId')
      }
      const reportId = check.state.reportId
      if (!reportId) throw new InputError('report_not_completed', 'the check has no report yet', 'checkId')
      const known = new Set((await ctx.provider.listAdverseItems(reportId)).map((item) => item.id))
      const unknown = input.adverseItemIds.find((id) => !known.has(id))
      if (unknown !== undefined) throw new InputError('unknown_adverse_item', `adverse item ${unknown} is not on the report`, 'adverseItemIds')

      const medium = input.medium ?? 'email'
      const event = { ...common(input), type: 'adverse.started' as const, adverseItemIds: input.adverseItemIds, medium }
      if (ctx.policy.adverseAction.mode === 'self_managed') return commit(input.checkId, event)

      // Provider mode: the provider sends both notices; it is told when the final one may go out.
      const postNoticeScheduledAt = ctx.transitions.earliestFinalNoticeAt({
        jurisdiction: check.state.jurisdiction,
        preAdverseNoticeAt: event.at,
        medium,
        writtenDispute: false,
      })
      const created = await ctx.provider.createAdverseAction({ reportId, adverseItemIds: input.adverseItemIds, postNoticeScheduledAt, idempotencyKey: randomUUID() })
      try {
        return await commit(input.checkId, event, { providerAdverseActionId: created.adverseActionId })
      } catch (error) {
        // Nothing may be left half-done: the provider's adverse action goes if vetkit's did not happen.
        await ctx.provider.cancelAdverseAction(created.adverseActionId).catch(() => undefined)
        throw error
      }
    },

    /** Sends the final notice (self-managed mode), only once the wait has elapsed and no dispute is open. */
    async finalizeAdverseAction(raw: DecisionInput<'finalizeAdverseAction'>) {
      const input = parseInput(decisionInputs.finalizeAdverseAction, raw)
      if (ctx.policy.adverseAction.mode === 'provider') {
        throw new InputError('provider_managed', 'the provider sends the final notice at the scheduled time in provider mode', 'checkId')
      }
      // The admin's click and the scheduled job race by design: if the job (or an earlier click)
      // already sent the final notice, the check failed through this adverse action. That is the
      // outcome asked for, so it is returned as it is, and nothing is recorded twice.
      return commit(input.checkId, { ...common(input), type: 'adverse.finalized' }, {}, (check) => check.state.status === 'failed' && check.state.finalAdverseAt !== null)
    },

    async cancelAdverseAction(raw: DecisionInput<'cancelAdverseAction'>) {
      const input = parseInput(decisionInputs.cancelAdverseAction, raw)
      if (ctx.policy.adverseAction.mode === 'provider') {
        const id = (await load(input.checkId)).providerAdverseActionId
        if (id !== null) await ctx.provider.cancelAdverseAction(id)
      }
      return commit(input.checkId, { ...common(input), type: 'adverse.canceled' })
    },

    /** Records a dispute the subject raised with you: the final notice pauses until it is resolved. */
    async openDispute(raw: DecisionInput<'openDispute'>) {
      const input = parseInput(decisionInputs.openDispute, raw)
      return commit(input.checkId, { ...common(input), type: 'dispute.opened', writtenDispute: input.writtenDispute ?? false })
    },

    /** Ends a dispute: the review resumes, and the final notice is due again (now, if the wait elapsed). */
    async resolveDispute(raw: DecisionInput<'resolveDispute'>) {
      const input = parseInput(decisionInputs.resolveDispute, raw)
      return commit(input.checkId, { ...common(input), type: 'dispute.resolved' })
    },

    /** Cancels a check still in progress (and its invitation at the provider). */
    async cancelCheck(raw: DecisionInput<'cancelCheck'>) {
      const input = parseInput(decisionInputs.cancelCheck, raw)
      const check = await load(input.checkId)
      let providerCancel: 'canceled' | 'refused' | 'not_needed' = 'not_needed'
      if (isInProgress(check.state.status) && check.invitationId && check.state.reportId === null) {
        try {
          await ctx.provider.cancelInvitation(check.invitationId)
          providerCancel = 'canceled'
        } catch (error) {
          // The candidate finished the invitation before we heard of it: the provider refuses to
          // cancel it. The check still ends here; its later events are refused as `check_closed`.
          if (!(error instanceof VetkitError) || (error.code !== 'provider_rejected' && error.code !== 'provider_state_conflict')) throw error
          providerCancel = 'refused'
        }
      }
      return commit(input.checkId, { ...common(input), type: 'check.canceled' }, { details: { providerCancel } })
    },
  }
}

export type Decisions = ReturnType<typeof createDecisions>
