import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { newCheckState, type CheckState } from '../../domain/check-state'
import type { CheckStatus } from '../../domain/check-status'
import { VetkitError } from '../../errors'
import type { NewCheck, NewJob, Storage } from '../../ports/storage'
import { uuidv7 } from '../../support/uuid'

/** Test data for the conformance cases: unique ids, fixed times with milliseconds, explicit `now`s. */

export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** A fixed instant with a non-zero millisecond part, so truncation to seconds would show. */
export const T0 = new Date('2030-03-15T10:20:30.123Z')

/** The queue's and throttles' origin: whole seconds, as their windows are. */
export const QUEUE_T0 = new Date('2031-03-04T05:06:07.000Z')

export const after = (base: Date, ms: number): Date => new Date(base.getTime() + ms)

/** QUEUE_T0 plus `offsetMs`. */
export const at = (offsetMs: number): Date => new Date(QUEUE_T0.getTime() + offsetMs)

export const unique = (prefix: string): string => `${prefix}-${randomBytes(6).toString('hex')}`

export async function createSubject(
  storage: Storage,
  input: { id?: string; email?: string | null; displayName?: string | null; now?: Date } = {},
): Promise<string> {
  const id = input.id ?? unique('subj')
  await storage.subjects.upsert({
    id,
    email: input.email === undefined ? `${id}@example.com` : input.email,
    displayName: input.displayName === undefined ? `Name ${id}` : input.displayName,
    now: input.now ?? T0,
  })
  return id
}

/** A check in the given status with every other field empty (or as given). */
export function checkOf(subjectId: string, overrides: Partial<NewCheck> & { status?: CheckStatus; stateOverrides?: Partial<CheckState> } = {}): NewCheck {
  const { status, stateOverrides, ...rest } = overrides
  const state: CheckState = { ...newCheckState('us-fcra'), ...(status ? { status } : {}), ...stateOverrides }
  return {
    id: uuidv7(),
    subjectId,
    provider: 'fake',
    packageSlug: 'basic_plus',
    state,
    candidateId: null,
    invitationId: null,
    invitationUrl: null,
    previousCheckId: null,
    nextReminderAt: null,
    createdAt: T0,
    ...rest,
  }
}

/** A state with every field set (to distinct values with milliseconds). */
export function fullState(reportId: string): CheckState {
  return {
    status: 'pre_adverse',
    jurisdiction: 'us-ca',
    reportId,
    outcome: 'consider',
    reportCompletedAt: after(T0, 1_001),
    clearedAt: after(T0, 2_002),
    validUntil: after(T0, 365 * DAY + 3),
    providerCursor: { at: after(T0, 4_004), rank: 7 },
    adverseAction: {
      startedAt: after(T0, 5_005),
      adverseItemIds: ['item-1', 'item-2', 'item-ü'],
      medium: 'postal',
      writtenDispute: true,
      earliestFinalAt: after(T0, 6_006),
      waitBusinessDays: 7,
      businessDaysElapsed: 3,
      runningSince: after(T0, 6_500),
      finalNoticeDueAt: after(T0, 7_007),
    },
    dispute: { openedAt: after(T0, 8_008), source: 'provider', writtenDispute: true },
    finalAdverseAt: after(T0, 9_009),
    closedAt: after(T0, 10_010),
    reportEta: after(T0, 11_011),
    closedReason: 'adverse_action',
  }
}

export async function insertCheck(storage: Storage, subjectId: string, overrides: Parameters<typeof checkOf>[1] = {}): Promise<NewCheck> {
  const check = checkOf(subjectId, overrides)
  await storage.checks.insert(check)
  return check
}

/** A job to enqueue, due at QUEUE_T0 unless told otherwise. */
export function jobOf(overrides: Partial<NewJob> = {}): NewJob {
  return { type: 'test.job', payload: { n: 1 }, runAt: QUEUE_T0, now: QUEUE_T0, ...overrides }
}

/** Awaits `promise` and asserts it rejects with a VetkitError of `code` (and `field`, when given). */
export async function expectVetkitError(promise: Promise<unknown>, code: string, field?: string): Promise<VetkitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  assert.ok(error instanceof VetkitError, `expected a VetkitError ${code}, got ${String(error)}`)
  assert.equal(error.code, code)
  if (field !== undefined) assert.equal(error.field, field)
  return error
}

/** Awaits a promise that must reject, and returns the error for assertions. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise
  } catch (error) {
    assert.ok(error instanceof Error, `expected an Error, got ${String(error)}`)
    return error as Error & Record<string, unknown>
  }
  assert.fail('expected the promise to reject, but it resolved')
}

/** `n` storages over the same tables as `storage`, each on a one-connection pool of its own (separate workers). */
export function siblings(target: { sibling(storage: Storage, connections: number): Promise<Storage> }, storage: Storage, n: number): Promise<Storage[]> {
  return Promise.all(Array.from({ length: n }, () => target.sibling(storage, 1)))
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * `expected` is a deep subset of `actual` (vitest's `toMatchObject`): objects may carry more
 * keys, arrays must match in length and order, Dates by time, everything else strictly.
 */
export function assertPartial(actual: unknown, expected: unknown, message = 'value', path = '$'): void {
  if (expected instanceof Date) {
    assert.ok(actual instanceof Date, `${message}: ${path} should be a Date, got ${String(actual)}`)
    assert.equal(actual.getTime(), expected.getTime(), `${message}: ${path} is ${actual.toISOString()}, expected ${expected.toISOString()}`)
    return
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${message}: ${path} should be an array`)
    assert.equal(actual.length, expected.length, `${message}: ${path} has ${actual.length} items, expected ${expected.length}`)
    expected.forEach((item, i) => assertPartial(actual[i], item, message, `${path}[${i}]`))
    return
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${message}: ${path} should be an object, got ${String(actual)}`)
    for (const [key, value] of Object.entries(expected)) assertPartial((actual as Record<string, unknown>)[key], value, message, `${path}.${key}`)
    return
  }
  assert.equal(actual, expected, `${message}: ${path}`)
}

/** Without undefined-valued keys, as vitest's `toEqual` compares (a stored `null` still differs). */
function defined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(defined)
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  return Object.fromEntries(Object.entries(value).flatMap(([key, v]) => (v === undefined ? [] : [[key, defined(v)]])))
}

/** `actual` equals `expected` whole: every field, dates to the millisecond. */
export function assertRecords(actual: unknown, expected: unknown, message: string): void {
  assert.deepEqual(defined(actual), defined(expected), message)
}
