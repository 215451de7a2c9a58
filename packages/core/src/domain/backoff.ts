/**
 * Retry delays for failed jobs: exponential (base x 2^(attempt-1), capped) with "equal jitter"
 * (half fixed, half random), so retries of many jobs that failed together (a provider outage)
 * spread out instead of returning in lockstep, while each still waits at least half its step.
 * Defaults follow the marketplace vetkit generalises: about 30 s, 60 s, 120 s, 240 s...
 */
export interface BackoffPolicy {
  baseMs: number
  maxMs: number
}

export const defaultBackoff: BackoffPolicy = { baseMs: 30_000, maxMs: 60 * 60_000 }

/** `attempt` is the number of the attempt that just failed (1 for the first). */
export function retryDelayMs(attempt: number, policy: BackoffPolicy = defaultBackoff, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30)
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent)
  return Math.round(step / 2 + random() * (step / 2))
}

export function retryAt(now: Date, attempt: number, policy?: BackoffPolicy, random?: () => number): Date {
  return new Date(now.getTime() + retryDelayMs(attempt, policy, random))
}
