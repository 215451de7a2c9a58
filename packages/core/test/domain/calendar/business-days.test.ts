import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { ConfigurationError } from '../../../src/errors'
import {
  businessCalendar,
  isoWeekday,
  usFederalBusinessCalendar,
} from '../../../src/domain/calendar/business-calendar'
import {
  addBusinessDays,
  addCalendarDays,
  countBusinessDays,
  localDate,
} from '../../../src/domain/calendar/business-days'

const NY = { timeZone: 'America/New_York' }
const at = (iso: string) => new Date(iso)
const iso = (date: Date) => date.toISOString()

describe('business calendars', () => {
  it('the federal calendar skips weekends and observed holidays', () => {
    expect(usFederalBusinessCalendar.id).toBe('us-federal')
    expect(usFederalBusinessCalendar.isBusinessDay('2025-11-26')).toBe(true) // Wednesday
    expect(usFederalBusinessCalendar.isBusinessDay('2025-11-27')).toBe(false) // Thanksgiving
    expect(usFederalBusinessCalendar.isBusinessDay('2025-11-29')).toBe(false) // Saturday
    expect(usFederalBusinessCalendar.isBusinessDay('2021-12-31')).toBe(false) // New Year 2022 observed
    expect(usFederalBusinessCalendar.isBusinessDay('2026-07-03')).toBe(false) // Independence Day observed
  })

  it('isoWeekday numbers Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2024-06-10')).toBe(1)
    expect(isoWeekday('2024-06-16')).toBe(7)
  })

  it('a host can bring its own weekend and holidays', () => {
    const gulf = businessCalendar({ id: 'gulf', weekend: [5, 6], holidays: (d) => d === '2024-06-11' })
    expect(gulf.isBusinessDay('2024-06-14')).toBe(false) // Friday
    expect(gulf.isBusinessDay('2024-06-16')).toBe(true) // Sunday
    expect(gulf.isBusinessDay('2024-06-11')).toBe(false)
    // Mon 10 Jun + 3: Tue 11 is a holiday, Wed 12, Thu 13, then Fri/Sat are the weekend, Sun 16.
    const result = addBusinessDays(at('2024-06-10T09:00:00Z'), 3, { timeZone: 'UTC', calendar: gulf })
    expect(iso(result)).toBe('2024-06-16T09:00:00.000Z')
  })

  it('rejects a bad calendar definition, naming the setting', () => {
    expect(() => businessCalendar({ id: '' })).toThrowError(expect.objectContaining({ field: 'calendar.id' }))
    expect(() => businessCalendar({ id: 'x', weekend: [0] })).toThrowError(ConfigurationError)
    expect(() => businessCalendar({ id: 'x', weekend: [1, 2, 3, 4, 5, 6, 7] })).toThrowError(
      expect.objectContaining({ code: 'configuration_error', field: 'calendar.weekend' }),
    )
  })

  it('stops instead of looping forever on a calendar with no business days', () => {
    const closed = businessCalendar({ id: 'closed', holidays: () => true })
    expect(() => addBusinessDays(at('2024-06-10T09:00:00Z'), 1, { ...NY, calendar: closed })).toThrowError(
      expect.objectContaining({ code: 'invalid_argument', field: 'calendar' }),
    )
  })
})

