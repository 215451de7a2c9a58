import { VetkitError } from '../../errors'

/**
 * U.S. federal holidays under 5 U.S.C. 6103, computed by rule (no table to go stale) for any year
 * from 1971, when the Uniform Monday Holiday Act took effect, to 9999.
 */
export interface FederalHoliday {
  name: string
  /** The holiday itself, YYYY-MM-DD. */
  date: string
  /** The day off federal employees get, YYYY-MM-DD. May fall in the previous year (New Year's Day). */
  observed: string
}

export const MIN_HOLIDAY_YEAR = 1971
export const MAX_HOLIDAY_YEAR = 9999

const SUNDAY = 0
const MONDAY = 1
const THURSDAY = 4
const SATURDAY = 6
const DAY_MS = 86_400_000

/**
 * Splits a strict YYYY-MM-DD string into numbers, rejecting impossible dates such as 2021-02-30.
 * Shared by the calendar modules; not part of the public API.
 */
export function isoDateParts(isoDate: string, field = 'isoDate'): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
    const check = new Date(Date.UTC(year, month - 1, day))
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return { year, month, day }
    }
  }
  throw new VetkitError('invalid_argument', `${field}: expected a YYYY-MM-DD date, got ${JSON.stringify(isoDate)}`, {
    field,
  })
}

/** Month and day may overflow (day 0 = last day of the previous month), as with Date.UTC. */
function utcDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day))
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** The nth (1-based) given weekday (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): Date {
  const first = utcDate(year, month, 1)
  const offset = (weekday - first.getUTCDay() + 7) % 7
  return utcDate(year, month, 1 + offset + (n - 1) * 7)
}

/** The last given weekday of a month. */
function lastWeekday(year: number, month: number, weekday: number): Date {
  const last = utcDate(year, month + 1, 0)
  const offset = (last.getUTCDay() - weekday + 7) % 7
  return utcDate(year, month, last.getUTCDate() - offset)
}

/** Saturday holidays are observed the Friday before, Sunday holidays the Monday after (5 U.S.C. 6103(b), E.O. 11582). */
function observedDay(date: Date): Date {
  const weekday = date.getUTCDay()
  if (weekday === SATURDAY) return new Date(date.getTime() - DAY_MS)
  if (weekday === SUNDAY) return new Date(date.getTime() + DAY_MS)
  return date
}

function computeHolidays(year: number): readonly FederalHoliday[] {
  const rules: [string, Date | null][] = [
    ["New Year's Day", utcDate(year, 1, 1)],
    ['Birthday of Martin Luther King, Jr.', year >= 1986 ? nthWeekday(year, 1, MONDAY, 3) : null],
    ["Washington's Birthday", nthWeekday(year, 2, MONDAY, 3)],
    ['Memorial Day', lastWeekday(year, 5, MONDAY)],
    ['Juneteenth National Independence Day', year >= 2021 ? utcDate(year, 6, 19) : null],
    ['Independence Day', utcDate(year, 7, 4)],
    ['Labor Day', nthWeekday(year, 9, MONDAY, 1)],
    ['Columbus Day', nthWeekday(year, 10, MONDAY, 2)],
    // Pub. L. 90-363 moved Veterans Day to the 4th Monday of October for 1971-1977; Pub. L. 94-97 moved it back.
    ['Veterans Day', year <= 1977 ? nthWeekday(year, 10, MONDAY, 4) : utcDate(year, 11, 11)],
    ['Thanksgiving Day', nthWeekday(year, 11, THURSDAY, 4)],
    ['Christmas Day', utcDate(year, 12, 25)],
  ]
  const holidays: FederalHoliday[] = []
  for (const [name, date] of rules) {
    if (date) holidays.push(Object.freeze({ name, date: iso(date), observed: iso(observedDay(date)) }))
  }
  return Object.freeze(holidays)
}

const holidaysByYear = new Map<number, readonly FederalHoliday[]>()
const observedByYear = new Map<number, ReadonlySet<string>>()

/** The federal holidays of `year` (by the year of the holiday itself), in date order. */
export function usFederalHolidays(year: number): readonly FederalHoliday[] {
  if (!Number.isInteger(year) || year < MIN_HOLIDAY_YEAR || year > MAX_HOLIDAY_YEAR) {
    throw new VetkitError(
      'invalid_argument',
      `year: expected an integer from ${MIN_HOLIDAY_YEAR} to ${MAX_HOLIDAY_YEAR}, got ${String(year)}`,
      { field: 'year' },
    )
  }
  let holidays = holidaysByYear.get(year)
  if (!holidays) {
    holidays = computeHolidays(year)
    holidaysByYear.set(year, holidays)
  }
  return holidays
}

function observedDates(year: number): ReadonlySet<string> {
  let dates = observedByYear.get(year)
  if (!dates) {
    dates = new Set(usFederalHolidays(year).map((holiday) => holiday.observed))
    observedByYear.set(year, dates)
  }
  return dates
}

/** Whether federal offices are closed for a holiday on `isoDate` (YYYY-MM-DD, years 1971..9999). */
export function isUsFederalHolidayObserved(isoDate: string): boolean {
  const { year, month, day } = isoDateParts(isoDate)
  if (year < MIN_HOLIDAY_YEAR || year > MAX_HOLIDAY_YEAR) {
    throw new VetkitError(
      'invalid_argument',
      `isoDate: federal holidays are computed for ${MIN_HOLIDAY_YEAR}..${MAX_HOLIDAY_YEAR}, got ${isoDate}`,
      { field: 'isoDate' },
    )
  }
  if (observedDates(year).has(isoDate)) return true
  // New Year's Day on a Saturday is observed on Dec 31 of the year before.
  return month === 12 && day === 31 && year < MAX_HOLIDAY_YEAR && observedDates(year + 1).has(isoDate)
}
