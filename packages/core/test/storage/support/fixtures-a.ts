import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { newCheckState, type CheckState } from '../../../src/domain/check-state'
import type { CheckStatus } from '../../../src/domain/check-status'
import { VetkitError } from '../../../src/errors'
import type { NewCheck, Storage } from '../../../src/ports/storage'
import { uuidv7 } from '../../../src/support/uuid'
import { createKnexStorage, type KnexStorage } from '../../../src/storage/knex'
import { testSealer } from '../../../src/testing'
import type { TestDb } from './backends'

/** Test data for the storage conformance suites: unique ids, fixed times with milliseconds. */

export const DAY = 24 * 3600 * 1000

/** A fixed instant with a non-zero millisecond part, so truncation to seconds would show. */
export const T0 = new Date('2030-03-15T10:20:30.123Z')

export const after = (base: Date, ms: number): Date => new Date(base.getTime() + ms)

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

export async function insertCheck(
  storage: Storage,
  subjectId: string,
  overrides: Parameters<typeof checkOf>[1] = {},
): Promise<NewCheck> {
  const check = checkOf(subjectId, overrides)
  await storage.checks.insert(check)
  return check
}

/** Awaits `promise` and asserts it rejects with a VetkitError of `code` (and `field`, when given). */
export async function expectVetkitError(promise: Promise<unknown>, code: string, field?: string): Promise<VetkitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, `expected a VetkitError ${code}`).toBeInstanceOf(VetkitError)
  const vetkit = error as VetkitError
  expect(vetkit.code).toBe(code)
  if (field !== undefined) expect(vetkit.field).toBe(field)
  return vetkit
}

/** Awaits `promise` and returns the error message it rejected with (fails if it resolved). */
export async function rejectionMessage(promise: PromiseLike<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return String((error as { message?: unknown })?.message ?? error)
  }
  expect.fail('expected the statement to be refused')
}

/**
 * `n` storages over the same tables, each on its own one-connection pool (like separate worker
 * processes), warmed up so a race starts with every connection open. PGlite has one connection:
 * the same storage `n` times.
 */
export async function storagesOnSeparatePools(db: TestDb, storage: KnexStorage, n: number): Promise<KnexStorage[]> {
  if (db.backend === 'pglite') return Array.from({ length: n }, () => storage)
  const storages = Array.from({ length: n }, () =>
    createKnexStorage({
      knex: db.anotherKnex(1),
      sealer: testSealer(),
      tablePrefix: storage.tables.prefix,
      ...(storage.tables.schema === null ? {} : { schema: storage.tables.schema }),
    }),
  )
  await Promise.all(storages.map((s) => s.subjects.get('warm-up')))
  return storages
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
