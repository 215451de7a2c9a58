import { hostname } from 'node:os'
import { retryAt } from '../../domain/backoff'
import { errorCodeInfo, type VetkitErrorCode } from '../../error-codes'
import { VetkitError } from '../../errors'
import { errorFields } from '../../support/error-fields'
import type { ClaimedJob, JobRecord } from '../../ports/storage'
import { uuidv7 } from '../../support/uuid'
import type { EngineContext } from '../engine-context'
import { newJob } from '../../jobs/jobs'
import { labelIn, METRICS, type LabelsOf } from '../../metrics/metric-table'
import { runDeadHandler, runJobHandler } from './job-handlers'

const RECLAIM_EVERY_MS = 5_000

export interface WorkerOptions {
  /** At most this many jobs claimed per pass (default 20); a pass claims no more than it runs at once. */
  batchSize?: number
  /**
   * Jobs run at once (default 4; keep it below the knex pool size). Each pass claims that many and
   * runs them together. Jobs about one subject still serialise on its row lock; on PGlite (one
   * connection) they queue.
   */
  concurrency?: number
  /**
   * Lease per claim (default 30 s). A live worker renews it while a job runs (every third of the
   * lease), so a long job keeps it; a worker that dies gives its jobs back within one lease.
   */
  leaseMs?: number
  /** Poll interval when idle, for `start()` (default 1 s). */
  pollIntervalMs?: number
  /** How often `start()` schedules the expiry sweep and the job prune (default hourly). */
  sweepIntervalMs?: number
  /** How long finished jobs are kept before the prune removes them (days; default 7 completed, 30 dead). */
  retention?: { completedDays?: number; deadDays?: number }
}

export interface RunResult {
  claimed: number
  completed: number
  failed: number
}

/**
 * Runs queued jobs. `runDue()` does one claim-and-run pass, `drain()` runs until nothing is due
 * (tests and demos move the clock instead of waiting), `start()`/`stop()` poll in the background.
 * Any number of workers, in any number of processes, may share one database: claims use
 * `FOR UPDATE SKIP LOCKED`, leases fence out a worker whose lease expired.
 */
