/** Checkr's timestamps carry whole seconds (`2018-08-17T01:12:43Z`); the fake keeps every time that way. */
export function toSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000)
}

export function checkrTime(date: Date): string {
  return toSecond(date).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function nullableCheckrTime(date: Date | null): string | null {
  return date ? checkrTime(date) : null
}

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms)
}
