import { describe, expect, it } from 'vitest'
import { decideThrottle, type ThrottleCounter } from '../../src/domain/throttle'
import { describeEachBackend } from './support/backends'
import { at, HOUR, SECOND, storageOn, warmPool } from './support/fixtures-b'

const WINDOW_SECONDS = 3600
const rule = { max: 10, windowSeconds: WINDOW_SECONDS }

describeEachBackend('throttle store', (db, backend) => {
  it('anchors the window at the first hit and counts 1, 2, 3 within it', async () => {
    const storage = await db().freshStorage()
    const start = at(0)
    const first = await storage.throttles.consume('invite:s1', WINDOW_SECONDS, start)
    expect(first).toEqual({ count: 1, windowStartedAt: start })
    const second = await storage.throttles.consume('invite:s1', WINDOW_SECONDS, at(5 * SECOND))
    expect(second).toEqual({ count: 2, windowStartedAt: start })
    // One millisecond before the window closes still counts in it.
    const third = await storage.throttles.consume('invite:s1', WINDOW_SECONDS, at(HOUR - 1))
    expect(third).toEqual({ count: 3, windowStartedAt: start })
  })

  it('opens a new window with count 1 on a hit at exactly windowStart + window, anchored at that hit', async () => {
    const storage = await db().freshStorage()
    await storage.throttles.consume('k', WINDOW_SECONDS, at(0))
    await storage.throttles.consume('k', WINDOW_SECONDS, at(10 * SECOND))
    const reopened = await storage.throttles.consume('k', WINDOW_SECONDS, at(HOUR))
    expect(reopened).toEqual({ count: 1, windowStartedAt: at(HOUR) })
    const next = await storage.throttles.consume('k', WINDOW_SECONDS, at(HOUR + SECOND))
    expect(next).toEqual({ count: 2, windowStartedAt: at(HOUR) })
    // The new window is anchored at its own first hit, not at a multiple of the window.
    const late = await storage.throttles.consume('k', WINDOW_SECONDS, at(2 * HOUR - 1))
    expect(late).toEqual({ count: 3, windowStartedAt: at(HOUR) })
    expect(await storage.throttles.consume('k', WINDOW_SECONDS, at(3 * HOUR + 5 * SECOND))).toEqual({
      count: 1,
      windowStartedAt: at(3 * HOUR + 5 * SECOND),
    })
  })

  it('keeps keys independent and uses the window length of each call', async () => {
    const storage = await db().freshStorage()
    await storage.throttles.consume('a', 60, at(0))
    await storage.throttles.consume('a', 60, at(1))
    expect(await storage.throttles.consume('b', 60, at(2))).toEqual({ count: 1, windowStartedAt: at(2) })
    expect(await storage.throttles.consume('a', 60, at(59 * SECOND))).toEqual({ count: 3, windowStartedAt: at(0) })
    expect(await storage.throttles.consume('a', 60, at(60 * SECOND))).toEqual({ count: 1, windowStartedAt: at(60 * SECOND) })
  })

  it('release gives back one hit of its own window', async () => {
    const storage = await db().freshStorage()
    await storage.throttles.consume('r', WINDOW_SECONDS, at(0))
    await storage.throttles.consume('r', WINDOW_SECONDS, at(1 * SECOND))
    const third = await storage.throttles.consume('r', WINDOW_SECONDS, at(2 * SECOND))
    expect(third.count).toBe(3)
    await storage.throttles.release('r', third)
    // The next hit counts 3 again: exactly one hit was given back.
    expect(await storage.throttles.consume('r', WINDOW_SECONDS, at(3 * SECOND))).toEqual({ count: 3, windowStartedAt: at(0) })
  })

  it('release of a counter from a closed window does not touch the current window', async () => {
    const storage = await db().freshStorage()
    const old = await storage.throttles.consume('w', WINDOW_SECONDS, at(0))
    await storage.throttles.consume('w', WINDOW_SECONDS, at(HOUR))
    await storage.throttles.consume('w', WINDOW_SECONDS, at(HOUR + SECOND))
    await storage.throttles.release('w', old)
    expect(await storage.throttles.consume('w', WINDOW_SECONDS, at(HOUR + 2 * SECOND))).toEqual({ count: 3, windowStartedAt: at(HOUR) })
  })

  it('release never takes a window below zero hits, and is a no-op for an unknown key', async () => {
    const storage = await db().freshStorage()
    const only = await storage.throttles.consume('z', WINDOW_SECONDS, at(0))
    await storage.throttles.release('z', only)
    await storage.throttles.release('z', only)
    await storage.throttles.release('z', only)
    expect(await storage.throttles.consume('z', WINDOW_SECONDS, at(SECOND))).toEqual({ count: 1, windowStartedAt: at(0) })
    await expect(storage.throttles.release('never-seen', { count: 1, windowStartedAt: at(0) })).resolves.toBeUndefined()
    expect(await storage.throttles.consume('never-seen', WINDOW_SECONDS, at(0))).toEqual({ count: 1, windowStartedAt: at(0) })
  })

  it('counts inside the bound transaction: a rolled-back hit is not counted', async () => {
    const storage = await db().freshStorage()
    await storage.throttles.consume('tx', WINDOW_SECONDS, at(0))
    await expect(
      storage.transaction(async (tx) => {
        expect(await tx.throttles.consume('tx', WINDOW_SECONDS, at(SECOND))).toEqual({ count: 2, windowStartedAt: at(0) })
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect(await storage.throttles.consume('tx', WINDOW_SECONDS, at(2 * SECOND))).toEqual({ count: 2, windowStartedAt: at(0) })
  })

  it('50 parallel consumes on one key with a limit of 10 allow exactly 10', async () => {
    const storage = await db().freshStorage()
    const otherKnex = db().anotherKnex(25)
    const other = storageOn(otherKnex, storage)
    // Two pools of real connections (one connection on PGlite), opened before the race starts.
    await Promise.all([warmPool(db().knex, backend, 25), warmPool(otherKnex, backend, 25)])
    const now = at(0)
    const stores = [storage, other]
    const counters: ThrottleCounter[] = await Promise.all(
      Array.from({ length: 50 }, (_, i) => stores[i % 2]!.throttles.consume('invite_per_ip:203.0.113.7', rule.windowSeconds, now)),
    )
    const decisions = counters.map((counter) => decideThrottle(rule, counter, now))
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10)
    // Every hit got its own count: the increments were atomic, none was lost or doubled.
    expect(counters.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    expect(new Set(counters.map((c) => c.windowStartedAt.getTime()))).toEqual(new Set([now.getTime()]))
    for (const denied of decisions.filter((d) => !d.allowed)) {
      expect(denied.remaining).toBe(0)
      expect(denied.retryAfterSeconds).toBe(WINDOW_SECONDS)
    }
    expect(await storage.throttles.consume('invite_per_ip:203.0.113.7', rule.windowSeconds, at(SECOND))).toEqual({ count: 51, windowStartedAt: now })
  })

  it('parallel hits at the moment a window closes open exactly one new window', async () => {
    const storage = await db().freshStorage()
    const other = storageOn(db().anotherKnex(20), storage)
    for (let i = 0; i < 12; i++) await storage.throttles.consume('roll', WINDOW_SECONDS, at(i * SECOND))
    const now = at(HOUR)
    const stores = [storage, other]
    const counters = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 2]!.throttles.consume('roll', WINDOW_SECONDS, now)))
    expect(counters.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
    expect(counters.every((c) => c.windowStartedAt.getTime() === now.getTime())).toBe(true)
    expect(counters.map((c) => decideThrottle(rule, c, now)).filter((d) => d.allowed)).toHaveLength(10)
  })
})

describe('throttle suite', () => {
  it('runs its rule at the documented limit', () => {
    expect(decideThrottle(rule, { count: 10, windowStartedAt: at(0) }, at(0)).allowed).toBe(true)
    expect(decideThrottle(rule, { count: 11, windowStartedAt: at(0) }, at(0)).allowed).toBe(false)
  })
})
