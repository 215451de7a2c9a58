import type { ClaimedJob } from '../../ports/storage'
import { commitCheckEvent } from '../checks/commit-check-event'
import { sendQueuedEmail } from '../email/send-email'
import type { EngineContext } from '../engine-context'
import { runExpirySweep } from '../expiry/expiry-sweep'
import { deliverOutboxEvent } from '../outbox/deliver-event'
import { processWebhook } from '../webhooks/process-webhook'

export type JobHandler = (ctx: EngineContext, job: ClaimedJob, final: boolean) => Promise<void>

/** Every job type vetkit enqueues, and what runs it. */
export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  'webhook.process': async (ctx, job) => {
    await processWebhook(ctx, job.payload)
  },
  'email.send': (ctx, job, final) => sendQueuedEmail(ctx, job.payload, final),
  'outbox.deliver': (ctx, job) => deliverOutboxEvent(ctx, job.payload),
  'expiry.sweep': async (ctx) => {
    await runExpirySweep(ctx)
  },
  // The self-managed final notice, at its due time. If a dispute paused it or moved the date, the
  // state machine refuses this one; the transition that moved the date scheduled another.
  'adverse.finalize': async (ctx, job) => {
    const checkId = String(job.payload.checkId)
    const check = await ctx.storage.checks.get(checkId)
    const due = check?.state.adverseAction?.finalNoticeDueAt
    if (!check || check.state.status !== 'pre_adverse' || !due || due.getTime() > ctx.clock.now().getTime()) return
    await commitCheckEvent(ctx, checkId, {
      source: 'vetkit',
      type: 'adverse.finalized',
      at: ctx.clock.now(),
      actor: { kind: 'system', id: 'adverse-action-scheduler' },
    })
  },
}