describe('addBusinessDays (America/New_York, federal calendar)', () => {
  it('skips Thanksgiving', () => {
    // Mon 24 Nov 2025 10:00 EST: Tue, Wed, (Thu holiday), Fri, Mon, Tue 2 Dec.
    expect(iso(addBusinessDays(at('2025-11-24T15:00:00Z'), 5, NY))).toBe('2025-12-02T15:00:00.000Z')
  })

  it('skips Christmas and New Year', () => {
    // Wed 24 Dec 2025: Fri 26, Mon 29, Tue 30, Wed 31, (Thu 1 Jan holiday), Fri 2 Jan.
    expect(iso(addBusinessDays(at('2025-12-24T14:00:00Z'), 5, NY))).toBe('2026-01-02T14:00:00.000Z')
    // Mon 27 Dec 2021: Tue, Wed, Thu, (Fri 31 = New Year 2022 observed), Mon 3, Tue 4 Jan.
    expect(iso(addBusinessDays(at('2021-12-27T14:00:00Z'), 5, NY))).toBe('2022-01-04T14:00:00.000Z')
  })

  it('skips a weekend and starts counting the day after start, business day or not', () => {
    expect(iso(addBusinessDays(at('2024-06-07T21:00:00Z'), 1, NY))).toBe('2024-06-10T21:00:00.000Z') // Fri 17:00 -> Mon
    expect(iso(addBusinessDays(at('2024-06-08T14:00:00Z'), 1, NY))).toBe('2024-06-10T14:00:00.000Z') // Sat -> Mon
    expect(iso(addBusinessDays(at('2024-06-09T14:00:00Z'), 1, NY))).toBe('2024-06-10T14:00:00.000Z') // Sun -> Mon
    expect(iso(addBusinessDays(at('2024-06-03T14:00:00Z'), 5, NY))).toBe('2024-06-10T14:00:00.000Z') // Mon -> Mon
  })

  it('uses the local date, not the UTC date', () => {
    // Fri 7 Jun 2024 23:30 EDT is already Saturday in UTC; locally it is Friday, so +1 is Monday.
    expect(iso(addBusinessDays(at('2024-06-08T03:30:00Z'), 1, NY))).toBe('2024-06-11T03:30:00.000Z')
  })

  it('keeps the local wall-clock time across DST changes', () => {
    // Spring forward (10 Mar 2024): Fri 09:00 EST -> Mon 09:00 EDT.
    expect(iso(addBusinessDays(at('2024-03-08T14:00:00Z'), 1, NY))).toBe('2024-03-11T13:00:00.000Z')
    // Fall back (3 Nov 2024): Fri 09:00 EDT -> Mon 09:00 EST.
    expect(iso(addBusinessDays(at('2024-11-01T13:00:00Z'), 1, NY))).toBe('2024-11-04T14:00:00.000Z')
  })

  it('moves a wall time that does not exist on the result day forward by the gap (luxon)', () => {
    // Sat 9 Mar 2024 02:30 EST + 1 calendar day: 02:30 on 10 Mar does not exist, so 03:30 EDT.
    expect(iso(addCalendarDays(at('2024-03-09T07:30:00Z'), 1, NY))).toBe('2024-03-10T07:30:00.000Z')
  })

  it('returns start for n = 0 and validates its arguments', () => {
    const start = at('2024-06-08T14:00:00Z')
    expect(addBusinessDays(start, 0, NY)).toBe(start)
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addBusinessDays(start, n, NY)).toThrowError(expect.objectContaining({ code: 'invalid_argument', field: 'n' }))
    }
    for (const timeZone of ['Mars/Olympus', '', 'UTC+3']) {
      expect(() => addBusinessDays(start, 1, { timeZone })).toThrowError(
        expect.objectContaining({ code: 'invalid_argument', field: 'timeZone' }),
      )
    }
    expect(() => addBusinessDays(new Date(Number.NaN), 1, NY)).toThrowError(expect.objectContaining({ field: 'start' }))
  })
})

describe('addCalendarDays, countBusinessDays, localDate', () => {
  it('adds calendar days at the same wall time', () => {
    expect(iso(addCalendarDays(at('2024-11-01T13:00:00Z'), 7, NY))).toBe('2024-11-08T14:00:00.000Z')
    expect(() => addCalendarDays(at('2024-11-01T13:00:00Z'), -1, NY)).toThrowError(expect.objectContaining({ field: 'n' }))
  })

  it('counts business local dates in (from, to]', () => {
    expect(countBusinessDays(at('2024-06-07T14:00:00Z'), at('2024-06-14T14:00:00Z'), NY)).toBe(5)
    expect(countBusinessDays(at('2025-11-24T15:00:00Z'), at('2025-12-02T15:00:00Z'), NY)).toBe(5)
    expect(countBusinessDays(at('2024-06-10T14:00:00Z'), at('2024-06-10T20:00:00Z'), NY)).toBe(0)
    expect(countBusinessDays(at('2024-06-14T14:00:00Z'), at('2024-06-07T14:00:00Z'), NY)).toBe(0)
  })

  it('gives the local date in the zone', () => {
    expect(localDate(at('2024-01-01T03:00:00Z'), 'America/Los_Angeles')).toBe('2023-12-31')
    expect(localDate(at('2024-01-01T03:00:00Z'), 'Asia/Tokyo')).toBe('2024-01-01')
    expect(() => localDate(at('2024-01-01T03:00:00Z'), 'Nowhere')).toThrowError(expect.objectContaining({ field: 'timeZone' }))
  })
})

describe('properties', () => {
  const zones = ['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago']
  const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  const zone = fc.constantFrom(...zones)
  const n = fc.integer({ min: 0, max: 40 })

  it('lands on a business day with exactly n business days in (start, result], after start', () => {
    fc.assert(
      fc.property(instant, n, zone, (start, days, timeZone) => {
        const result = addBusinessDays(start, days, { timeZone })
        expect(countBusinessDays(start, result, { timeZone })).toBe(days)
        if (days === 0) {
          expect(result.getTime()).toBe(start.getTime())
        } else {
          expect(usFederalBusinessCalendar.isBusinessDay(localDate(result, timeZone))).toBe(true)
          expect(result.getTime()).toBeGreaterThan(start.getTime())
        }
      }),
    )
  })

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(instant, n, zone, (start, days, timeZone) => {
        const a = addBusinessDays(start, days, { timeZone })
        const b = addBusinessDays(start, days + 1, { timeZone })
        expect(b.getTime()).toBeGreaterThan(a.getTime())
      }),
    )
  })

  it('composes and keeps exact 24 h days in a zone without DST', () => {
    const timeZone = 'Asia/Kolkata'
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 20 }), (start, a, b) => {
        const once = addBusinessDays(start, a + b, { timeZone })
        const twice = addBusinessDays(addBusinessDays(start, a, { timeZone }), b, { timeZone })
        expect(twice.getTime()).toBe(once.getTime())
        expect(addCalendarDays(start, a, { timeZone }).getTime()).toBe(start.getTime() + a * 86_400_000)
      }),
    )
  })
})
