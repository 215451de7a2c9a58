import type { ProviderCheckEvent } from '../../domain/check-events'
import type { VetkitErrorCode } from '../../error-codes'
import type { ProviderWebhookEvent, ResolvedWebhook, WebhookTrigger } from '../../ports/provider'
import type { CheckRecord, Storage, WebhookProcessingOutcome } from '../../ports/storage'
import { VetkitError } from '../../errors'
import { commitInTransaction, type CommitResult } from '../checks/commit-check-event'
import { recordTransitionMetrics } from '../checks/transition-metrics'
import type { EngineContext } from '../engine-context'
import { deserializeEvent } from './event-codec'
import { toCheckEvent } from './to-check-event'
import { UnknownCheckError } from './unknown-check-error'

export { UnknownCheckError } from './unknown-check-error'

/**
 * The worker's side of a webhook, in order: an event that concerns no check is logged as ignored
 * at once; otherwise the provider prepares it (re-reading what the payload cannot be trusted for),
 * the check is found where the provider says, and the state-machine event is committed. The
 * ledger gets the real outcome in the same transaction as the transition. An event that should
 * belong to a check but matches none yet is parked and retried.
 */
export async function processWebhook(ctx: EngineContext, webhookId: string, receivedAt?: Date): Promise<WebhookProcessingOutcome> {
  // The job names only the ledger row; the event (provider ids included) is sealed on it.
  const stored = await ctx.storage.webhooks.readEvent(webhookId)
  if (stored === null) throw new VetkitError('storage_corrupt', `webhook ${webhookId} has no stored event to process`)
  const event = deserializeEvent(stored)
  const label = event.trigger?.event ?? 'none'
  const record = (outcome: Exclude<WebhookProcessingOutcome, 'queued' | 'not_processed'>) => {
    ctx.metrics.count('webhooks_processed', { event: label, outcome })
    if (receivedAt) ctx.metrics.observe('webhook_processing_seconds', { outcome }, Math.max(0, ctx.clock.now().getTime() - receivedAt.getTime()) / 1000)
  }
  if (!hasTrigger(event)) {
    await ctx.storage.webhooks.setProcessingOutcome(webhookId, { outcome: 'ignored', processedAt: ctx.clock.now(), errorCode: 'unhandled_event_type' })
    record('ignored')
    return 'ignored'
  }
  const { check, checkEvent } = await match(ctx, webhookId, event, record)
  for (let attempt = 1; attempt <= 5; attempt++) {
    // Set inside the transaction, read after it commits (a holder: TypeScript does not track closures).
    const done: { commit: CommitResult | null } = { commit: null }
    const outcome = await ctx.storage.transaction(async (tx) => {
      const committed = await commitInTransaction(ctx, tx, check.id, checkEvent, { webhookEventId: webhookId }, check.subjectId)
      if (committed === 'conflict') return null
      const { result } = committed
      done.commit = committed
      const processing: WebhookProcessingOutcome = result.kind
      await tx.webhooks.setProcessingOutcome(webhookId, {
        outcome: processing,
        processedAt: ctx.clock.now(),
        checkId: check.id,
        errorCode: result.kind === 'rejected' ? result.error.code : result.kind === 'ignored' ? result.reason : null,
      })
      return processing
    })
    if (outcome !== null) {
      if (done.commit) recordTransitionMetrics(ctx.metrics, done.commit.before, done.commit.result)
      record(outcome)
      return outcome
    }
  }
  throw new VetkitError('conflict', 'the check kept changing while this event was applied')
}

/**
 * Asks the provider, finds the check and builds its event. Until that succeeds the ledger says
 * why: `parked` while no check matches (or the provider does not know the object yet), `failed`
 * with the provider's error code while it cannot be asked. Either way the job is retried.
 */
async function match(
  ctx: EngineContext,
  webhookId: string,
  event: ProviderWebhookEvent & { trigger: WebhookTrigger },
  record: (outcome: 'parked' | 'failed') => void,
): Promise<{ check: CheckRecord; checkEvent: ProviderCheckEvent }> {
  const note = async (outcome: 'parked' | 'failed', errorCode: VetkitErrorCode) => {
    await ctx.storage.webhooks.setProcessingOutcome(webhookId, { outcome, processedAt: ctx.clock.now(), errorCode })
    record(outcome)
  }
  try {
    const resolved = await ctx.provider.resolveWebhook(event.trigger)
    const check = await findCheck(ctx.storage, ctx.provider.name, resolved)
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
 * The first of the provider's lookups that finds a check. A lookup several checks share (a
 * candidate re-checked) takes the newest one not yet bound to a report, or one already bound to
 * this report by an event that committed after the lookups were made. Each is a blind-index equality.
 */
async function findCheck(storage: Storage, provider: string, resolved: ResolvedWebhook): Promise<CheckRecord | null> {
  for (const lookup of resolved.match) {
    const checks = await storage.checks.findByProviderRef(provider, lookup.kind, lookup.id)
    if (!lookup.newestOpen) {
      if (checks[0]) return checks[0]
      continue
    }
    const open = checks
      .filter((c) => c.state.reportId === null || (resolved.reportId !== null && c.state.reportId === resolved.reportId))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    if (open[0]) return open[0]
  }
  return null
}

function hasTrigger(event: ProviderWebhookEvent): event is ProviderWebhookEvent & { trigger: WebhookTrigger } {
  return event.trigger !== null
}
