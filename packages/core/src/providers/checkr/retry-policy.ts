/**
 * When a failed Checkr call is sent again, and after how long.
 *
 * - 429: always retried (any method): the request was refused before Checkr did anything.
 * - 5xx, network error, timeout: the request may or may not have been applied. GETs are retried;
 *   POSTs carry an Idempotency-Key, so Checkr replays its stored response instead of acting
 *   twice; DELETEs have no key and are replayed once only (the provider treats "already gone"
 *   as done). 501 is a permanent answer and is not retried.
 * - 409 on a POST right after an attempt that got no response: Checkr's "same key still in
 *   flight" answer, so the earlier attempt is probably still running; wait and replay.
 */
export type HttpMethod = 'GET' | 'POST' | 'DELETE'

/** Checkr's suggested back-off (2 s, 5 s, 10 s, 30 s, then 30 s again). */
export const CHECKR_BACKOFF_MS: readonly number[] = [2_000, 5_000, 10_000, 30_000]

/** A server-suggested wait is capped: Checkr's window is one minute, and a call must not hang for longer. */
export const MAX_RETRY_WAIT_MS = 60_000

export type AttemptFailure = { kind: 'status'; status: number; headers: Headers } | { kind: 'no_response' }

export interface RetryQuestion {
  method: HttpMethod
  failure: AttemptFailure
  /** 1 for the first attempt. */
  attempt: number
  maxRetries: number
  /** The attempt before this one ended without a response. */
  previousHadNoResponse: boolean
  nowMs: number
}

/** The wait before the next attempt, or null when the failure is final. */
export function retryDelayMs(question: RetryQuestion): number | null {
  const { method, failure, attempt, maxRetries } = question
  if (attempt > maxRetries) return null
  const fallback = CHECKR_BACKOFF_MS[Math.min(attempt - 1, CHECKR_BACKOFF_MS.length - 1)] ?? 30_000

  if (failure.kind === 'status' && failure.status === 429) {
    return retryAfterMs(failure.headers, question.nowMs) ?? rateLimitResetMs(failure.headers, question.nowMs) ?? fallback
  }
  const mayHaveApplied = failure.kind === 'no_response' || (failure.status >= 500 && failure.status !== 501)
  if (mayHaveApplied) {
    if (method === 'DELETE' && attempt > 1) return null
    const suggested = failure.kind === 'status' ? retryAfterMs(failure.headers, question.nowMs) : null
    return suggested ?? fallback
  }
  if (failure.status === 409 && method === 'POST' && question.previousHadNoResponse) return fallback
  return null
}

/** `Retry-After`: delay-seconds or an HTTP date. */
function retryAfterMs(headers: Headers, nowMs: number): number | null {
  const value = headers.get('retry-after')?.trim()
  if (!value) return null
  if (/^\d+(\.\d+)?$/.test(value)) return clamp(Number(value) * 1000)
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : clamp(at - nowMs)
}

/**
 * `X-Ratelimit-Reset`: documented as "a timestamp". Epoch seconds (or milliseconds) and ISO dates
 * are read; a small number is taken as seconds from now. A reset that is not in the future (clock
 * skew) gives no answer, so the fixed back-off applies instead of an immediate retry.
 */
function rateLimitResetMs(headers: Headers, nowMs: number): number | null {
  const value = headers.get('x-ratelimit-reset')?.trim()
  if (!value) return null
  let at: number
  if (/^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value)
    at = n >= 1e12 ? n : n >= 1e9 ? n * 1000 : nowMs + n * 1000
  } else {
    at = Date.parse(value)
  }
  if (Number.isNaN(at) || at <= nowMs) return null
  return clamp(at - nowMs)
}

function clamp(ms: number): number {
  return Math.min(MAX_RETRY_WAIT_MS, Math.max(0, Math.ceil(ms)))
}
