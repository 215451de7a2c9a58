import assert from 'node:assert/strict'
import { decideThrottle } from '../../domain/throttle'
import type { Storage } from '../../ports/storage'
import { at, HOUR, rejectionOf, SECOND } from './fixtures'
import type { ConformanceContext } from './target'

const WINDOW_SECONDS = 3600
const rule = { max: 10, windowSeconds: WINDOW_SECONDS }

/** 1..n: what n atomic hits on one fresh window must count, in some order. */
const oneToN = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1)

/**
 * Opens up to `connections` connections of `storage`'s pool at once, through the port (a read of
 * a subject that does not exist), so a race that follows runs on open connections in parallel.
 */
async function warm(storage: Storage, connections: number): Promise<void> {
  await Promise.all(Array.from({ length: connections }, () => storage.subjects.get('warm-up')))
}

/** The fixed-window counters behind the invite and webhook throttles: windows, release, atomicity. */
export function throttleCases({ it, target }: ConformanceContext): void {
  it('runs its rule at the documented limit', async () => {
    // The race cases below count on this rule allowing exactly 10 hits in a window.
    assert.equal(decideThrottle(rule, { count: 10, windowStartedAt: at(0) }, at(0)).allowed, true)
    assert.equal(decideThrottle(rule, { count: 11, windowStartedAt: at(0) }, at(0)).allowed, false)
  })

  it('anchors the window at the first hit and counts 1, 2, 3 within it', async () => {
    const storage = await target.fresh()
    const start = at(0)
    const first = await storage.throttles.consume('invite:s1', WINDOW_SECONDS, start)
    assert.deepEqual(first, { count: 1, windowStartedAt: start }, 'the first hit')
    const second = await storage.throttles.consume('invite:s1', WINDOW_SECONDS, at(5 * SECOND))
    assert.deepEqual(second, { count: 2, windowStartedAt: start }, 'the second hit')
    // One millisecond before the window closes still counts in it.
    const third = await storage.throttles.consume('invite:s1', WINDOW_SECONDS, at(HOUR - 1))
    assert.deepEqual(third, { count: 3, windowStartedAt: start }, 'a hit 1 ms before the window closes')
  })

  it('opens a new window with count 1 on a hit at exactly windowStart + window, anchored at that hit', async () => {
    const storage = await target.fresh()
    await storage.throttles.consume('k', WINDOW_SECONDS, at(0))
    await storage.throttles.consume('k', WINDOW_SECONDS, at(10 * SECOND))
    const reopened = await storage.throttles.consume('k', WINDOW_SECONDS, at(HOUR))
    assert.deepEqual(reopened, { count: 1, windowStartedAt: at(HOUR) }, 'a hit at exactly windowStart + window')
    const next = await storage.throttles.consume('k', WINDOW_SECONDS, at(HOUR + SECOND))
    assert.deepEqual(next, { count: 2, windowStartedAt: at(HOUR) }, 'the next hit in the new window')
    // The new window is anchored at its own first hit, not at a multiple of the window.
    const late = await storage.throttles.consume('k', WINDOW_SECONDS, at(2 * HOUR - 1))
    assert.deepEqual(late, { count: 3, windowStartedAt: at(HOUR) }, 'a hit 1 ms before the new window closes')
    assert.deepEqual(
      await storage.throttles.consume('k', WINDOW_SECONDS, at(3 * HOUR + 5 * SECOND)),
      { count: 1, windowStartedAt: at(3 * HOUR + 5 * SECOND) },
      'a hit after a gap of more than a window',
    )
  })

  it('keeps keys independent and uses the window length of each call', async () => {
    const storage = await target.fresh()
    await storage.throttles.consume('a', 60, at(0))
    await storage.throttles.consume('a', 60, at(1))
    assert.deepEqual(await storage.throttles.consume('b', 60, at(2)), { count: 1, windowStartedAt: at(2) }, 'another key')
    assert.deepEqual(await storage.throttles.consume('a', 60, at(59 * SECOND)), { count: 3, windowStartedAt: at(0) }, 'inside a 60 s window')
    assert.deepEqual(await storage.throttles.consume('a', 60, at(60 * SECOND)), { count: 1, windowStartedAt: at(60 * SECOND) }, 'a 60 s window closes')
  })

  it('release gives back one hit of its own window', async () => {
    const storage = await target.fresh()
    await storage.throttles.consume('r', WINDOW_SECONDS, at(0))
    await storage.throttles.consume('r', WINDOW_SECONDS, at(1 * SECOND))
    const third = await storage.throttles.consume('r', WINDOW_SECONDS, at(2 * SECOND))
    assert.equal(third.count, 3)
    await storage.throttles.release('r', third)
    // The next hit counts 3 again: exactly one hit was given back.
    assert.deepEqual(await storage.throttles.consume('r', WINDOW_SECONDS, at(3 * SECOND)), { count: 3, windowStartedAt: at(0) }, 'the hit after a release')
  })

  it('release of a counter from a closed window does not touch the current window', async () => {
    const storage = await target.fresh()
    const old = await storage.throttles.consume('w', WINDOW_SECONDS, at(0))
    await storage.throttles.consume('w', WINDOW_SECONDS, at(HOUR))
    await storage.throttles.consume('w', WINDOW_SECONDS, at(HOUR + SECOND))
    await storage.throttles.release('w', old)
    assert.deepEqual(
      await storage.throttles.consume('w', WINDOW_SECONDS, at(HOUR + 2 * SECOND)),
      { count: 3, windowStartedAt: at(HOUR) },
      'the current window still counts both of its hits',
    )
  })

  it('release never takes a window below zero hits, and is a no-op for an unknown key', async () => {
    const storage = await target.fresh()
    const only = await storage.throttles.consume('z', WINDOW_SECONDS, at(0))
    await storage.throttles.release('z', only)
    await storage.throttles.release('z', only)
    await storage.throttles.release('z', only)
    assert.deepEqual(await storage.throttles.consume('z', WINDOW_SECONDS, at(SECOND)), { count: 1, windowStartedAt: at(0) }, 'the hit after three releases of one')
    assert.equal(await storage.throttles.release('never-seen', { count: 1, windowStartedAt: at(0) }), undefined, 'release of an unknown key')
    assert.deepEqual(
      await storage.throttles.consume('never-seen', WINDOW_SECONDS, at(0)),
      { count: 1, windowStartedAt: at(0) },
      'releasing an unknown key created no counter',
    )
  })

  it('counts inside the bound transaction: a rolled-back hit is not counted', async () => {
    const storage = await target.fresh()
    await storage.throttles.consume('tx', WINDOW_SECONDS, at(0))
    const error = await rejectionOf(
      storage.transaction(async (tx) => {
        assert.deepEqual(await tx.throttles.consume('tx', WINDOW_SECONDS, at(SECOND)), { count: 2, windowStartedAt: at(0) }, 'the hit inside the transaction')
        throw new Error('roll back')
      }),
    )
    assert.match(error.message, /roll back/, 'the transaction rejects with the error thrown inside it')
    assert.deepEqual(await storage.throttles.consume('tx', WINDOW_SECONDS, at(2 * SECOND)), { count: 2, windowStartedAt: at(0) }, 'the rolled-back hit is not counted')
  })

  it('50 parallel consumes on one key with a limit of 10 allow exactly 10', async () => {
    const storage = await target.fresh()
    const other = await target.sibling(storage, 25)
    // Two pools of real connections (one connection on PGlite), opened before the race starts.
    await warm(storage, 25)
    const now = at(0)
    const stores = [storage, other]
    const counters = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (stores[i % 2] ?? storage).throttles.consume('invite_per_ip:203.0.113.7', rule.windowSeconds, now)),
    )
    const decisions = counters.map((counter) => decideThrottle(rule, counter, now))
    assert.equal(decisions.filter((d) => d.allowed).length, 10, 'exactly the limit is allowed')
    // Every hit got its own count: the increments were atomic, none was lost or doubled.
    assert.deepEqual(
      counters.map((c) => c.count).sort((a, b) => a - b),
      oneToN(50),
      'the 50 counts must be 1..50, each once',
    )
    assert.deepEqual(new Set(counters.map((c) => c.windowStartedAt.getTime())), new Set([now.getTime()]), 'every hit is in the one window')
    for (const denied of decisions.filter((d) => !d.allowed)) {
      assert.equal(denied.remaining, 0)
      assert.equal(denied.retryAfterSeconds, WINDOW_SECONDS)
    }
    assert.deepEqual(
      await storage.throttles.consume('invite_per_ip:203.0.113.7', rule.windowSeconds, at(SECOND)),
      { count: 51, windowStartedAt: now },
      'the hit after the race',
    )
  })

  it('parallel hits at the moment a window closes open exactly one new window', async () => {
    const storage = await target.fresh()
    const other = await target.sibling(storage, 20)
    for (let i = 0; i < 12; i++) await storage.throttles.consume('roll', WINDOW_SECONDS, at(i * SECOND))
    const now = at(HOUR)
    const stores = [storage, other]
    const counters = await Promise.all(Array.from({ length: 30 }, (_, i) => (stores[i % 2] ?? storage).throttles.consume('roll', WINDOW_SECONDS, now)))
    assert.deepEqual(
      counters.map((c) => c.count).sort((a, b) => a - b),
      oneToN(30),
      'the 30 counts must be 1..30 in one new window (no hit lost, no second window opened)',
    )
    assert.ok(
      counters.every((c) => c.windowStartedAt.getTime() === now.getTime()),
      `every hit is in the window opened at ${now.toISOString()}`,
    )
    assert.equal(counters.map((c) => decideThrottle(rule, c, now)).filter((d) => d.allowed).length, 10, 'exactly the limit is allowed')
  })
}
