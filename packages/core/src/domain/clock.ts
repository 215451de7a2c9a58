/**
 * Time is injected everywhere so that every timeline (waits, expiry, reminders, throttles) can be
 * tested by moving a clock instead of waiting.
 */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that only moves when told to: for tests, demos and the simulator. */
export interface ManualClock extends Clock {
  set(to: Date | string): void
  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number; ms?: number }): Date
}

export function manualClock(start: Date | string = '2026-01-05T15:00:00.000Z'): ManualClock {
  let current = new Date(start).getTime()
  if (Number.isNaN(current)) throw new RangeError(`manualClock: invalid start time ${String(start)}`)
  return {
    now: () => new Date(current),
    set(to) {
      const next = new Date(to).getTime()
      if (Number.isNaN(next)) throw new RangeError(`manualClock.set: invalid time ${String(to)}`)
      current = next
    },
    advance({ days = 0, hours = 0, minutes = 0, seconds = 0, ms = 0 }) {
      current += (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000 + ms
      return new Date(current)
    },
  }
}
