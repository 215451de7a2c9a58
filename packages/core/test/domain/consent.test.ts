import { describe, expect, it } from 'vitest'
import { evaluateConsent, type ConsentRecord } from '../../src/domain/consent'
import { defaultPolicy, resolvePolicy } from '../../src/domain/policy'

const HOUR = 3600 * 1000
const now = new Date('2026-05-01T12:00:00Z')
const consent = (hoursAgo: number, disclosureVersion = '1', id = `c${hoursAgo}`): ConsentRecord => ({
  id,
  subjectId: 's1',
  disclosureVersion,
  authorizationTextHash: 'sha256:abc',
  signatureName: 'Ada Lovelace',
  signedAt: new Date(now.getTime() - hoursAgo * HOUR),
  ip: '203.0.113.7',
  userAgent: 'test',
})

describe('consent rules', () => {
  it('requires a consent', () => {
    expect(evaluateConsent([], now, defaultPolicy)).toMatchObject({ ok: false, code: 'consent_required' })
  })

  it('accepts the newest consent for the current disclosure inside the window', () => {
    const result = evaluateConsent([consent(30), consent(2)], now, defaultPolicy)
    expect(result).toMatchObject({ ok: true, consent: { id: 'c2' } })
    if (result.ok) expect(result.reusableUntil).toEqual(new Date(now.getTime() + 22 * HOUR))
  })

  it('rejects a consent at exactly the end of the 24-hour window', () => {
    expect(evaluateConsent([consent(24)], now, defaultPolicy)).toMatchObject({ ok: false, code: 'consent_expired' })
    expect(evaluateConsent([consent(23.99)], now, defaultPolicy).ok).toBe(true)
  })

  it('ignores a recent consent to an older disclosure version', () => {
    const policy = resolvePolicy({ consent: { disclosureVersion: '2026-11' } })
    expect(evaluateConsent([consent(1, '1')], now, policy)).toMatchObject({ ok: false, code: 'consent_outdated' })
    expect(evaluateConsent([consent(1, '1'), consent(3, '2026-11')], now, policy)).toMatchObject({ ok: true, consent: { id: 'c3' } })
  })

  it('honours a configured reuse window and ignores consents dated in the future', () => {
    const policy = resolvePolicy({ consent: { reuseWindowHours: 72 } })
    expect(evaluateConsent([consent(48)], now, policy).ok).toBe(true)
    expect(evaluateConsent([consent(-1)], now, defaultPolicy)).toMatchObject({ ok: false, code: 'consent_required' })
  })
})
