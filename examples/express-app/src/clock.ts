// The app runs on the system clock. Only the seeding at first start borrows a manual clock, so it
// can play weeks (and a two-year validity) of background checks in a few seconds. With the fake
// Checkr, an admin can also move the app's time forward (`POST /admin/clock`), e.g. to the end of
// an adverse-action wait: an offset on the system clock that only grows, so time never goes back.
import { manualClock, type Clock, type ManualClock } from '@vetkit/core'

export interface SwitchableClock extends Clock {
  /** Hands time over to a manual clock (which must not run ahead of real time). */
  useManual(start: Date): ManualClock
  /** Back to the system clock, for good. */
  useSystem(): void
  /** Moves the system clock's reading forward by `ms` (never back); not while a manual clock runs. */
  advance(ms: number): Date
  readonly manual: boolean
  /** How far ahead of real time the app runs, in ms. */
  readonly offsetMs: number
}

export function switchableClock(): SwitchableClock {
  let manual: ManualClock | null = null
  let offsetMs = 0
  return {
    now: () => (manual ? manual.now() : new Date(Date.now() + offsetMs)),
    useManual(start) {
      manual = manualClock(start)
      return manual
    },
    useSystem() {
      // vetkit and the fake Checkr both require time never to go back.
      if (manual && manual.now().getTime() > Date.now() + offsetMs) throw new Error('the manual clock ran ahead of real time')
      manual = null
    },
    advance(ms) {
      if (manual) throw new Error('the clock is manual (seeding): advance it instead')
      if (!Number.isFinite(ms) || ms < 0) throw new Error('time only moves forward')
      offsetMs += ms
      return new Date(Date.now() + offsetMs)
    },
    get manual() {
      return manual !== null
    },
    get offsetMs() {
      return offsetMs
    },
  }
}
