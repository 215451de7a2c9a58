import type { ThrottleDecision, ThrottleName } from './domain/throttle-decision'
import type { VetkitErrorCode } from './error-codes'

/**
 * Every error vetkit throws on purpose is a `VetkitError` with a stable, machine-readable `code`
 * from one union (`VetkitErrorCode`, declared with its HTTP status in `error-codes.ts`). Hosts
 * branch on `code` (never on `message`).
 */
export class VetkitError extends Error {
  readonly code: VetkitErrorCode
  /** The input field or setting at fault, when there is one. */
  readonly field: string | undefined

  constructor(code: VetkitErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.field = options.field
  }
}

/** A setting is missing or invalid. Thrown at start-up, and the message names the setting. */
export class ConfigurationError extends VetkitError {
  constructor(setting: string, message: string, options: { cause?: unknown } = {}) {
    super('configuration_error', `${setting}: ${message}`, { field: setting, ...options })
  }
}

/** Bad input from a caller: the HTTP layer answers 4xx with `code` and the offending `field`. */
export class InputError extends VetkitError {
  constructor(code: VetkitErrorCode, message: string, field?: string) {
    super(code, message, field === undefined ? {} : { field })
  }
}

/** Too many requests: the HTTP layer answers 429 with `Retry-After` and `RateLimit` headers. */
export class ThrottledError extends VetkitError {
  readonly throttle: ThrottleName
  readonly decision: ThrottleDecision

  constructor(throttle: ThrottleName, decision: ThrottleDecision) {
    super('rate_limited', `too many invites; try again in ${decision.retryAfterSeconds} seconds`)
    this.throttle = throttle
    this.decision = decision
  }
}
