import type { VetkitErrorCode } from '../../error-codes'
import type { ClaimedJob, JobRecord } from '../../ports/storage'
import { commitCheckEvent } from '../checks/commit-check-event'
import { sendQueuedEmail } from '../email/send-email'
import type { EngineContext } from '../engine-context'
import { runExpirySweep } from '../expiry/expiry-sweep'
import { deliverOutboxEvent } from '../outbox/deliver-event'
import { processWebhook } from '../webhooks/process-webhook'

export interface JobDefinition {
  /** Runs the job; throwing retries it (with backoff) until its attempts run out. */
  run(ctx: EngineContext, job: ClaimedJob, final: boolean): Promise<void>
  /**
   * When the job is dead-lettered (attempts exhausted, a permanent error, or its worker died too
   * often), what it was for is marked dead too, so the failure shows where a host looks.
   */
  onDead?(ctx: EngineContext, job: JobRecord, code: VetkitErrorCode | 'lease_expired', now: Date): Promise<void>
}

const PRUNE_BATCH = 1000
/** At most this many batches per run; the next run (an hour later) takes the rest. */
const PRUNE_ROUNDS = 50

/** Every job type vetkit enqueues: what runs it, and what its death means. */
export const JOBS: Readonly<Record<string, JobDefinition>> = {
  'webhook.process': {
    run: async (ctx, job) => {
      await processWebhook(ctx, job.payload)
    },
    onDead: (ctx, job, code, now) => ctx.storage.webhooks.setProcessingOutcome(String(job.payload.webhookId), { outcome: 'dead', processedAt: now, errorCode: code }),
  },
  'email.send': {
    run: (ctx, job, final) => sendQueuedEmail(ctx, job.payload, final),
    // A send that failed is recorded by the send itself; one whose workers kept dying is not.
    onDead: async (ctx, job, code) => {
      if (code === 'lease_expired') await ctx.storage.emails.markFailed(String(job.payload.emailId), { error: code, final: true })
    },
  },
  'outbox.deliver': { run: (ctx, job) => deliverOutboxEvent(ctx, job.payload) },
  'expiry.sweep': {
    run: async (ctx) => {
      await runExpirySweep(ctx)
    },
  },
  // Finished jobs are kept for diagnosis, then removed: a queue table that only grows slows every claim.
  'jobs.prune': {
    run: async (ctx, job) => {
      const { completedDays, deadDays } = job.payload as { completedDays: number; deadDays: number }
      const now = ctx.clock.now().getTime()
      const cutoff = (days: number) => new Date(now - days * 86_400_000)
      for (let round = 0; round < PRUNE_ROUNDS; round++) {
        const { deleted } = await ctx.storage.jobs.prune({ completedBefore: cutoff(completedDays), deadBefore: cutoff(deadDays), limit: PRUNE_BATCH })
        if (deleted < PRUNE_BATCH) return
      }
    },
  },
  // The self-managed final notice, at its due time. If a dispute paused it or moved the date, the
  // state machine refuses this one; the transition that moved the date scheduled another.
  'adverse.finalize': {
    run: async (ctx, job) => {
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
  },
}
