/**
 * Every job type vetkit enqueues, declared once: payload schema, retry budget and dedupe key.
 * Enqueuers build their rows with `newJob` (never by hand), the worker validates each claimed
 * payload against the same schema, and `pipelines/worker/job-handlers.ts` says what runs each.
 */
import { z } from 'zod'
import type { NewJob } from '../ports/storage'
import { defineJob } from './define-job'

const id = z.string().min(1).max(191)
const days = z.number().int().positive()

export const JOBS = {
  // One per ledger row: the ledger's insert-if-absent on the provider's event id is the dedupe.
  // Rows queued before migration 0004 carry the ledger id in the payload instead of `ref_id`.
  'webhook.process': defineJob({ payload: z.object({ webhookId: id.optional() }), maxAttempts: 8, dedupeKey: null, ref: 'webhook_event' }),
  'email.send': defineJob({ payload: z.object({ emailId: id }), maxAttempts: 5, dedupeKey: (p) => `email:${p.emailId}` }),
  'outbox.deliver': defineJob({ payload: z.object({ eventId: id }), maxAttempts: 5, dedupeKey: (p) => `outbox:${p.eventId}` }),
  // The self-managed final notice at its due time; a new job whenever a dispute moves the date.
  'adverse.finalize': defineJob({
    payload: z.object({ checkId: id }),
    maxAttempts: 5,
    dedupeKey: (p, runAt) => `adverse.finalize:${p.checkId}:${runAt.getTime()}`,
  }),
  // Scheduled by every polling worker for the current slot: one sweep per slot across all of them.
  'expiry.sweep': defineJob({ payload: z.object({ slot: z.string().optional() }), maxAttempts: 5, dedupeKey: (p) => `expiry.sweep:${p.slot ?? ''}` }),
  'jobs.prune': defineJob({
    payload: z.object({ completedDays: days, deadDays: days, slot: z.string().optional() }),
    maxAttempts: 5,
    dedupeKey: (p) => `jobs.prune:${p.slot ?? ''}`,
  }),
} as const

export type JobType = keyof typeof JOBS
export type JobPayload<T extends JobType> = z.output<(typeof JOBS)[T]['payload']>

export function isJobType(type: string): type is JobType {
  return Object.hasOwn(JOBS, type)
}

/**
 * The row to enqueue for one job: payload validated, dedupe key and retry budget from the table.
 * `ref` is the id of the row the job works on, for a job type that declares one.
 */
export function newJob<T extends JobType>(type: T, payload: JobPayload<T>, timing: { runAt: Date; now: Date; ref?: string }): NewJob {
  const contract = JOBS[type]
  const parsed = contract.payload.parse(payload) as Record<string, unknown>
  const dedupeKey = contract.dedupeKey as ((p: Record<string, unknown>, runAt: Date) => string) | null
  return {
    type,
    payload: parsed,
    runAt: timing.runAt,
    now: timing.now,
    maxAttempts: contract.maxAttempts,
    dedupeKey: dedupeKey ? dedupeKey(parsed, timing.runAt) : null,
    ref: timing.ref ?? null,
  }
}
