import { DateTime, IANAZone } from 'luxon'
import { VetkitError } from '../../errors'
import { type BusinessCalendar, usFederalBusinessCalendar } from './business-calendar'

/**
 * Day arithmetic in a time zone. Legal waits are counted in the candidate's local days, so an
 * instant is first mapped to its local date in `timeZone`; results keep the start's local
 * wall-clock time.
 *
 * DST: the wall time is re-resolved on the result day by luxon. A wall time that does not exist
 * there (spring-forward gap) moves forward by the gap, e.g. 02:30 becomes 03:30, which only ever
 * lengthens a wait. A repeated wall time (fall-back) keeps the start's UTC offset when that offset
 * exists on the result day, otherwise luxon's default resolution applies. (A gap that crosses
 * local midnight, or a skipped whole day, could move the result to another date; no U.S. zone has one.)
 */

export interface TimeZoneOptions {
  /** IANA time zone, e.g. `America/New_York`. */
  timeZone: string
}

export interface BusinessDayOptions extends TimeZoneOptions {
  /** Default: {@link usFederalBusinessCalendar}. */
  calendar?: BusinessCalendar
}

/** Longest run of closed days tolerated before a calendar is declared broken (it would loop forever). */
const MAX_CLOSED_RUN = 366

function invalid(field: string, message: string): VetkitError {
  return new VetkitError('invalid_argument', `${field}: ${message}`, { field })
}

function zoned(instant: Date, field: string, timeZone: string): DateTime {
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    throw invalid('timeZone', `not a valid IANA time zone: ${JSON.stringify(timeZone)}`)
  }
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw invalid(field, 'must be a valid Date')
  return DateTime.fromJSDate(instant, { zone: timeZone })
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw invalid('n', `must be a non-negative integer, got ${String(n)}`)
}

/** A date-only cursor: UTC midnight of a local date, so stepping by a day never meets DST. */
function dateCursor(local: DateTime): DateTime {
  return DateTime.utc(local.year, local.month, local.day)
}

function isoOf(cursor: DateTime): string {
  return cursor.toISODate() ?? ''
}

/** The local calendar date of `instant` in `timeZone`, YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return isoOf(dateCursor(zoned(instant, 'instant', timeZone)))
}

/** `n` local calendar days after `start`, at the same wall-clock time in `timeZone`. */
export function addCalendarDays(start: Date, n: number, options: TimeZoneOptions): Date {
  const origin = zoned(start, 'start', options.timeZone)
  checkCount(n)
  return n === 0 ? start : origin.plus({ days: n }).toJSDate()
}

/**
 * The instant `n` business days after `start`: counting starts with the local day after start's
 * local date (whether or not start is on a business day), and the result is on the n-th business
 * day at start's wall-clock time. `n = 0` returns `start` unchanged.
 */
export function addBusinessDays(start: Date, n: number, options: BusinessDayOptions): Date {
  const origin = zoned(start, 'start', options.timeZone)
  checkCount(n)
  if (n === 0) return start
  const calendar = options.calendar ?? usFederalBusinessCalendar
  let cursor = dateCursor(origin)
  let days = 0
  let closedRun = 0
  for (let counted = 0; counted < n; ) {
    cursor = cursor.plus({ days: 1 })
    days += 1
    if (calendar.isBusinessDay(isoOf(cursor))) {
      counted += 1
      closedRun = 0
    } else if (++closedRun > MAX_CLOSED_RUN) {
      throw invalid('calendar', `calendar ${calendar.id} has no business day in ${MAX_CLOSED_RUN} days`)
    }
  }
  return origin.plus({ days }).toJSDate()
}

/** How many business days lie in (fromExclusive, toInclusive], by local date; 0 if `to` is not later. */
export function countBusinessDays(fromExclusive: Date, toInclusive: Date, options: BusinessDayOptions): number {
  const calendar = options.calendar ?? usFederalBusinessCalendar
  const end = dateCursor(zoned(toInclusive, 'toInclusive', options.timeZone)).toMillis()
  let cursor = dateCursor(zoned(fromExclusive, 'fromExclusive', options.timeZone))
  let count = 0
  while (cursor.toMillis() < end) {
    cursor = cursor.plus({ days: 1 })
    if (calendar.isBusinessDay(isoOf(cursor))) count += 1
  }
  return count
}
