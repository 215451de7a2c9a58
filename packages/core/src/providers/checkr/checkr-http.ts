import type { z } from 'zod'
import { VETKIT_VERSION } from '../../version'
import { CheckrApiError, checkrErrorMessage, codeForStatus } from './checkr-errors'
import { checkrIdempotencyKey } from './idempotency-key'
import type { OutboundLimiter } from './outbound-limiter'
import { type AttemptFailure, retryDelayMs } from './retry-policy'

/** One Checkr call. `route` names it in errors without ids: `GET /reports/{id}`. */
export type CheckrRequest =
  | { method: 'GET' | 'DELETE'; path: string; route: string; query?: Record<string, string> }
  | { method: 'POST'; path: string; route: string; body: Record<string, unknown>; idempotencyKey: string }

export interface CheckrTransport {
  send<S extends z.ZodType>(request: CheckrRequest, schema: S): Promise<z.output<S>>
}

export interface CheckrTransportOptions {
  baseUrl: string
  apiKey: string
  fetch: typeof fetch
  timeoutMs: number
  maxRetries: number
  limiter: OutboundLimiter
  sleep: (ms: number) => Promise<void>
  now: () => number
}

type Attempt =
  | { kind: 'response'; status: number; headers: Headers; text: string }
  | { kind: 'no_response'; timedOut: boolean; cause: unknown }

/**
 * Checkr over `fetch`: Basic auth (key as username, empty password), JSON both ways, one
 * `Idempotency-Key` per POST kept across its retries, a timeout per attempt, the outbound limiter
 * before every attempt, and the retry policy in `retry-policy.ts`.
 */
export function createCheckrTransport(options: CheckrTransportOptions): CheckrTransport {
  const authorization = `Basic ${Buffer.from(`${options.apiKey}:`, 'utf8').toString('base64')}`
  const redact = (text: string) => text.split(options.apiKey).join('[redacted]')

  async function attemptOnce(request: CheckrRequest): Promise<Attempt> {
    const url = new URL(options.baseUrl + request.path)
    if (request.method !== 'POST') for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v)
    const headers = new Headers({ Authorization: authorization, Accept: 'application/json', 'User-Agent': `vetkit/${VETKIT_VERSION}` })
    let body: string | undefined
    if (request.method === 'POST') {
      headers.set('Content-Type', 'application/json')
      headers.set('Idempotency-Key', checkrIdempotencyKey(request.idempotencyKey))
      body = JSON.stringify(request.body)
    }
    try {
      const signal = AbortSignal.timeout(options.timeoutMs)
      const response = await options.fetch(url, { method: request.method, headers, signal, ...(body === undefined ? {} : { body }) })
      // Reading the body stays under the same signal: a stalled body is a timeout too.
      const text = await response.text()
      return { kind: 'response', status: response.status, headers: response.headers, text }
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')
      return { kind: 'no_response', timedOut, cause }
    }
  }

  function failure(request: CheckrRequest, attempt: Attempt, attempts: number): CheckrApiError {
    const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`
    if (attempt.kind === 'no_response') {
      const what = attempt.timedOut ? `timed out after ${options.timeoutMs} ms` : 'could not be reached'
      return new CheckrApiError('provider_unavailable', `Checkr ${request.route} ${what} (${tries})`, {
        status: null,
        checkrMessage: null,
        attempts,
        // A timeout's cause is only "signal timed out"; a network error's says which (DNS, refused...).
        ...(attempt.timedOut ? {} : { cause: attempt.cause }),
      })
    }
    const said = checkrErrorMessage(parseJson(attempt.text))
    const checkrMessage = said === null ? null : redact(said)
    return new CheckrApiError(
      codeForStatus(attempt.status, checkrMessage),
      `Checkr ${request.route} failed with HTTP ${attempt.status}${checkrMessage ? `: ${checkrMessage}` : ''} (${tries})`,
      { status: attempt.status, checkrMessage, attempts },
    )
  }

  function parseBody<S extends z.ZodType>(request: CheckrRequest, text: string, schema: S, attempts: number): z.output<S> {
    const json = text.trim() === '' ? undefined : parseJson(text)
    const bad = (detail: string, field?: string) =>
      new CheckrApiError('provider_bad_response', `Checkr ${request.route} returned an unexpected body (${detail})`, {
        status: null,
        checkrMessage: null,
        attempts,
        field,
      })
    if (json === INVALID_JSON) throw bad('not JSON')
    const parsed = schema.safeParse(json)
    if (parsed.success) return parsed.data
    // Path and zod's message only: values from the body (possibly PII) stay out of the error.
    const issue = parsed.error.issues[0]
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined
    throw bad(`${field ?? 'body'}: ${issue?.message ?? 'invalid'}`, field)
  }

  return {
    async send(request, schema) {
      let previousHadNoResponse = false
      for (let attempts = 1; ; attempts++) {
        await options.limiter.acquire()
        const attempt = await attemptOnce(request)
        if (attempt.kind === 'response' && attempt.status >= 200 && attempt.status < 300) {
          return parseBody(request, attempt.text, schema, attempts)
        }
        const failed: AttemptFailure =
          attempt.kind === 'response' ? { kind: 'status', status: attempt.status, headers: attempt.headers } : { kind: 'no_response' }
        const wait = retryDelayMs({
          method: request.method,
          failure: failed,
          attempt: attempts,
          maxRetries: options.maxRetries,
          previousHadNoResponse,
          nowMs: options.now(),
        })
        if (wait === null) throw failure(request, attempt, attempts)
        previousHadNoResponse = attempt.kind === 'no_response'
        await options.sleep(wait)
      }
    },
  }
}

const INVALID_JSON = Symbol('invalid JSON')

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return INVALID_JSON
  }
}
