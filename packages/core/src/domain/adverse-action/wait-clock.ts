import { addBusinessDays, countBusinessDays, type BusinessDayOptions } from '../calendar/business-days'

/**
 * Business-day arithmetic in one jurisdiction's time zone and calendar: what the adverse-action
 * wait is counted in when a dispute pauses it.
 */
export interface WaitClock {
  /** The instant `n` business days after `from`, at `from`'s local wall-clock time. */
  add(from: Date, n: number): Date
  /** Whole business days from `from` to `to`: the largest `n` with `add(from, n) <= to` (0 if none). */
  elapsed(from: Date, to: Date): number
}

export function waitClock(options: BusinessDayOptions): WaitClock {
  const add = (from: Date, n: number) => addBusinessDays(from, n, options)
  return {
    add,
    elapsed(from, to) {
      if (to.getTime() <= from.getTime()) return 0
      // Business dates in (from, to]; the last one counts only once its wall-clock time has come.
      const days = countBusinessDays(from, to, options)
      return days > 0 && add(from, days).getTime() > to.getTime() ? days - 1 : days
    },
  }
}
