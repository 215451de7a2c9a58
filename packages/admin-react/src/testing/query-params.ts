import { FixtureProblem } from './fixture-problem'

/** A query parameter from a closed set, refused by name as vetkit's validation does. */
export function oneOf<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | null {
  const value = query.get(name)
  if (value === null) return null
  if (!(allowed as readonly string[]).includes(value)) {
    throw new FixtureProblem(422, 'invalid_input', `${name}: Invalid option: expected one of ${allowed.map((a) => `"${a}"`).join('|')}`, name)
  }
  return value as T
}

/** A whole-number query parameter within bounds. */
export function wholeNumber(query: URLSearchParams, name: string, min: number, max: number): number | null {
  const raw = query.get(name)
  if (raw === null) return null
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new FixtureProblem(422, 'invalid_input', `${name}: expected a whole number from ${min} to ${max}`, name)
  }
  return value
}
