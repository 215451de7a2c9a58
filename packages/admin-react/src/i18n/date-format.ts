const DAY_MS = 86_400_000

/** Dates as the admin reads them: their locale, in their time zone (the runtime's by default). */
export interface DateFormat {
  /** The zone dates are shown in, as resolved by `Intl` (e.g. `America/New_York`). */
  timeZone: string
  dateTime(iso: string): string
  date(iso: string): string
  /** Whole days from `now` to `iso`: "3 days ago", "yesterday", "in 2 days". */
  relativeDays(iso: string, now: number): string
}

export function createDateFormat(locale: string | undefined, timeZone: string | undefined): DateFormat {
  const zone = knownTimeZone(timeZone)
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...zone })
  const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...zone })
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  return {
    timeZone: dateTime.resolvedOptions().timeZone,
    dateTime: (iso) => dateTime.format(new Date(iso)),
    date: (iso) => dateOnly.format(new Date(iso)),
    relativeDays: (iso, now) => relative.format(Math.trunc((Date.parse(iso) - now) / DAY_MS) || 0, 'day'),
  }
}

/** An unknown zone would throw inside render; fall back to the runtime's zone instead. */
function knownTimeZone(timeZone: string | undefined): { timeZone?: string } {
  if (timeZone === undefined) return {}
  try {
    new Intl.DateTimeFormat(undefined, { timeZone })
    return { timeZone }
  } catch {
    return {}
  }
}
