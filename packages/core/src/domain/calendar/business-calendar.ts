import { ConfigurationError } from '../../errors'
import { isUsFederalHolidayObserved, isoDateParts } from './us-federal-holidays'

/**
 * Which local dates count as business days. Wait profiles reference a calendar by `id`, so hosts
 * can bring their own (state holidays, a different weekend) without vetkit knowing about them.
 */
export interface BusinessCalendar {
  readonly id: string
  /** `isoDate` is a local date, YYYY-MM-DD. */
  isBusinessDay(isoDate: string): boolean
}

export interface BusinessCalendarOptions {
  id: string
  /** ISO weekdays that are never business days (1 = Monday .. 7 = Sunday). Default Saturday and Sunday. */
  weekend?: readonly number[]
  /** Extra closed days, e.g. state holidays. Default: none. */
  holidays?: (isoDate: string) => boolean
}

/** ISO weekday (1 = Monday .. 7 = Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(isoDate: string): number {
  const { year, month, day } = isoDateParts(isoDate)
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return weekday === 0 ? 7 : weekday
}

export function businessCalendar(options: BusinessCalendarOptions): BusinessCalendar {
  const { id, weekend = [6, 7], holidays } = options
  if (typeof id !== 'string' || id.trim() === '') {
    throw new ConfigurationError('calendar.id', 'must be a non-empty string')
  }
  for (const weekday of weekend) {
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      throw new ConfigurationError('calendar.weekend', `ISO weekdays are 1..7, got ${String(weekday)}`)
    }
  }
  const closed = new Set(weekend)
  // A calendar without business days would make every day count loop forever.
  if (closed.size === 7) throw new ConfigurationError('calendar.weekend', 'must leave at least one business day')
  return Object.freeze({
    id,
    isBusinessDay: (isoDate: string) => !closed.has(isoWeekday(isoDate)) && !(holidays?.(isoDate) ?? false),
  })
}

/** Monday to Friday, except days federal offices close for a holiday (observed dates). */
export const usFederalBusinessCalendar: BusinessCalendar = businessCalendar({
  id: 'us-federal',
  holidays: isUsFederalHolidayObserved,
})
