import type { ClaimedJob } from '../../ports/storage'
import { commitCheckEvent } from '../checks/commit-check-event'
import { sendQueuedEmail } from '../email/send-email'
import type { EngineContext } from '../engine-context'
import { runExpirySweep } from '../expiry/expiry-sweep'
import { deliverOutboxEvent } from '../outbox/deliver-event'
import { processWebhook } from '../webhooks/process-webhook'

const PRUNE_BATCH = 1000
/** At most this many batches per run; the next run (an hour later) takes the rest. */
const PRUNE_ROUNDS = 50

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
  // Finished jobs are kept for diagnosis, then removed: a queue table that only grows slows every claim.
  'jobs.prune': async (ctx, job) => {
    const { completedDays, deadDays } = job.payload as { completedDays: number; deadDays: number }
    const now = ctx.clock.now().getTime()
    const cutoff = (days: number) => new Date(now - days * 86_400_000)
    for (let round = 0; round < PRUNE_ROUNDS; round++) {
      const { deleted } = await ctx.storage.jobs.prune({ completedBefore: cutoff(completedDays), deadBefore: cutoff(deadDays), limit: PRUNE_BATCH })
      if (deleted < PRUNE_BATCH) return
    }
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
