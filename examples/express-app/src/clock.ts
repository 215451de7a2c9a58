// The app runs on the system clock. Only the seeding at first start borrows a manual clock, so it
// can play weeks (and a two-year validity) of background checks in a few seconds.
import { manualClock, type Clock, type ManualClock } from '@vetkit/core'

export interface SwitchableClock extends Clock {
  /** Hands time over to a manual clock (which must not run ahead of real time). */
  useManual(start: Date): ManualClock
  /** Back to the system clock, for good. */
  useSystem(): void
  readonly manual: boolean
}

export function switchableClock(): SwitchableClock {
  let manual: ManualClock | null = null
  return {
    now: () => (manual ? manual.now() : new Date()),
    useManual(start) {
      manual = manualClock(start)
      return manual
    },
    useSystem() {
      // vetkit and the fake Checkr both require time never to go back.
      if (manual && manual.now().getTime() > Date.now()) throw new Error('the manual clock ran ahead of real time')
      manual = null
    },
    get manual() {
      return manual !== null
    },
  }
}