export function createWorker(ctx: EngineContext, options: WorkerOptions = {}) {
  const workerId = `${hostname()}:${process.pid}:${uuidv7().slice(-8)}`
  const batchSize = options.batchSize ?? 20
  const leaseMs = options.leaseMs ?? 30_000
  const concurrency = options.concurrency ?? 4
  const retention = { completedDays: options.retention?.completedDays ?? 7, deadDays: options.retention?.deadDays ?? 30 }
  let running: Promise<void> | null = null
  let lastReclaim = Number.NEGATIVE_INFINITY
  let stopping = false
  let wake: (() => void) | null = null

  /**
   * Renews the lease of every job of a claim (one statement) while they run, so a long job keeps
   * it and a killed worker's jobs come back within one lease. Stops when none is held any more.
   */
  function heartbeat(claimToken: string): () => void {
    const timer = setInterval(() => {
      const now = ctx.clock.now()
      ctx.storage.jobs.renewClaim(claimToken, new Date(now.getTime() + leaseMs), now).then(
        (held) => {
          if (held === 0) clearInterval(timer)
        },
        () => undefined, // an outage: the next beat tries again, and the lease covers the gap
      )
    }, Math.max(1_000, Math.floor(leaseMs / 3)))
    timer.unref()
    return () => clearInterval(timer)
  }

  async function markDead(job: JobRecord, code: VetkitErrorCode | 'lease_expired', now: Date): Promise<void> {
    try {
      await runDeadHandler(ctx, job, code, now)
    } catch (error) {
      ctx.logger.error('could not record a dead job', { jobId: job.id, type: job.type, err: errorFields(error) })
    }
  }

  async function runJob(job: ClaimedJob): Promise<boolean> {
    const final = job.attempts >= job.maxAttempts
    try {
      await runJobHandler(ctx, job, final)
      await ctx.storage.jobs.complete(job, ctx.clock.now())
      ctx.metrics.count('jobs', { type: jobLabel(job.type), outcome: 'completed' })
      return true
    } catch (error) {
      const code = error instanceof VetkitError ? error.code : 'internal_error'
      const permanent = error instanceof VetkitError && (error as VetkitError & { retryable?: boolean }).retryable === false
      const now = ctx.clock.now()
      const outcome = await ctx.storage.jobs.fail(job, { error: code, retryAt: retryAt(now, job.attempts), now, final: permanent })
      if (outcome === 'dead') await markDead(job, code, now)
      ctx.metrics.count('jobs', { type: jobLabel(job.type), outcome: outcome === 'dead' ? 'dead' : 'retried' })
      const fields = { jobId: job.id, type: job.type, attempt: job.attempts, code, outcome }
      // Expected failures (a provider outage, a check not matched yet) are a warning; faults carry their stack.
      if (errorCodeInfo(code).fault) ctx.logger.error('job failed', { ...fields, err: errorFields(error) })
      else ctx.logger.warn('job failed', fields)
      return false
    }
  }

  async function runDue(): Promise<RunResult> {
    const now = ctx.clock.now()
    // Expired leases (a dead worker's jobs) are rare: look for them every few seconds, not per pass.
    if (now.getTime() - lastReclaim >= RECLAIM_EVERY_MS || now.getTime() < lastReclaim) {
      lastReclaim = now.getTime()
      const { deadJobs } = await ctx.storage.jobs.reclaimExpired(now)
      for (const job of deadJobs) {
        ctx.logger.warn('job dead: its workers stopped without finishing it, attempts exhausted', { jobId: job.id, type: job.type })
        ctx.metrics.count('jobs', { type: jobLabel(job.type), outcome: 'dead' })
        await markDead(job, 'lease_expired', now)
      }
    }
    // Only as many as start at once: a claim counts an attempt, so a job claimed to wait behind
    // others would lose attempts to a crash without ever having run.
    const jobs = await ctx.storage.jobs.claim({ workerId, limit: Math.min(batchSize, concurrency), leaseMs, now })
    const [first] = jobs
    if (first === undefined) return { claimed: 0, completed: 0, failed: 0 }
    const stopBeating = heartbeat(first.claimToken)
    try {
      const results = await Promise.all(jobs.map(runJob))
      const completed = results.filter(Boolean).length
      return { claimed: jobs.length, completed, failed: jobs.length - completed }
    } finally {
      stopBeating()
    }
  }

  return {
    workerId,
    runDue,

    /** Runs passes until a claim comes back empty (jobs scheduled in the future stay queued). */
    async drain(maxPasses = 1000): Promise<RunResult> {
      const total: RunResult = { claimed: 0, completed: 0, failed: 0 }
      for (let pass = 0; pass < maxPasses; pass++) {
        const result = await runDue()
        total.claimed += result.claimed
        total.completed += result.completed
        total.failed += result.failed
        if (result.claimed === 0) return total
      }
      throw new VetkitError('drain_exhausted', `jobs were still due after ${maxPasses} passes`)
    },

    /** Schedules the expiry sweep and the job prune for the current slot (deduplicated across workers). */
    async scheduleSweep(): Promise<void> {
      const now = ctx.clock.now()
      const interval = options.sweepIntervalMs ?? 3_600_000
      const slot = `${interval}:${Math.floor(now.getTime() / interval)}`
      await ctx.storage.jobs.enqueue(newJob('expiry.sweep', { slot }, { runAt: now, now }))
      await ctx.storage.jobs.enqueue(newJob('jobs.prune', { ...retention, slot }, { runAt: now, now }))
    },

    start(): void {
      if (running) return
      stopping = false
      const poll = options.pollIntervalMs ?? 1000
      const loop = async () => {
        while (!stopping) {
          let claimed = 0
          try {
            await this.scheduleSweep()
            claimed = (await runDue()).claimed
            ctx.outage.ok()
          } catch (error) {
            // A database outage is logged once by the monitor; the loop keeps polling until it ends.
            if (!ctx.outage.failed(error)) {
              ctx.logger.error('worker pass failed', { code: error instanceof VetkitError ? error.code : 'internal_error', err: errorFields(error) })
            }
          }
          if (claimed === 0 && !stopping) await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, poll)
            wake = () => {
              clearTimeout(timer)
              resolve()
            }
          })
        }
      }
      running = loop().finally(() => {
        running = null
      })
    },

    /** Stops polling; resolves once the job in hand is finished. */
    async stop(): Promise<void> {
      stopping = true
      wake?.()
      await running
    },
  }
}

export type Worker = ReturnType<typeof createWorker>

/** A job type as a metric label: one of `JOBS` (an unknown stored type is dead at once, counted as `other`). */
function jobLabel(type: string): LabelsOf<'jobs'>['type'] {
  return labelIn(METRICS.jobs.labels.type, type)
}
