import { VetkitError } from '../../errors'

/** What went wrong talking to Checkr, as a stable code hosts and the job worker branch on. */
export type CheckrErrorCode =
  | 'provider_rejected'
  | 'provider_state_conflict'
  | 'provider_auth'
  | 'provider_not_found'
  | 'provider_conflict'
  | 'provider_rate_limited'
  | 'provider_unavailable'
  | 'provider_bad_response'

export interface CheckrApiErrorDetails {
  /** HTTP status of the last attempt; null when no response came (network error, timeout). */
  status: number | null
  /** Checkr's own explanation (`{"error": "..."}`), when it sent one. */
  checkrMessage: string | null
  /** How many requests were sent for this call, retries included. */
  attempts: number
  /** For a bad response: the path of the first offending field in the body. */
  field?: string | undefined
  cause?: unknown
}

/**
 * A failed Checkr call. Messages name the operation by its route template
 * (`GET /reports/{id}`), never the ids, the API key or a request body: they end up in logs.
 */
export class CheckrApiError extends VetkitError {
  declare readonly code: CheckrErrorCode
  readonly status: number | null
  readonly checkrMessage: string | null
  readonly attempts: number
  /** True when the same call may succeed later unchanged (rate limit, outage). */
  readonly retryable: boolean

  constructor(code: CheckrErrorCode, message: string, details: CheckrApiErrorDetails) {
    super(code, message, {
      ...(details.field === undefined ? {} : { field: details.field }),
      ...(details.cause === undefined ? {} : { cause: details.cause }),
    })
    this.status = details.status
    this.checkrMessage = details.checkrMessage
    this.attempts = details.attempts
    this.retryable = code === 'provider_rate_limited' || code === 'provider_unavailable'
  }
}

/**
 * Checkr's 400 and 422 refusals that are about the report's state, not the request: the report
 * is disputed, not complete with a consider result, already has an adverse action, is canceled.
 * vetkit answers these as its own `provider_state_conflict` (409), never with Checkr's text.
 */
const STATE_REFUSAL = /\b(?:dispute|disputed|pre-existing|already|must be complete|not allowed|cannot be adjudicated|canceled|cancelled|not in a state)\b/i

/** The code for an HTTP error status; anything unexpected below 500 counts as a rejection. */
export function codeForStatus(status: number, checkrMessage: string | null = null): CheckrErrorCode {
  if (status === 401 || status === 403) return 'provider_auth'
  if (status === 404) return 'provider_not_found'
  if (status === 409) return 'provider_conflict'
  if (status === 429) return 'provider_rate_limited'
  if (status >= 500) return 'provider_unavailable'
  if ((status === 400 || status === 422) && checkrMessage !== null && STATE_REFUSAL.test(checkrMessage)) return 'provider_state_conflict'
  return 'provider_rejected'
}

/** Reads Checkr's `{"error": "..."}` body (sometimes a list of messages); null for anything else. */
export function checkrErrorMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null
  const error: unknown = body.error
  if (typeof error === 'string') return error
  if (Array.isArray(error) && error.every((item): item is string => typeof item === 'string')) return error.join('; ')
  return null
}
