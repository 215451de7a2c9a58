import type { Policy, ThrottleRule } from './policy'
import type { ThrottleCounter, ThrottleDecision, ThrottleName } from './throttle-decision'

export type { ThrottleCounter, ThrottleDecision, ThrottleName } from './throttle-decision'

/**
 * Throttles are data (a rule per purpose) plus one decision function. Counting is the storage's
 * job and must be one atomic consume per key, never read-then-write; this function only turns
 * the counter it returns into a decision with the numbers HTTP needs (RateLimit, Retry-After).
 *
 * Windows are anchored at the first hit of a key: a window opens on the first request after the
 * previous window closed. With `max: 1` that is exactly "one per window".
 */
export function throttleRules(policy: Policy): Record<ThrottleName, ThrottleRule> {
  return {
    invite_per_subject: policy.throttles.invitePerSubject,
    invite_per_ip: policy.throttles.invitePerIp,
    refused_webhooks_per_ip: policy.throttles.refusedWebhooksPerIp,
  }
}

export function decideThrottle(rule: ThrottleRule, counter: ThrottleCounter, now: Date): ThrottleDecision {
  const resetAt = new Date(counter.windowStartedAt.getTime() + rule.windowSeconds * 1000)
  const allowed = counter.count <= rule.max
  return {
    allowed,
    limit: rule.max,
    remaining: Math.max(0, rule.max - counter.count),
    resetAt,
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
  }
}

/**
 * The counter after one more hit, for stores that compute it in application code under a lock
 * (and for the in-memory test double). SQL stores express the same rule in one statement.
 */
export function nextThrottleCounter(previous: ThrottleCounter | null, rule: ThrottleRule, now: Date): ThrottleCounter {
  if (previous === null || now.getTime() >= previous.windowStartedAt.getTime() + rule.windowSeconds * 1000) {
    return { count: 1, windowStartedAt: now }
  }
  return { count: previous.count + 1, windowStartedAt: previous.windowStartedAt }
}
