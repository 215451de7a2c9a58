import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { manualClock, type ManualClock } from '../../../../src/domain/clock'
import { checkrProvider, type CheckrProviderOptions } from '../../../../src/providers/checkr'

export const API_KEY = 'sk_live_7c4e2b9a0f1d3e5a6b8c'
export const PROD = 'https://api.checkr.com/v1'
export const STAGING = 'https://api.checkr-staging.com/v1'
export const IDEMPOTENCY_KEY = '0b8f3c1e-6d2a-4f4b-9c7e-5a1d2e3f4a5b'

export interface SeenRequest {
  method: string
  url: URL
  headers: Headers
  /** The request body as sent (read from a clone, so it resolves once msw has it). */
  body: Promise<string>
}

/** One msw server per test file; every request that reaches it is recorded in order. */
export function useCheckrServer() {
  const server = setupServer()
  const seen: SeenRequest[] = []
  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' })
  })
  afterEach(() => {
    server.resetHandlers()
    server.events.removeAllListeners()
    seen.length = 0
  })
  afterAll(() => {
    server.close()
  })
  /** Starts recording (call in each test, after `afterEach` removed the listeners). */
  const record = () => {
    server.events.on('request:start', ({ request }) => {
      seen.push({ method: request.method, url: new URL(request.url), headers: request.headers, body: request.clone().text() })
    })
    return seen
  }
  return { server, record }
}

/** A clock that only moves when the code under test sleeps; every wait is recorded. */
export function fakeTime(start = '2026-01-20T12:00:00.000Z'): { clock: ManualClock; sleep: (ms: number) => Promise<void>; waits: number[] } {
  const clock = manualClock(start)
  const waits: number[] = []
  return {
    clock,
    waits,
    sleep: async (ms) => {
      waits.push(ms)
      clock.advance({ ms })
    },
  }
}

export interface SteppedTime {
  clock: ManualClock
  sleep: (ms: number) => Promise<void>
  /** Runs `work` to completion, moving the clock to the next timer only once everything else is idle. */
  run<T>(work: Promise<T>): Promise<T>
}

/**
 * A fake clock for concurrent code: `sleep` really suspends, and `run` advances the clock timer by
 * timer after draining microtasks and pending I/O. So the clock never jumps ahead of a caller that
 * was granted a slot but has not yet started its request (an instant `sleep` would allow that).
 */
export function steppedTime(start = '2026-01-20T12:00:00.000Z'): SteppedTime {
  const clock = manualClock(start)
  const timers: { at: number; resolve: () => void }[] = []
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve))
  return {
    clock,
    sleep: (ms) => new Promise<void>((resolve) => timers.push({ at: clock.now().getTime() + ms, resolve })),
    async run(work) {
      let done = false
      const finished = work.finally(() => {
        done = true
      })
      finished.catch(() => undefined)
      while (!done) {
        await settle()
        if (done || timers.length === 0) continue
        // The earliest timer; ties fire in the order they were set.
        let next = 0
        timers.forEach((timer, i) => {
          if (timer.at < timers[next]!.at) next = i
        })
        const [timer] = timers.splice(next, 1)
        if (timer!.at > clock.now().getTime()) clock.set(new Date(timer!.at))
        timer!.resolve()
      }
      return finished
    },
  }
}

/** A production provider with a fake clock; options override. */
export function testProvider(overrides: Partial<CheckrProviderOptions> = {}) {
  const time = fakeTime()
  const provider = checkrProvider({ apiKey: API_KEY, environment: 'production', packageSlug: 'tasker_standard', clock: time.clock, sleep: time.sleep, ...overrides })
  return { provider, ...time }
}

/** The rejection of `promise`, for asserting on its fields; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}
