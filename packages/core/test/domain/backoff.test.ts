import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultBackoff, retryAt, retryDelayMs } from '../../src/domain/backoff'

describe('job retry backoff', () => {
  it('doubles from 30 s with half of each step random', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, defaultBackoff, () => 0))).toEqual([15_000, 30_000, 60_000, 120_000])
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, defaultBackoff, () => 1))).toEqual([30_000, 60_000, 120_000, 240_000])
  })

  it('is capped, and stays within [step/2, step] for any attempt and any random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const step = Math.min(defaultBackoff.maxMs, defaultBackoff.baseMs * 2 ** Math.min(attempt - 1, 30))
        const delay = retryDelayMs(attempt, defaultBackoff, () => r)
        expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2))
        expect(delay).toBeLessThanOrEqual(step)
        expect(delay).toBeLessThanOrEqual(defaultBackoff.maxMs)
      }),
    )
  })

  it('spreads retries of jobs that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3)))
    expect(delays.size).toBeGreaterThan(40)
  })

  it('computes the retry time from now', () => {
    expect(retryAt(new Date(0), 1, { baseMs: 1000, maxMs: 10_000 }, () => 0.5).getTime()).toBe(750)
  })
})
