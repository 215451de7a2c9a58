/**
 * Every error code vetkit throws, once, with what it means over HTTP. `VetkitError` takes only
 * these codes, and the HTTP layer reads the status from here: a new code is one line, and a code
 * without a status does not compile.
 *
 * `fault` codes are vetkit's (or the host's setup's) own failures, not the caller's: they answer
 * 500 (or 503 for an outage) with a generic body, and are logged with their stack and cause.
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
  provider_conflict: { status: 409 },
  provider_rejected: { status: 502 },
  provider_auth: { status: 502 },
  provider_not_found: { status: 502 },
  provider_bad_response: { status: 502 },
  provider_unavailable: { status: 503 },
  provider_rate_limited: { status: 503 },

  // Background work: expected, retried job failures (logged as warnings, never seen over HTTP).
  unknown_check: { status: 500 },
  report_incomplete: { status: 500 },

  // Background work that should not fail: faults.
  unknown_job_type: { status: 500, fault: true },
  drain_exhausted: { status: 500, fault: true },
  mail_failed: { status: 500, fault: true },
  invalid_email_data: { status: 500, fault: true },

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
} as const satisfies Record<string, { status: number; fault?: true }>

export type VetkitErrorCode = keyof typeof ERROR_CODES

export function isVetkitErrorCode(value: unknown): value is VetkitErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value)
}

/** The HTTP status of a code, and whether it is a fault (500-class, logged, generic body). */
export function errorCodeInfo(code: VetkitErrorCode): { status: number; fault: boolean } {
  const entry: { status: number; fault?: true } = ERROR_CODES[code]
  return { status: entry.status, fault: entry.fault === true }
}
