import fc from 'fast-check'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { manualClock } from '../../../src/domain/clock'
import { checkrProvider, createOutboundLimiter } from '../../../src/providers/checkr'
import { report, REPORT_ID } from './support/checkr-objects'
import { API_KEY, PROD, steppedTime, useCheckrServer } from './support/checkr-harness'

const { server } = useCheckrServer()

/** A limiter on a stepped fake clock; `startAll` records when each caller was let through. */
function fakeLimiter(maxPerWindow: number, windowMs: number) {
  const time = steppedTime()
  const t0 = time.clock.now().getTime()
  const sleeps: number[] = []
  const limiter = createOutboundLimiter({
    maxPerWindow,
    windowMs,
    now: () => time.clock.now().getTime(),
    sleep: (ms) => {
      sleeps.push(ms)
      return time.sleep(ms)
    },
  })
  const elapsed = () => time.clock.now().getTime() - t0
  /** Callers arriving after the given gaps (ms since the previous arrival); resolves to their start times. */
  const startAll = (gaps: number[]) =>
    time.run(
      (async () => {
        const starts: Promise<number>[] = []
        for (const gap of gaps) {
          if (gap > 0) await time.sleep(gap)
          starts.push(limiter.acquire().then(elapsed))
        }
        return Promise.all(starts)
      })(),
    )
  return { limiter, time, sleeps, elapsed, startAll }
}

/** True when no `max + 1` of the (sorted) start times fall within one window. */
function neverMoreThan(max: number, windowMs: number, starts: number[]): boolean {
  const sorted = [...starts].sort((a, b) => a - b)
  return sorted.every((start, i) => i + max >= sorted.length || sorted[i + max]! - start >= windowMs)
}

describe('createOutboundLimiter', () => {
  it('lets N start at once, then makes the next caller wait until the oldest start leaves the window', async () => {
    const { startAll, sleeps } = fakeLimiter(3, 1_000)
    expect(await startAll([0, 0, 0, 0, 0, 0, 0])).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000])
    expect(sleeps).toEqual([1_000, 1_000])
  })

  it('serves waiting callers first come, first served', async () => {
    const { limiter, time } = fakeLimiter(1, 500)
    const order: number[] = []
    await time.run(Promise.all([1, 2, 3, 4].map((n) => limiter.acquire().then(() => order.push(n)))))
    expect(order).toEqual([1, 2, 3, 4])
  })

  it('frees slots as time passes: a start exactly one window later is allowed', async () => {
    const { startAll, sleeps } = fakeLimiter(2, 1_000)
    // Arrivals at 0, 400, 1000 (the start at 0 has just left the window) and 1000 again (the start
    // at 400 is still in it: wait until 1400).
    expect(await startAll([0, 400, 600, 0])).toEqual([0, 400, 1_000, 1_400])
    expect(sleeps).toEqual([400])
  })

  it('never lets more than N start in any rolling window, whatever the arrival pattern', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 10, max: 5_000 }),
        fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 1, maxLength: 40 }),
        async (max, windowMs, gaps) => {
          const { startAll } = fakeLimiter(max, windowMs)
          const starts = await startAll(gaps)
          expect(starts).toHaveLength(gaps.length)
          expect(neverMoreThan(max, windowMs, starts)).toBe(true)
          // And no caller waits longer than needed: the first `max` arrivals start on arrival.
          let arrival = 0
          const arrivals = gaps.map((gap) => (arrival += gap))
          expect(starts.slice(0, max)).toEqual(arrivals.slice(0, max))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('keeps working after a sleep fails', async () => {
    const clock = manualClock('2026-01-20T12:00:00Z')
    let failNext = true
    const limiter = createOutboundLimiter({
      maxPerWindow: 1,
      windowMs: 1_000,
      now: () => clock.now().getTime(),
      sleep: async (ms) => {
        clock.advance({ ms })
        if (failNext) {
          failNext = false
          throw new Error('timer broke')
        }
      },
    })
    await limiter.acquire()
    await expect(limiter.acquire()).rejects.toThrow('timer broke')
    await expect(limiter.acquire()).resolves.toBeUndefined()
  })

  it('rejects nonsense limits', () => {
    const base = { windowMs: 1_000, now: () => 0, sleep: async () => undefined }
    expect(() => createOutboundLimiter({ ...base, maxPerWindow: 0 })).toThrow(RangeError)
    expect(() => createOutboundLimiter({ ...base, maxPerWindow: 1.5 })).toThrow(RangeError)
    expect(() => createOutboundLimiter({ ...base, maxPerWindow: 1, windowMs: 0 })).toThrow(RangeError)
  })
})

describe('the limiter inside checkrProvider', () => {
  /** A provider on stepped time whose fetch records when each request starts. */
  function limitedProvider(maxRequestsPerMinute: number) {
    const time = steppedTime()
    const t0 = time.clock.now().getTime()
    const starts: number[] = []
    const waits: number[] = []
    const provider = checkrProvider({
      apiKey: API_KEY,
      environment: 'production',
      packageSlug: 'tasker_standard',
      maxRequestsPerMinute,
      clock: time.clock,
      sleep: (ms) => {
        waits.push(ms)
        return time.sleep(ms)
      },
      fetch: (input, init) => {
        starts.push(time.clock.now().getTime() - t0)
        return globalThis.fetch(input, init)
      },
    })
    return { provider, time, starts, waits }
  }

  it('holds maxRequestsPerMinute per rolling minute across all calls of one instance', async () => {
    server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json(report)))
    const { provider, time, starts } = limitedProvider(2)
    await time.run(Promise.all(Array.from({ length: 5 }, () => provider.getReport(REPORT_ID))))
    expect(starts).toEqual([0, 0, 60_000, 60_000, 120_000])
  })

  it('counts retries as requests', async () => {
    let calls = 0
    server.use(
      http.get(`${PROD}/reports/:id`, () => {
        calls += 1
        return calls === 1 ? HttpResponse.json({ error: 'Too many requests' }, { status: 429 }) : HttpResponse.json(report)
      }),
    )
    const { provider, time, starts, waits } = limitedProvider(1)
    await time.run(provider.getReport(REPORT_ID))
    // 2 s back-off, then the limiter holds the retry until the first start leaves the minute.
    expect(waits).toEqual([2_000, 58_000])
    expect(starts).toEqual([0, 60_000])
  })
})
