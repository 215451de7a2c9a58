import { VetkitError } from '../../errors'
import type { ThrottleDecision, ThrottleName } from '../../domain/throttle'

/** Too many invites: the HTTP layer answers 429 with `Retry-After` and `RateLimit` headers. */
export class ThrottledError extends VetkitError {
  readonly throttle: ThrottleName
  readonly decision: ThrottleDecision

  constructor(throttle: ThrottleName, decision: ThrottleDecision) {
    super('rate_limited', `too many invites; try again in ${decision.retryAfterSeconds} seconds`)
    this.throttle = throttle
    this.decision = decision
  }
}
