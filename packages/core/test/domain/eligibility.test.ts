import { describe, expect, it } from 'vitest'
import type { CheckState } from '../../src/domain/check-state'
import { eligibility, type SubjectCheck } from '../../src/domain/eligibility'
import { defaultPolicy, resolvePolicy } from '../../src/domain/policy'
import { at, DAY, stateIn } from '../support/check-fixtures'

const check = (id: string, createdDay: number, state: Partial<CheckState> & Pick<CheckState, 'status'>): SubjectCheck => ({
  id,
  createdAt: at(createdDay),
  state: { validUntil: null, clearedAt: null, finalAdverseAt: null, ...state },
})
const passed = (id: string, createdDay: number, validUntilDay = createdDay + 730) =>
  check(id, createdDay, { status: 'passed', clearedAt: at(createdDay + 2), validUntil: at(validUntilDay) })

describe('eligibility (the go-live rule)', () => {
  it('a subject with no checks has not started (never "failed")', () => {
    expect(eligibility([], at(0), defaultPolicy)).toEqual({ eligible: false, eligibleUntil: null, basisCheckId: null, reason: 'not_started' })
  })

  it('a passed, unexpired check makes the subject eligible until its end', () => {
    expect(eligibility([passed('c1', 0)], at(10), defaultPolicy)).toEqual({
      eligible: true,
      eligibleUntil: at(730),
      basisCheckId: 'c1',
      reason: 'passed',
    })
  })

  it('ends exactly at validUntil even before any sweep marks the check expired', () => {
    expect(eligibility([passed('c1', 0)], new Date(at(730).getTime() - 1), defaultPolicy).eligible).toBe(true)
    expect(eligibility([passed('c1', 0)], at(730), defaultPolicy)).toMatchObject({ eligible: false, reason: 'expired' })
  })

  it.each([
    ['invited', 'in_progress'],
    ['pending', 'in_progress'],
    ['consider', 'in_review'],
    ['pre_adverse', 'in_review'],
    ['disputed', 'in_review'],
    ['failed', 'adverse_action_final'],
    ['canceled', 'canceled'],
    ['expired', 'expired'],
  ] as const)('a lone %s check is not eligible (%s)', (status, reason) => {
    expect(eligibility([check('c1', 0, { ...stateIn(status) })], at(10), defaultPolicy)).toMatchObject({ eligible: false, reason })
  })

  describe('during a re-check', () => {
    const running = check('c2', 700, { status: 'pending' })

    it('keep_clearance (default) keeps the still-valid pass', () => {
      expect(eligibility([passed('c1', 0), running], at(701), defaultPolicy)).toMatchObject({ eligible: true, basisCheckId: 'c1' })
    })

    it('keep_clearance keeps it while the new check is in review too', () => {
      const review = check('c2', 700, { status: 'pre_adverse' })
      expect(eligibility([passed('c1', 0), review], at(705), defaultPolicy).eligible).toBe(true)
    })

    it('a final adverse action on the re-check ends the old clearance at once', () => {
      const failed = check('c2', 700, { status: 'failed', finalAdverseAt: at(712) })
      expect(eligibility([passed('c1', 0), failed], at(713), defaultPolicy)).toMatchObject({ eligible: false, reason: 'adverse_action_final' })
    })

    it('a final adverse action before a later clearance does not count against it', () => {
      const failed = check('c1', 0, { status: 'failed', finalAdverseAt: at(20) })
      expect(eligibility([failed, passed('c2', 100)], at(200), defaultPolicy)).toMatchObject({ eligible: true, basisCheckId: 'c2' })
    })

    it('suspend makes the subject ineligible until the re-check passes', () => {
      const policy = resolvePolicy({ recheck: { whileEligible: 'suspend' } })
      expect(eligibility([passed('c1', 0), running], at(701), policy)).toMatchObject({ eligible: false, reason: 'in_progress' })
      expect(eligibility([passed('c1', 0), passed('c2', 700)], at(703), policy)).toMatchObject({ eligible: true, basisCheckId: 'c2' })
    })

    it('the grace period extends an expiring pass only while a re-check runs', () => {
      const policy = resolvePolicy({ expiry: { gracePeriodDays: 14 } })
      expect(eligibility([passed('c1', 0), running], at(735), policy)).toMatchObject({ eligible: true, eligibleUntil: at(744) })
      expect(eligibility([passed('c1', 0)], at(735), policy).eligible).toBe(false)
      expect(eligibility([passed('c1', 0), running], new Date(at(744).getTime()), policy).eligible).toBe(false)
    })

    it('picks the pass that lasts longest', () => {
      const result = eligibility([passed('c1', 0), passed('c2', 400)], at(500), defaultPolicy)
      expect(result).toMatchObject({ basisCheckId: 'c2', eligibleUntil: at(1130) })
      expect(result.eligibleUntil!.getTime() - at(500).getTime()).toBe(630 * DAY)
    })
  })
})
