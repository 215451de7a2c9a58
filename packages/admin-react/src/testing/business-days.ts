const DAY_MS = 86_400_000

const isWeekend = (date: Date) => date.getUTCDay() === 0 || date.getUTCDay() === 6

/** `from` plus `days` business days (Monday to Friday, UTC, no holidays): the fixtures' wait clock. */
export function addBusinessDays(from: Date, days: number): Date {
  let at = new Date(from.getTime())
  let left = days
  while (left > 0) {
    at = new Date(at.getTime() + DAY_MS)
    if (!isWeekend(at)) left -= 1
  }
  return at
}

/** Business days still to run from `now` until `due` has come; a part day counts as a whole one. */
export function businessDaysUntil(now: Date, due: Date): number {
  let days = 0
  while (addBusinessDays(now, days).getTime() < due.getTime()) days += 1
  return days
}

/** Whole business days run from `from` to `to`. */
export function businessDaysBetween(from: Date, to: Date): number {
  let days = 0
  while (addBusinessDays(from, days + 1).getTime() <= to.getTime()) days += 1
  return days
}
