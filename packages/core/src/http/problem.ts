import { VetkitError } from '../errors'
import { ThrottledError } from '../pipelines/invite/throttled-error'

/** An HTTP error with a stable code: rendered as `application/problem+json` (RFC 9457). */
export class HttpError extends VetkitError {
  readonly status: number
  readonly headers: Record<string, string>

  constructor(status: number, code: string, message: string, options: { field?: string; headers?: Record<string, string> } = {}) {
    super(code, message, options.field === undefined ? {} : { field: options.field })
    this.status = status
    this.headers = options.headers ?? {}
  }
}

/** Which status each engine error code means over HTTP. Unknown codes of a VetkitError: 409. */
const STATUS_BY_CODE: Record<string, number> = {
  invalid_input: 422,
  configuration_error: 500,
  not_found: 404,
  consent_required: 409,
  consent_outdated: 409,
  consent_expired: 409,
  email_required: 409,
  check_exists: 409,
  no_previous_check: 409,
  unknown_jurisdiction: 422,
  unknown_adverse_item: 422,
  invalid_cursor: 400,
  invalid_argument: 422,
  provider_managed: 409,
  rate_limited: 429,
  provider_unavailable: 503,
  provider_rate_limited: 503,
  provider_auth: 502,
  provider_bad_response: 502,
  provider_rejected: 502,
  provider_not_found: 502,
  provider_conflict: 409,
  conflict: 409,
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

/**
 * The response for any error. Messages of vetkit's own errors are written for the caller; anything
 * else is an internal error whose details stay in the logs (never in the response).
 */
export function problemResponse(error: unknown): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  let status = 500
  let code = 'internal_error'
  let detail = 'something went wrong; it has been logged'
  let field: string | undefined
  const headers: Record<string, string> = { 'content-type': 'application/problem+json', 'cache-control': 'no-store' }
  if (error instanceof HttpError) {
    status = error.status
    code = error.code
    detail = error.message
    field = error.field
    Object.assign(headers, error.headers)
  } else if (error instanceof VetkitError && error.code !== 'configuration_error') {
    status = STATUS_BY_CODE[error.code] ?? 409
    code = error.code
    detail = error.message
    field = error.field
    if (error instanceof ThrottledError) Object.assign(headers, rateLimitHeaders(error))
  }
  return {
    status,
    headers,
    body: { type: `https://vetkit.dev/problems/${code}`, title: TITLES[status] ?? 'Error', status, code, detail, ...(field ? { field } : {}) },
  }
}

/** IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers) plus Retry-After. */
export function rateLimitHeaders(error: ThrottledError): Record<string, string> {
  const { decision, throttle } = error
  return {
    'retry-after': String(decision.retryAfterSeconds),
    'ratelimit-policy': `"${throttle}";q=${decision.limit}`,
    ratelimit: `"${throttle}";r=${decision.remaining};t=${decision.retryAfterSeconds}`,
  }
}
