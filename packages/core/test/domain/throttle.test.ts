import { describe, expect, it } from 'vitest'
import { defaultPolicy } from '../../src/domain/policy'
import { decideThrottle, nextThrottleCounter, throttleRules } from '../../src/domain/throttle'

const t = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000)

describe('throttles', () => {
  const rules = throttleRules(defaultPolicy)

  it('defaults to 1 invite per subject per 24 h, 10 per IP per hour, and 60 refused webhooks per IP per minute', () => {
    expect(rules).toEqual({
      invite_per_subject: { max: 1, windowSeconds: 86400 },
      invite_per_ip: { max: 10, windowSeconds: 3600 },
      refused_webhooks_per_ip: { max: 60, windowSeconds: 60 },
    })
  })

  it('allows one invite per subject per 24 h, anchored at the first hit', () => {
    const rule = rules.invite_per_subject
    const first = nextThrottleCounter(null, rule, t(0))
    expect(decideThrottle(rule, first, t(0))).toEqual({ allowed: true, limit: 1, remaining: 0, resetAt: t(86400), retryAfterSeconds: 0 })
    const second = nextThrottleCounter(first, rule, t(86399))
    expect(decideThrottle(rule, second, t(86399))).toMatchObject({ allowed: false, retryAfterSeconds: 1 })
    const next = nextThrottleCounter(second, rule, t(86400))
    expect(next).toEqual({ count: 1, windowStartedAt: t(86400) })
    expect(decideThrottle(rule, next, t(86400)).allowed).toBe(true)
  })

  it('counts 10 per IP per hour and tells how long to wait', () => {
    const rule = rules.invite_per_ip
    let counter = null
    const decisions = []
    for (let i = 0; i < 12; i++) {
      counter = nextThrottleCounter(counter, rule, t(i * 60))
      decisions.push(decideThrottle(rule, counter, t(i * 60)))
    }
    expect(decisions.map((d) => d.allowed)).toEqual([...Array(10).fill(true), false, false])
    expect(decisions[9]).toMatchObject({ remaining: 0 })
    expect(decisions[11]).toMatchObject({ remaining: 0, retryAfterSeconds: 3600 - 660 })
  })
})
