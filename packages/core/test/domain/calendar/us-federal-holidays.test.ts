import { describe, it, expect } from 'vitest'
import { VetkitError } from '../../../src/errors'
import { isUsFederalHolidayObserved, usFederalHolidays } from '../../../src/domain/calendar/us-federal-holidays'

// OPM's published observed dates (opm.gov "Federal Holidays"), listed by holiday year. The 2022 and
// 2028 New Year's Days fell on a Saturday and were observed on Dec 31 of the year before.
const OPM_OBSERVED: Record<number, string[]> = {
  2021: ['2021-01-01', '2021-01-18', '2021-02-15', '2021-05-31', '2021-06-18', '2021-07-05', '2021-09-06', '2021-10-11', '2021-11-11', '2021-11-25', '2021-12-24'],
  2022: ['2021-12-31', '2022-01-17', '2022-02-21', '2022-05-30', '2022-06-20', '2022-07-04', '2022-09-05', '2022-10-10', '2022-11-11', '2022-11-24', '2022-12-26'],
  2023: ['2023-01-02', '2023-01-16', '2023-02-20', '2023-05-29', '2023-06-19', '2023-07-04', '2023-09-04', '2023-10-09', '2023-11-10', '2023-11-23', '2023-12-25'],
  2024: ['2024-01-01', '2024-01-15', '2024-02-19', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-10-14', '2024-11-11', '2024-11-28', '2024-12-25'],
  2025: ['2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25'],
  2026: ['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25'],
  2027: ['2027-01-01', '2027-01-18', '2027-02-15', '2027-05-31', '2027-06-18', '2027-07-05', '2027-09-06', '2027-10-11', '2027-11-11', '2027-11-25', '2027-12-24'],
}

function* daysOf(year: number): Generator<string> {
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    yield new Date(t).toISOString().slice(0, 10)
  }
}

describe('usFederalHolidays', () => {
  it.each(Object.entries(OPM_OBSERVED))('matches the OPM observed dates for %s', (year, expected) => {
    expect(usFederalHolidays(Number(year)).map((h) => h.observed)).toEqual(expected)
  })

  it('observed days are always Monday to Friday', () => {
    for (let year = 1971; year <= 2100; year += 1) {
      for (const holiday of usFederalHolidays(year)) {
        const weekday = new Date(`${holiday.observed}T00:00:00Z`).getUTCDay()
        expect(weekday, `${holiday.name} ${holiday.observed}`).not.toBe(0)
        expect(weekday, `${holiday.name} ${holiday.observed}`).not.toBe(6)
      }
    }
  })

  it('keeps the actual date next to the observed one', () => {
    expect(usFederalHolidays(2022)[0]).toEqual({ name: "New Year's Day", date: '2022-01-01', observed: '2021-12-31' })
    expect(usFederalHolidays(2021).find((h) => h.name === 'Independence Day')).toEqual({
      name: 'Independence Day',
      date: '2021-07-04',
      observed: '2021-07-05',
    })
  })

  it('has Juneteenth only from 2021', () => {
    const names = (year: number) => usFederalHolidays(year).map((h) => h.name)
    expect(names(2020)).not.toContain('Juneteenth National Independence Day')
    expect(names(2021)).toContain('Juneteenth National Independence Day')
    expect(usFederalHolidays(2020)).toHaveLength(10)
    expect(usFederalHolidays(2021)).toHaveLength(11)
  })

  it('has the Birthday of Martin Luther King, Jr. only from 1986', () => {
    const mlk = (year: number) => usFederalHolidays(year).find((h) => h.name.startsWith('Birthday of Martin'))
    expect(mlk(1985)).toBeUndefined()
    expect(mlk(1986)?.date).toBe('1986-01-20')
    expect(usFederalHolidays(1985)).toHaveLength(9)
  })

  it('puts Veterans Day on the 4th Monday of October in 1971-1977 and on Nov 11 from 1978', () => {
    const veterans = (year: number) => usFederalHolidays(year).find((h) => h.name === 'Veterans Day')?.date
    expect(veterans(1971)).toBe('1971-10-25')
    expect(veterans(1975)).toBe('1975-10-27')
    expect(veterans(1977)).toBe('1977-10-24')
    expect(veterans(1978)).toBe('1978-11-11')
  })

  it('rejects years outside 1971..9999 and non-integers', () => {
    for (const year of [1970, 10_000, 2021.5, Number.NaN]) {
      expect(() => usFederalHolidays(year)).toThrowError(expect.objectContaining({ code: 'invalid_argument', field: 'year' }))
    }
    expect(() => usFederalHolidays(1970)).toThrow(VetkitError)
    expect(usFederalHolidays(1971)).toHaveLength(9)
    expect(usFederalHolidays(9999)).toHaveLength(11)
  })

  it('returns frozen, memoised lists', () => {
    expect(usFederalHolidays(2024)).toBe(usFederalHolidays(2024))
    expect(Object.isFrozen(usFederalHolidays(2024))).toBe(true)
  })
})

describe('isUsFederalHolidayObserved', () => {
  it('finds exactly the OPM days in each calendar year, including New Year observed on Dec 31', () => {
    const byCalendarYear = new Map<number, string[]>()
    for (const dates of Object.values(OPM_OBSERVED)) {
      for (const date of dates) {
        const year = Number(date.slice(0, 4))
        byCalendarYear.set(year, [...(byCalendarYear.get(year) ?? []), date])
      }
    }
    for (const year of [2022, 2023, 2024, 2025, 2026]) {
      const observed = [...daysOf(year)].filter(isUsFederalHolidayObserved)
      expect(observed).toEqual([...(byCalendarYear.get(year) ?? [])].sort())
    }
    expect(isUsFederalHolidayObserved('2021-12-31')).toBe(true)
    expect(isUsFederalHolidayObserved('2027-12-31')).toBe(true) // New Year 2028 is a Saturday
    expect(isUsFederalHolidayObserved('2022-01-01')).toBe(false) // the Saturday itself is not a day off
  })

  it('handles Dec 31 of the last supported year', () => {
    expect(isUsFederalHolidayObserved('9999-12-31')).toBe(false)
  })

  it('rejects malformed or impossible dates and unsupported years', () => {
    for (const bad of ['2021-02-30', '2021-1-01', '20210101', '', '1970-06-01']) {
      expect(() => isUsFederalHolidayObserved(bad)).toThrowError(
        expect.objectContaining({ code: 'invalid_argument', field: 'isoDate' }),
      )
    }
  })
})
