import type { ProviderWebhookEvent } from '../../ports/provider'
import type { CheckRecord, Storage, WebhookProcessingOutcome } from '../../ports/storage'
import { VetkitError } from '../../errors'
import { commitInTransaction } from '../checks/commit-check-event'
import type { EngineContext } from '../engine-context'
import { deserializeEvent } from './receive-webhook'
import { toCheckEvent } from './to-check-event'

/** No check matches the event yet (e.g. the webhook beat the invite's commit): retried later. */
export class UnknownCheckError extends VetkitError {
  constructor() {
    super('unknown_check', 'no check matches this event yet; parked for retry')
  }
}

/**
 * The worker's side of a webhook: find the check by blind index (report, then invitation, then
 * candidate id), turn the event into a state-machine event (re-reading the report when needed)
 * and commit it. The ledger gets the real outcome in the same transaction as the transition.
 */
export async function processWebhook(ctx: EngineContext, payload: Record<string, unknown>): Promise<WebhookProcessingOutcome> {
  const webhookId = String(payload.webhookId)
  const event = deserializeEvent(payload.event as Record<string, unknown>)
  const check = await findCheck(ctx.storage, ctx.provider.name, event)
  if (!check) {
    await ctx.storage.webhooks.setProcessingOutcome(webhookId, { outcome: 'parked', processedAt: ctx.clock.now(), errorCode: 'unknown_check' })
    throw new UnknownCheckError()
  }
  const checkEvent = await toCheckEvent(ctx.provider, event)
  if (checkEvent === null) {
    await ctx.storage.webhooks.setProcessingOutcome(webhookId, { outcome: 'ignored', processedAt: ctx.clock.now(), checkId: check.id, errorCode: 'unhandled_event_type' })
    return 'ignored'
  }
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

async function findCheck(storage: Storage, provider: string, event: ProviderWebhookEvent): Promise<CheckRecord | null> {
  if (event.reportId) {
    const [byReport] = await storage.checks.findByProviderRef(provider, 'report', event.reportId)
    if (byReport) return byReport
  }
  if (event.invitationId) {
    const [byInvitation] = await storage.checks.findByProviderRef(provider, 'invitation', event.invitationId)
    if (byInvitation) return byInvitation
  }
  if (event.candidateId) {
    // A candidate is reused across re-checks: the report belongs to the newest check not yet bound to a report.
    const checks = await storage.checks.findByProviderRef(provider, 'candidate', event.candidateId)
    // (or already bound to this report by an event that committed after the report lookup above).
    const candidates = checks
      .filter((c) => c.state.reportId === null || (event.reportId !== null && c.state.reportId === event.reportId))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    if (candidates[0]) return candidates[0]
  }
  return null
}
