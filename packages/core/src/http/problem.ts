import { errorCodeInfo, type VetkitErrorCode } from '../error-codes'
import { VetkitError } from '../errors'
import { ThrottledError } from '../errors'

/** An HTTP error with a stable code: rendered as `application/problem+json` (RFC 9457). */
export class HttpError extends VetkitError {
  readonly status: number
  readonly headers: Record<string, string>

  constructor(status: number, code: VetkitErrorCode, message: string, options: { field?: string; headers?: Record<string, string> } = {}) {
    super(code, message, options.field === undefined ? {} : { field: options.field })
    this.status = status
    this.headers = options.headers ?? {}
  }
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
 * The response for any error. Messages of vetkit's own errors are written for the caller; a fault
 * (a code marked `fault` in `error-codes.ts`, or anything that is not a `VetkitError`) is a 500
 * whose body says nothing internal: its details go to the log (`fault: true` tells the caller).
 */
export function problemResponse(error: unknown): { status: number; body: Record<string, unknown>; headers: Record<string, string>; fault: boolean } {
  let status = 500
  let code: VetkitErrorCode = 'internal_error'
  let detail = 'something went wrong on the server; it has been logged'
  let field: string | undefined
  let fault = true
  const headers: Record<string, string> = { 'content-type': 'application/problem+json', 'cache-control': 'no-store' }
  if (error instanceof HttpError) {
    status = error.status
    code = error.code
    detail = error.message
    field = error.field
    fault = status >= 500
    Object.assign(headers, error.headers)
  } else if (error instanceof VetkitError) {
    const info = errorCodeInfo(error.code)
    if (!info.fault) {
      status = info.status
      code = error.code
      detail = info.detail ?? error.message
      field = info.detail === null ? error.field : undefined
      fault = false
      if (info.retryAfter !== null) headers['retry-after'] = String(info.retryAfter)
      if (error instanceof ThrottledError) Object.assign(headers, rateLimitHeaders(error))
    }
  }
  return {
    status,
    headers,
    fault,
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
