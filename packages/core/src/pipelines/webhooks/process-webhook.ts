import type { ProviderCheckEvent } from '../../domain/check-events'
import type { VetkitErrorCode } from '../../error-codes'
import type { ProviderRefs, ProviderWebhookEvent, WebhookTrigger } from '../../ports/provider'
import type { CheckRecord, Storage, WebhookProcessingOutcome } from '../../ports/storage'
import { VetkitError } from '../../errors'
import { commitInTransaction } from '../checks/commit-check-event'
import type { EngineContext } from '../engine-context'
import { deserializeEvent } from './event-codec'
import { resolveTrigger } from './resolve-trigger'
import { toCheckEvent } from './to-check-event'
import { UnknownCheckError } from './unknown-check-error'

export { UnknownCheckError } from './unknown-check-error'

/**
 * The worker's side of a webhook, in order: an event that concerns no check is logged as ignored
 * at once; otherwise the provider is asked (a thin payload re-read, a completion's report re-read),
 * the check is found by what the provider returned, and the state-machine event is committed. The
 * ledger gets the real outcome in the same transaction as the transition. An event that should
 * belong to a check but matches none yet is parked and retried.
 */
export async function processWebhook(ctx: EngineContext, webhookId: string): Promise<WebhookProcessingOutcome> {
  // The job names only the ledger row; the event (provider ids included) is sealed on it.
  const stored = await ctx.storage.webhooks.readEvent(webhookId)
  if (stored === null) throw new VetkitError('storage_corrupt', `webhook ${webhookId} has no stored event to process`)
  const event = deserializeEvent(stored)
  if (!hasTrigger(event)) {
    await ctx.storage.webhooks.setProcessingOutcome(webhookId, { outcome: 'ignored', processedAt: ctx.clock.now(), errorCode: 'unhandled_event_type' })
    return 'ignored'
  }
  const { check, checkEvent } = await match(ctx, webhookId, event)
  for (let attempt = 1; attempt <= 5; attempt++) {
    const outcome = await ctx.storage.transaction(async (tx) => {
      const committed = await commitInTransaction(ctx, tx, check.id, checkEvent, { webhookEventId: webhookId }, check.subjectId)
      if (committed === 'conflict') return null
      const { result } = committed
      const processing: WebhookProcessingOutcome = result.kind
      await tx.webhooks.setProcessingOutcome(webhookId, {
        outcome: processing,
        processedAt: ctx.clock.now(),
        checkId: check.id,
        errorCode: result.kind === 'rejected' ? result.error.code : result.kind === 'ignored' ? result.reason : null,
      })
      return processing
    })
    if (outcome !== null) return outcome
  }
  throw new VetkitError('conflict', 'the check kept changing while this event was applied')
}

/**
 * Asks the provider, finds the check and builds its event. Until that succeeds the ledger says
 * why: `parked` while no check matches (or the provider does not know the object yet), `failed`
 * with the provider's error code while it cannot be asked. Either way the job is retried.
 */
async function match(ctx: EngineContext, webhookId: string, event: ProviderWebhookEvent & { trigger: WebhookTrigger }): Promise<{ check: CheckRecord; checkEvent: ProviderCheckEvent }> {
  const note = (outcome: 'parked' | 'failed', errorCode: VetkitErrorCode) =>
    ctx.storage.webhooks.setProcessingOutcome(webhookId, { outcome, processedAt: ctx.clock.now(), errorCode })
  try {
    const resolved = await resolveTrigger(ctx.provider, event.trigger)
    const check = await findCheck(ctx.storage, ctx.provider.name, resolved.refs)
    if (!check) throw new UnknownCheckError()
    return { check, checkEvent: toCheckEvent(event.trigger, resolved, event.occurredAt) }
  } catch (error) {
    if (error instanceof VetkitError && error.code === 'unknown_check') await note('parked', error.code)
    else if (error instanceof VetkitError && error.code === 'provider_not_found') {
      // The provider may not serve an object it just announced: retried like an unmatched event
      // (the client marks a 404 permanent, which would dead-letter it at once).
      await note('parked', error.code)
      throw new VetkitError('provider_not_found', error.message, { cause: error })
    } else if (error instanceof VetkitError) await note('failed', error.code)
    throw error
  }
}

/**
 * By report id, then invitation id, then through the candidate: its newest check not yet bound
 * to a report (a candidate is reused across re-checks), or one already bound to this report by an
 * event that committed after the report lookup above. Every lookup is a blind-index equality.
 */
async function findCheck(storage: Storage, provider: string, refs: ProviderRefs): Promise<CheckRecord | null> {
  if (refs.reportId) {
    const [byReport] = await storage.checks.findByProviderRef(provider, 'report', refs.reportId)
    if (byReport) return byReport
  }
  if (refs.invitationId) {
    const [byInvitation] = await storage.checks.findByProviderRef(provider, 'invitation', refs.invitationId)
    if (byInvitation) return byInvitation
  }
  if (refs.candidateId) {
    const checks = await storage.checks.findByProviderRef(provider, 'candidate', refs.candidateId)
    const candidates = checks
      .filter((c) => c.state.reportId === null || (refs.reportId !== null && c.state.reportId === refs.reportId))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    if (candidates[0]) return candidates[0]
  }
  return null
}

function hasTrigger(event: ProviderWebhookEvent): event is ProviderWebhookEvent & { trigger: WebhookTrigger } {
  return event.trigger !== null
}
