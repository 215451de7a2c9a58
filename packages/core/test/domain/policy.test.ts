import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../src/errors'
import { defaultPolicy, resolvePolicy } from '../../src/domain/policy'

describe('policy', () => {
  it('has the documented defaults', () => {
    expect(defaultPolicy).toEqual({
      consent: { disclosureVersion: '1', reuseWindowHours: 24 },
      throttles: {
        invitePerSubject: { max: 1, windowSeconds: 86400 },
        invitePerIp: { max: 10, windowSeconds: 3600 },
        refusedWebhooksPerIp: { max: 60, windowSeconds: 60 },
      },
      validity: { years: 2 },
      expiry: { reminderDaysBefore: [30, 7], renewalWindowDays: 30, gracePeriodDays: 0 },
      adverseAction: { defaultJurisdiction: 'us-fcra', mode: 'self_managed', finalNotice: 'automatic' },
      recheck: { whileEligible: 'keep_clearance' },
    })
  })

  it('merges partial settings with defaults', () => {
    const policy = resolvePolicy({ expiry: { gracePeriodDays: 7 }, throttles: { invitePerIp: { max: 3, windowSeconds: 60 } } })
    expect(policy.expiry).toEqual({ reminderDaysBefore: [30, 7], renewalWindowDays: 30, gracePeriodDays: 7 })
    expect(policy.throttles.invitePerSubject).toEqual({ max: 1, windowSeconds: 86400 })
  })

  it.each([
    [{ expiry: { reminderDaysBefore: [30, -1] } }, 'policy.expiry.reminderDaysBefore[1]'],
    [{ expiry: { reminderDaysBefore: [7, 7] } }, 'policy.expiry.reminderDaysBefore'],
    [{ validity: { years: 0 } }, 'policy.validity'],
    [{ consent: { disclosureVersion: '  ' } }, 'policy.consent.disclosureVersion'],
    [{ recheck: { whileEligible: 'sometimes' } }, 'policy.recheck.whileEligible'],
    [{ throttles: { invitePerIp: { max: 0, windowSeconds: 60 } } }, 'policy.throttles.invitePerIp.max'],
    [{ surprise: true }, 'policy.surprise'],
    [{ expiry: { graceDays: 3 } }, 'policy.expiry.graceDays'],
  ])('names the bad setting: %j', (input, setting) => {
    let error: unknown
    try {
      resolvePolicy(input as never)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as ConfigurationError).field).toBe(setting)
    expect((error as ConfigurationError).message.startsWith(`${setting}: `)).toBe(true)
  })
})
