import { describe, expect, it } from 'vitest'
import { planExpiryReminder, renewalState, validUntilFrom } from '../../src/domain/expiry'
import { defaultPolicy, resolvePolicy } from '../../src/domain/policy'

const DAY = 86400000
const validUntil = new Date('2028-06-30T00:00:00Z')
const before = (days: number) => new Date(validUntil.getTime() - days * DAY)

describe('expiry', () => {
  it('adds calendar years in UTC (leap days included)', () => {
    expect(validUntilFrom(new Date('2024-02-29T10:00:00Z'), { years: 2 }).toISOString()).toBe('2026-02-28T10:00:00.000Z')
    expect(validUntilFrom(new Date('2026-01-31T00:00:00Z'), { months: 1 }).toISOString()).toBe('2026-02-28T00:00:00.000Z')
    expect(validUntilFrom(new Date('2026-01-01T00:00:00Z'), { days: 365 }).toISOString()).toBe('2027-01-01T00:00:00.000Z')
  })

  it('sends the 30-day then the 7-day reminder, each once', () => {
    const sent = new Set<string>()
    const plan = (now: Date) => planExpiryReminder({ validUntil, now, policy: defaultPolicy, alreadySent: sent })
    expect(plan(before(31)).send).toBeNull()
    const first = plan(before(30))
    expect(first.send).toMatchObject({ key: 'expiry_reminder_30d', daysBefore: 30, dueAt: before(30) })
    sent.add(first.send!.key)
    // Daily sweeps between the two reminders send nothing.
    for (let d = 29; d > 7; d--) expect(plan(before(d)).send).toBeNull()
    const second = plan(before(7))
    expect(second.send?.key).toBe('expiry_reminder_7d')
    sent.add(second.send!.key)
    for (let d = 6; d >= 0; d--) expect(plan(before(d)).send).toBeNull()
    expect(plan(validUntil).send).toBeNull()
  })

  it('sends only the most urgent reminder when several are due at once', () => {
    const plan = planExpiryReminder({ validUntil, now: before(3), policy: defaultPolicy, alreadySent: new Set() })
    expect(plan.send?.key).toBe('expiry_reminder_7d')
    expect(plan.superseded.map((r) => r.key)).toEqual(['expiry_reminder_30d'])
  })

  it('uses configured offsets in any order', () => {
    const policy = resolvePolicy({ expiry: { reminderDaysBefore: [1, 60, 14] } })
    const plan = planExpiryReminder({ validUntil, now: before(59), policy, alreadySent: new Set() })
    expect(plan.send?.key).toBe('expiry_reminder_60d')
  })

  it('reports the renewal window', () => {
    expect(renewalState(validUntil, before(31), defaultPolicy)).toBe('not_due')
    expect(renewalState(validUntil, before(30), defaultPolicy)).toBe('due')
    expect(renewalState(validUntil, validUntil, defaultPolicy)).toBe('expired')
  })
})
