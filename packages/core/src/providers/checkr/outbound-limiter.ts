/**
 * A sliding-window log limiter: at most `maxPerWindow` acquisitions in any rolling window of
 * `windowMs`. Callers queue in FIFO order; only the head of the queue ever sleeps, so the number
 * of pending timers stays at one however many callers wait. The log holds at most `maxPerWindow`
 * timestamps (1,200 for Checkr), so memory is bounded.
 *
 * Time and sleeping are injected so tests drive a fake clock instead of waiting.
 */
export interface OutboundLimiter {
  /** Resolves when the caller may start one request; the start is recorded at that moment. */
  acquire(): Promise<void>
}

export interface OutboundLimiterOptions {
  maxPerWindow: number
  windowMs: number
  now: () => number
  sleep: (ms: number) => Promise<void>
}

export function createOutboundLimiter(options: OutboundLimiterOptions): OutboundLimiter {
  const { maxPerWindow, windowMs, now, sleep } = options
  if (!Number.isInteger(maxPerWindow) || maxPerWindow < 1) throw new RangeError('maxPerWindow must be a positive integer')
  if (!(windowMs > 0)) throw new RangeError('windowMs must be positive')

  const starts: number[] = []
  // Each acquisition chains on the previous one: FIFO without an explicit queue.
  let tail: Promise<void> = Promise.resolve()

  async function takeSlot(): Promise<void> {
    for (;;) {
      const current = now()
      // A start at `s` counts during [s, s + windowMs).
      while (starts.length > 0 && (starts[0] ?? 0) <= current - windowMs) starts.shift()
      if (starts.length < maxPerWindow) {
        starts.push(current)
        return
      }
      await sleep(Math.max(1, (starts[0] ?? current) + windowMs - current))
    }
  }

  return {
    acquire() {
      const slot = tail.then(takeSlot)
      // A failed sleep must not wedge every later caller.
      tail = slot.catch(() => undefined)
      return slot
    },
  }
}
