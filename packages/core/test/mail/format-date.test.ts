import { describe, expect, it } from 'vitest'
import { formatLongDate } from '../../src/mail/format-date'

describe('formatLongDate', () => {
  it('spells the month out, never a numeric date', () => {
    expect(formatLongDate(new Date('2026-03-03T12:00:00Z'), 'UTC')).toBe('March 3, 2026')
    expect(formatLongDate(new Date('2026-12-25T12:00:00Z'), 'UTC')).toBe('December 25, 2026')
  })

  it('writes the day as it is in the given time zone', () => {
    const instant = new Date('2026-03-03T02:00:00Z')
    expect(formatLongDate(instant, 'UTC')).toBe('March 3, 2026')
    expect(formatLongDate(instant, 'America/Chicago')).toBe('March 2, 2026')
    expect(formatLongDate(new Date('2026-03-03T20:00:00Z'), 'Pacific/Auckland')).toBe('March 4, 2026')
  })

  it('ignores the process locale and time zone', () => {
    const previous = process.env.TZ
    process.env.TZ = 'Asia/Tokyo'
    try {
      expect(formatLongDate(new Date('2026-03-03T20:00:00Z'), 'UTC')).toBe('March 3, 2026')
    } finally {
      if (previous === undefined) delete process.env.TZ
      else process.env.TZ = previous
    }
  })

  it('rejects an invalid date or time zone', () => {
    expect(() => formatLongDate(new Date('nope'), 'UTC')).toThrow(expect.objectContaining({ code: 'invalid_argument', field: 'date' }))
    expect(() => formatLongDate(new Date(), 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'invalid_argument', field: 'timeZone' }))
  })
})
