import { DateTime } from 'luxon'
import { VetkitError } from '../errors'

/**
 * A calendar date spelled out in US English (`March 3, 2026`), never `03/03/26`, which reads
 * differently on each side of the Atlantic. The day is the one in `timeZone` (an IANA name).
 */
export function formatLongDate(date: Date, timeZone: string): string {
  const value = DateTime.fromJSDate(date, { zone: timeZone })
  if (!value.isValid) {
    throw new VetkitError('invalid_argument', `cannot format date: ${value.invalidExplanation ?? value.invalidReason ?? 'invalid'}`, {
      field: Number.isNaN(date.getTime()) ? 'date' : 'timeZone',
    })
  }
  return value.setLocale('en-US').toFormat('LLLL d, yyyy')
}
