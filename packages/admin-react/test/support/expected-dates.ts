/** How the console writes a date-time for `en-US` in UTC (the locale the detail tests render with). */
export const utcDateTime = (iso: string | Date) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(typeof iso === 'string' ? new Date(iso) : iso)

export const EN_UTC = { locale: 'en-US', timeZone: 'UTC' } as const
