import { VetkitError } from '../../errors'

/**
 * Conversions between the database's representation and the port's. Times are BIGINT
 * milliseconds, which drivers return as numbers (mysql2, PGlite) or strings (pg int8).
 */
export const ms = (date: Date): number => date.getTime()
export const msOrNull = (date: Date | null | undefined): number | null => (date == null ? null : date.getTime())

export function toDate(value: unknown): Date {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'bigint' ? Number(value) : (value as number)
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new VetkitError('storage_corrupt', 'a stored time is not a number of milliseconds')
  }
  return new Date(n)
}

export const toDateOrNull = (value: unknown): Date | null => (value == null ? null : toDate(value))
export const toId = (value: unknown): string => String(value)
export const toIdOrNull = (value: unknown): string | null => (value == null ? null : String(value))
export const toBool = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 't'
export const toInt = (value: unknown): number => Number(value)

export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null)
}

export function fromJson<T>(value: unknown, fallback: T): T {
  if (value == null) return fallback
  return JSON.parse(String(value)) as T
}

/** knex returns affected-row counts as numbers on every driver we support; be defensive. */
export function affected(result: unknown): number {
  if (typeof result === 'number') return result
  if (Array.isArray(result)) return result.length
  const rows = (result as { rowCount?: number; affectedRows?: number } | null)?.rowCount ?? (result as { affectedRows?: number } | null)?.affectedRows
  return typeof rows === 'number' ? rows : 0
}
