import type { VetkitErrorCode } from '../../error-codes'
import { isJobType, JOBS, type JobPayload, type JobType } from '../../jobs/jobs'
import type { ClaimedJob, JobRecord } from '../../ports/storage'
import { VetkitError } from '../../errors'
import { commitCheckEvent } from '../checks/commit-check-event'
import { sendQueuedEmail } from '../email/send-email'
import type { EngineContext } from '../engine-context'
import { runExpirySweep } from '../expiry/expiry-sweep'
import { deliverOutboxEvent } from '../outbox/deliver-event'
import { processWebhook } from '../webhooks/process-webhook'

export interface JobHandler<T extends JobType> {
  /** Runs the job; throwing retries it (with backoff) until its attempts run out. */
  run(ctx: EngineContext, payload: JobPayload<T>, job: ClaimedJob, final: boolean): Promise<void>
  /**
   * When the job is dead-lettered (attempts exhausted, a permanent error, or its worker died too
   * often), what it was for is marked dead too, so the failure shows where a host looks.
   * `payload` is null when the stored one no longer parses.
   */
  onDead?(ctx: EngineContext, payload: JobPayload<T> | null, job: JobRecord, code: VetkitErrorCode | 'lease_expired', now: Date): Promise<void>
}

const PRUNE_BATCH = 1000
/** At most this many batches per run; the next run (an hour later) takes the rest. */
const PRUNE_ROUNDS = 50

/** The ledger row a webhook job processes (rows queued before migration 0004 name it in the payload). */
function webhookRow(payload: JobPayload<'webhook.process'> | null, job: JobRecord): string {
  const id = job.ref ?? payload?.webhookId
  if (id === undefined) throw new VetkitError('storage_corrupt', `job ${job.id} names no webhook to process`)
  return id
}

/** What runs each job type of `JOBS`, and what its death means. Every type must have one. */
export const JOB_HANDLERS: { [T in JobType]: JobHandler<T> } = {
  'webhook.process': {
    run: async (ctx, payload, job) => {
      // Enqueued at receipt: its creation time is when the provider's delivery arrived.
      await processWebhook(ctx, webhookRow(payload, job), job.createdAt)
    },
    onDead: async (ctx, payload, job, code, now) => {
      await ctx.storage.webhooks.setProcessingOutcome(webhookRow(payload, job), { outcome: 'dead', processedAt: now, errorCode: code })
      ctx.metrics.count('webhooks_processed', { event: 'unknown', outcome: 'dead' })
    },
  },
  'email.send': {
    run: (ctx, payload, _job, final) => sendQueuedEmail(ctx, payload.emailId, final),
    // A send that failed is recorded by the send itself; one whose workers kept dying is not.
    onDead: async (ctx, payload, _job, code) => {
      if (code === 'lease_expired' && payload) await ctx.storage.emails.markFailed(payload.emailId, { error: code, final: true })
    },
  },
  'outbox.deliver': { run: (ctx, payload) => deliverOutboxEvent(ctx, payload.eventId) },
  'expiry.sweep': {
    run: async (ctx) => {
      await runExpirySweep(ctx)
    },
  },
  // Finished jobs are kept for diagnosis, then removed: a queue table that only grows slows every claim.
  'jobs.prune': {
    run: async (ctx, { completedDays, deadDays }) => {
      const now = ctx.clock.now().getTime()
      const cutoff = (days: number) => new Date(now - days * 86_400_000)
      for (let round = 0; round < PRUNE_ROUNDS; round++) {
        const { deleted } = await ctx.storage.jobs.prune({ completedBefore: cutoff(completedDays), deadBefore: cutoff(deadDays), limit: PRUNE_BATCH })
        if (deleted < PRUNE_BATCH) return
      }
    },
  },
  // If a dispute paused the wait or moved the date, the state machine refuses this one; the
  // transition that moved the date scheduled another.
  'adverse.finalize': {
    run: async (ctx, { checkId }) => {
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

/** A job that cannot succeed on retry (an unknown type, a payload that no longer parses): dead at once. */
class PermanentJobError extends VetkitError {
  readonly retryable = false
}

// TypeScript cannot correlate `JOB_HANDLERS[type]` with `JOBS[type]` for a type known only at run
// time; the payload was parsed with that type's own schema, so the widening is sound.
function handlerOf(type: JobType): JobHandler<JobType> {
  return JOB_HANDLERS[type] as JobHandler<JobType>
}

function parsePayload(job: JobRecord): { type: JobType; payload: JobPayload<JobType> } {
  const type = job.type
  if (!isJobType(type)) throw new PermanentJobError('unknown_job_type', `no handler for job type ${type}`)
  const parsed = JOBS[type].payload.safeParse(job.payload)
  if (!parsed.success) throw new PermanentJobError('storage_corrupt', `job ${job.id} (${type}) has a payload its schema refuses`)
  return { type, payload: parsed.data }
}

/** Runs one claimed job: its payload parsed with its type's schema, then its handler. */
export async function runJobHandler(ctx: EngineContext, job: ClaimedJob, final: boolean): Promise<void> {
  const { type, payload } = parsePayload(job)
  await handlerOf(type).run(ctx, payload, job, final)
}

/** Records what a dead job was for as dead too (when its type says how). */
export async function runDeadHandler(ctx: EngineContext, job: JobRecord, code: VetkitErrorCode | 'lease_expired', now: Date): Promise<void> {
  if (!isJobType(job.type)) return
  const parsed = JOBS[job.type].payload.safeParse(job.payload)
  await handlerOf(job.type).onDead?.(ctx, parsed.success ? parsed.data : null, job, code, now)
}
