/** The throttle vocabulary, imported by errors as well as by the policy (so it imports neither). */
export type ThrottleName = 'invite_per_subject' | 'invite_per_ip' | 'refused_webhooks_per_ip'

export interface ThrottleCounter {
  /** Hits counted in the current window, including the one just consumed. */
  count: number
  windowStartedAt: Date
}

export interface ThrottleDecision {
  allowed: boolean
  limit: number
  remaining: number
  resetAt: Date
  /** Whole seconds until a new window opens; 0 when allowed. */
  retryAfterSeconds: number
}
