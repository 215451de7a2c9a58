import { VetkitError } from '../errors'

/**
 * A message could not be sent. `retryable` is the job queue's cue: true for failures that may pass
 * on a later attempt (network errors, timeouts, SMTP 4xx), false for ones that will not (SMTP 5xx,
 * a malformed message), which should be dead-lettered and looked at.
 */
export class MailError extends VetkitError {
  readonly retryable: boolean
  /** The SMTP reply code, when the server answered with one. */
  readonly responseCode: number | undefined

  constructor(
    message: string,
    options: { retryable: boolean; responseCode?: number; field?: string; cause?: unknown },
  ) {
    super('mail_failed', message, options)
    this.retryable = options.retryable
    this.responseCode = options.responseCode
  }
}

/**
 * True for a `MailError`, also one from another copy of vetkit (a host that loads both the ESM
 * and CJS builds gets two classes), so a job queue can rely on it.
 */
export function isMailError(error: unknown): error is MailError {
  if (error instanceof MailError) return true
  if (!(error instanceof Error)) return false
  const fields = error as Error & { code?: unknown; retryable?: unknown }
  return fields.code === 'mail_failed' && typeof fields.retryable === 'boolean'
}
