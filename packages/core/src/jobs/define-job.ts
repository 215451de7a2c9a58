import type { z } from 'zod'

/**
 * What a job is, as its enqueuers and the queue see it: the payload's schema, the retry budget,
 * and the key that keeps it unique. What runs it is in the worker's handler table, typed by
 * this one, so a job type without a handler does not compile.
 */
export interface JobContract<S extends z.ZodType = z.ZodType> {
  /** The payload, validated when enqueued and again when claimed (a row is input like any other). */
  payload: S
  /** Attempts before the job is dead-lettered. */
  maxAttempts: number
  /**
   * At most one job ever exists per key; enqueueing it again returns the one there is. Null:
   * every enqueue is a new job (or, with `ref`, the row referred to is what keeps it unique).
   */
  dedupeKey: ((payload: z.output<S>, runAt: Date) => string) | null
  /**
   * The job works on one row of another table, named in the job row's `ref_id` column: a column,
   * so the enqueueing statement can bind the id it just inserted.
   */
  ref?: 'webhook_event'
}

/** Declares one job type (an identity that keeps the payload schema's type). */
export function defineJob<S extends z.ZodType>(contract: JobContract<S>): JobContract<S> {
  return contract
}
