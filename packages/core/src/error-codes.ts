/**
 * Every error code vetkit throws, once, with what it means over HTTP. `VetkitError` takes only
 * these codes, and the HTTP layer reads the status from here: a new code is one line, and a code
 * without a status does not compile.
 *
 * `fault` codes are vetkit's (or the host's setup's) own failures, not the caller's: they answer
 * 500 with a generic body, and are logged with their stack and cause. `detail` replaces the
 * error's own message in the response (a provider's text never reaches a client); `retryAfter`
 * (seconds) is sent as `Retry-After` for an outage the caller should wait out.
 */
export const ERROR_CODES = {
  // The caller's input.
  invalid_input: { status: 422 },
  invalid_argument: { status: 422 },
  invalid_cursor: { status: 400 },
  unknown_jurisdiction: { status: 422 },
  unknown_adverse_item: { status: 422 },
  adverse_items_required: { status: 422 },
  not_found: { status: 404 },

  // HTTP framing.
  unauthenticated: { status: 401 },
  forbidden: { status: 403 },
  method_not_allowed: { status: 405 },
  payload_too_large: { status: 413 },
  unsupported_media_type: { status: 415 },
  malformed_json: { status: 400 },
  body_aborted: { status: 400 },
  bad_path: { status: 400 },
  invalid_webhook: { status: 400 },

  // The state of the subject or check refuses the request.
  consent_required: { status: 409 },
  consent_outdated: { status: 409 },
  consent_expired: { status: 409 },
  email_required: { status: 409 },
  check_exists: { status: 409 },
  no_previous_check: { status: 409 },
  provider_managed: { status: 409 },
  conflict: { status: 409 },
  invalid_transition: { status: 409 },
  check_closed: { status: 409 },
  dispute_open: { status: 409 },
  adverse_wait_not_elapsed: { status: 409 },
  not_yet_expired: { status: 409 },
  report_mismatch: { status: 409 },
  report_not_completed: { status: 409 },
  no_adverse_action: { status: 409 },
  rate_limited: { status: 429 },

  // The screening provider.
  provider_state_conflict: { status: 409, detail: 'the screening provider does not allow this in the report\'s current state (for example while it is disputed); reload the check and try again' },
  provider_conflict: { status: 409, detail: 'the screening provider refused the request as a conflict; reload the check and try again' },
  provider_rejected: { status: 502, detail: 'the screening provider refused the request; it has been logged' },
  provider_auth: { status: 502, detail: 'the screening provider refused vetkit\'s credentials; check the API key' },
  provider_not_found: { status: 502, detail: 'the screening provider does not know this object' },
  provider_bad_response: { status: 502, detail: 'the screening provider answered with something vetkit cannot read; it has been logged' },
  provider_unavailable: { status: 503, retryAfter: 30, detail: 'the screening provider is unavailable; try again shortly' },
  provider_rate_limited: { status: 503, retryAfter: 30, detail: 'the screening provider is rate limiting vetkit; try again shortly' },

  // Background work: expected, retried job failures (logged as warnings, never seen over HTTP).
  unknown_check: { status: 500 },
  report_incomplete: { status: 500 },

  // Background work that should not fail: faults.
  unknown_job_type: { status: 500, fault: true },
  drain_exhausted: { status: 500, fault: true },
  mail_failed: { status: 500, fault: true },
  invalid_email_data: { status: 500, fault: true },

  // An outage: nothing was stored, and the same request may be retried (503 with Retry-After).
  storage_unavailable: { status: 503, retryAfter: 5 },

  // vetkit's own faults, or the host's setup.
  internal_error: { status: 500, fault: true },
  configuration_error: { status: 500, fault: true },
  schema_missing: { status: 500, fault: true },
  schema_out_of_date: { status: 500, fault: true },
  migration_locked: { status: 500, fault: true },
  unsupported: { status: 500, fault: true },
  decryption_failed: { status: 500, fault: true },
  storage_corrupt: { status: 500, fault: true },
  storage_conflict: { status: 500, fault: true },
} as const satisfies Record<string, ErrorCodeRow>

interface ErrorCodeRow {
  status: number
  fault?: true
  detail?: string
  retryAfter?: number
}

export type VetkitErrorCode = keyof typeof ERROR_CODES

export function isVetkitErrorCode(value: unknown): value is VetkitErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value)
}

/** How a code answers over HTTP: its status, whether it is a fault, its public detail and Retry-After. */
export function errorCodeInfo(code: VetkitErrorCode): { status: number; fault: boolean; detail: string | null; retryAfter: number | null } {
  const entry: ErrorCodeRow = ERROR_CODES[code]
  return { status: entry.status, fault: entry.fault === true, detail: entry.detail ?? null, retryAfter: entry.retryAfter ?? null }
}
