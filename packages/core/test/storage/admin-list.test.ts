import { beforeAll, expect, it } from 'vitest'
import type { CheckState } from '../../src/domain/check-state'
import type { CheckStatus } from '../../src/domain/check-status'
import type { CheckListItem, CheckListQuery, NewCheck, Storage } from '../../src/ports/storage'
import type { KnexStorage } from '../../src/storage/knex'
import { describeEachBackend } from './support/backends'
import { after, createSubject, DAY, expectVetkitError, insertCheck, T0, unique } from './support/fixtures-a'

const NOW = after(T0, 400 * DAY)

/** Every page of a query, following `nextCursor` to the end. */
async function allPages(storage: Storage, query: CheckListQuery): Promise<CheckListItem[][]> {
  const pages: CheckListItem[][] = []
  let cursor: string | null = null
  for (let i = 0; i < 100; i++) {
    const page = await storage.checks.list({ ...query, cursor })
    pages.push(page.items)
    if (page.nextCursor === null) return pages
    expect(page.items.length, 'a page with a next cursor is full').toBe(query.limit ?? 50)
    cursor = page.nextCursor
  }
  throw new Error('pagination did not end')
}

describeEachBackend('admin check list: filters and search', (db) => {
  let storage: KnexStorage
  // Named checks of the shared fixture.
  const c: Record<string, NewCheck> = {}
  const subject: Record<string, string> = {}

  beforeAll(async () => {
    storage = await db().freshStorage()
    subject.alice = await createSubject(storage, { email: 'Alice@Example.com', displayName: 'Alice A' })
    subject.bob = await createSubject(storage, { email: 'bob@example.com', displayName: 'Bob B' })
    subject.percent = await createSubject(storage, { email: 'a%b@x.test' })
    subject.lookalikeP = await createSubject(storage, { email: 'axb@x.test' })
    subject.underscore = await createSubject(storage, { email: 'a_c@x.test' })
    subject.lookalikeU = await createSubject(storage, { email: 'abc@x.test' })
    subject.noEmail = await createSubject(storage, { email: null, displayName: null })

    let n = 0
    const add = async (name: string, subjectKey: string, status: CheckStatus, createdDaysAgo: number, state: Partial<CheckState> = {}) => {
      // Distinct creation times (n ms older each) so "newest first" is unambiguous here; the
      // exact-boundary check below is placed on the day mark itself.
      const offset = name === 'pendingFiveDays' ? 0 : ++n
      c[name] = await insertCheck(storage, subject[subjectKey]!, {
        status,
        stateOverrides: state,
        createdAt: after(NOW, -createdDaysAgo * DAY - offset),
      })
    }
    const passedUntil = (days: number): Partial<CheckState> => ({
      outcome: 'clear',
      reportCompletedAt: after(NOW, -200 * DAY),
      clearedAt: after(NOW, -200 * DAY),
      validUntil: after(NOW, days * DAY),
    })
    await add('invitedOld', 'alice', 'invited', 10)
    await add('pendingOld', 'bob', 'pending', 8)
    await add('suspendedNew', 'alice', 'suspended', 1)
    // Exactly 5 days: "at least 5 days ago" includes it.
    await add('pendingFiveDays', 'noEmail', 'pending', 5)
    await add('passedSoon', 'alice', 'passed', 300, passedUntil(3))
    await add('passedLater', 'bob', 'passed', 290, passedUntil(20))
    await add('passedBoundary', 'percent', 'passed', 280, passedUntil(30))
    await add('passedFar', 'alice', 'passed', 270, passedUntil(60))
    await add('passedLapsed', 'bob', 'passed', 400, passedUntil(-1))
    await add('expired', 'alice', 'expired', 380, passedUntil(5))
    await add('consider', 'lookalikeP', 'consider', 20, { outcome: 'consider' })
    await add('preAdverse', 'underscore', 'pre_adverse', 30, {
      outcome: 'consider',
      adverseAction: {
        startedAt: after(NOW, -3 * DAY),
        adverseItemIds: ['x'],
        medium: 'email',
        writtenDispute: false,
        earliestFinalAt: after(NOW, 2 * DAY),
        waitBusinessDays: 5,
        businessDaysElapsed: 0,
        runningSince: after(NOW, -3 * DAY),
        finalNoticeDueAt: after(NOW, 4 * DAY),
      },
    })
    await add('disputed', 'lookalikeU', 'disputed', 40, {
      outcome: 'consider',
      dispute: { openedAt: after(NOW, -DAY), source: 'provider', writtenDispute: true },
    })
    await add('failed', 'alice', 'failed', 50)
    await add('canceled', 'bob', 'canceled', 2)
  }, 60_000)

  const ids = async (query: Omit<CheckListQuery, 'now'>) => (await storage.checks.list({ now: NOW, limit: 200, ...query })).items.map((i) => i.id)
  const named = (...names: string[]) => names.map((name) => c[name]!.id)
  /** The named checks, newest first (the default order). */
  const newestFirst = (...names: string[]) =>
    names
      .map((name) => c[name]!)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((check) => check.id)

  it('lists every check newest first, with the subject joined in', async () => {
    const page = await storage.checks.list({ now: NOW })
    expect(page.nextCursor).toBeNull()
    expect(page.items.map((i) => i.id)).toEqual(newestFirst(...Object.keys(c)))
    const item = page.items.find((i) => i.id === c.preAdverse!.id)
    expect(item).toEqual({
      id: c.preAdverse!.id,
      subjectId: subject.underscore!,
      subjectEmail: 'a_c@x.test',
      subjectName: `Name ${subject.underscore}`,
      status: 'pre_adverse',
      outcome: 'consider',
      jurisdiction: 'us-fcra',
      provider: 'fake',
      createdAt: c.preAdverse!.createdAt,
      updatedAt: c.preAdverse!.createdAt,
      reportCompletedAt: null,
      reportEta: null,
      validUntil: null,
      finalNoticeDueAt: after(NOW, 4 * DAY),
      adverseActionPaused: false,
      inDispute: false,
      disputeOpenedAt: null,
      closedReason: null,
    } satisfies CheckListItem)
    expect(page.items.find((i) => i.id === c.disputed!.id)).toMatchObject({ disputeOpenedAt: after(NOW, -DAY), inDispute: true, status: 'disputed' })
    expect(page.items.find((i) => i.id === c.passedSoon!.id)).toMatchObject({
      subjectEmail: 'alice@example.com',
      subjectName: 'Alice A',
      outcome: 'clear',
      reportCompletedAt: after(NOW, -200 * DAY),
      validUntil: after(NOW, 3 * DAY),
    })
    expect(page.items.find((i) => i.id === c.pendingFiveDays!.id)).toMatchObject({ subjectEmail: null, subjectName: null })
  })

  it('filters by statuses', async () => {
    expect(await ids({ statuses: ['pending'] })).toEqual(newestFirst('pendingOld', 'pendingFiveDays'))
    expect(await ids({ statuses: ['passed', 'canceled'] })).toEqual(
      newestFirst('passedSoon', 'passedLater', 'passedBoundary', 'passedFar', 'passedLapsed', 'canceled'),
    )
    expect(await ids({ statuses: [] })).toEqual([])
  })

  it('filters checks in dispute', async () => {
    expect(await ids({ inDispute: true })).toEqual(named('disputed'))
  })

  it('filters checks awaiting adverse action', async () => {
    expect(await ids({ awaitingAdverseAction: true })).toEqual(named('preAdverse'))
  })

  it('filters checks still screening after a number of days (inclusive)', async () => {
    expect(await ids({ pendingLongerThanDays: 5 })).toEqual(newestFirst('invitedOld', 'pendingOld', 'pendingFiveDays'))
    expect(await ids({ pendingLongerThanDays: 9 })).toEqual(named('invitedOld'))
    expect(await ids({ pendingLongerThanDays: 0 })).toEqual(newestFirst('invitedOld', 'pendingOld', 'suspendedNew', 'pendingFiveDays'))
    expect(await ids({ pendingLongerThanDays: 11 })).toEqual([])
  })

  it('filters passes expiring within a number of days, soonest expiry first', async () => {
    const page = await storage.checks.list({ now: NOW, expiringWithinDays: 30 })
    // Not the lapsed pass (already past), not the far one, not the expired check.
    expect(page.items.map((i) => i.id)).toEqual(named('passedSoon', 'passedLater', 'passedBoundary'))
    expect(page.items.map((i) => i.validUntil)).toEqual([after(NOW, 3 * DAY), after(NOW, 20 * DAY), after(NOW, 30 * DAY)])
    expect(await ids({ expiringWithinDays: 3 })).toEqual(named('passedSoon'))
    expect(await ids({ expiringWithinDays: 365 })).toEqual(named('passedSoon', 'passedLater', 'passedBoundary', 'passedFar'))
    expect(await ids({ expiringWithinDays: 0 })).toEqual([])
  })

  it('searches by exact subject id', async () => {
    expect(await ids({ search: subject.bob! })).toEqual(newestFirst('pendingOld', 'passedLater', 'passedLapsed', 'canceled'))
    expect(await ids({ search: `  ${subject.noEmail!} ` })).toEqual(named('pendingFiveDays'))
    // Not a prefix or substring match on ids.
    expect(await ids({ search: subject.bob!.slice(0, -1) })).toEqual([])
    expect(await ids({ search: subject.bob!.toUpperCase() })).toEqual([])
  })

  it('searches by email, exact or prefix, case-insensitive', async () => {
    const alices = newestFirst('invitedOld', 'suspendedNew', 'passedSoon', 'passedFar', 'expired', 'failed')
    expect(await ids({ search: 'alice@example.com' })).toEqual(alices)
    expect(await ids({ search: 'ALICE@Example.COM' })).toEqual(alices)
    expect(await ids({ search: 'alice@ex' })).toEqual(alices)
    expect(await ids({ search: 'bob@' })).toEqual(newestFirst('pendingOld', 'passedLater', 'passedLapsed', 'canceled'))
    expect(await ids({ search: 'nobody@example.com' })).toEqual([])
    // A suffix is not a prefix.
    expect(await ids({ search: '@example.com' })).toEqual([])
  })

  it('treats % and _ in an email search literally', async () => {
    expect(await ids({ search: 'a%b@' })).toEqual(named('passedBoundary'))
    expect(await ids({ search: 'a%b@x.test' })).toEqual(named('passedBoundary'))
    expect(await ids({ search: 'a_c@' })).toEqual(named('preAdverse'))
    expect(await ids({ search: '%@' })).toEqual([])
    expect(await ids({ search: '_@' })).toEqual([])
    expect(await ids({ search: 'a\\b@' })).toEqual([])
  })

  it('intersects filters', async () => {
    expect(await ids({ statuses: ['invited', 'pending'], pendingLongerThanDays: 9 })).toEqual(named('invitedOld'))
    expect(await ids({ statuses: ['suspended'], pendingLongerThanDays: 5 })).toEqual([])
    expect(await ids({ statuses: ['passed'], inDispute: true })).toEqual([])
    expect(await ids({ inDispute: true, awaitingAdverseAction: true })).toEqual([])
    expect(await ids({ statuses: ['pre_adverse', 'disputed'], awaitingAdverseAction: true })).toEqual(named('preAdverse'))
    expect(await ids({ pendingLongerThanDays: 5, search: subject.alice! })).toEqual(named('invitedOld'))
    expect(await ids({ pendingLongerThanDays: 5, search: 'bob@example.com' })).toEqual(named('pendingOld'))
    expect(await ids({ expiringWithinDays: 30, search: 'alice@' })).toEqual(named('passedSoon'))
    expect(await ids({ expiringWithinDays: 30, statuses: ['pending'] })).toEqual([])
    expect(await ids({ expiringWithinDays: 30, pendingLongerThanDays: 1 })).toEqual([])
    expect(await ids({ inDispute: true, search: 'abc@x.test' })).toEqual(named('disputed'))
    expect(await ids({ inDispute: true, search: 'axb@x.test' })).toEqual([])
  })

  it('rejects invalid limits and day counts', async () => {
    for (const limit of [0, -1, 201, 2.5, Number.NaN]) {
      await expectVetkitError(storage.checks.list({ now: NOW, limit }), 'invalid_argument', 'limit')
    }
    for (const days of [-1, 1.5, 36501]) {
      await expectVetkitError(storage.checks.list({ now: NOW, pendingLongerThanDays: days }), 'invalid_argument', 'pendingLongerThanDays')
      await expectVetkitError(storage.checks.list({ now: NOW, expiringWithinDays: days }), 'invalid_argument', 'expiringWithinDays')
    }
    await expectVetkitError(storage.checks.list({ now: NOW, search: `${'a'.repeat(320)}@x` }), 'invalid_argument', 'search')
    expect((await storage.checks.list({ now: NOW, limit: 1 })).items).toHaveLength(1)
    expect((await storage.checks.list({ now: NOW, limit: 200 })).items).toHaveLength(Object.keys(c).length)
  })
})

describeEachBackend('admin check list: keyset pagination', (db) => {
  it('walks 23 rows in pages of 5, each exactly once, across identical creation times', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const inserted: NewCheck[] = []
    for (let i = 0; i < 23; i++) {
      // Groups of up to 6 rows share a creation time, so pages end inside ties.
      inserted.push(await insertCheck(storage, subjectId, { createdAt: after(T0, Math.floor(i / 6) * 1000) }))
    }
    const pages = await allPages(storage, { now: NOW, limit: 5 })
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3])
    const walked = pages.flat().map((i) => i.id)
    expect(new Set(walked).size).toBe(23)
    expect([...walked].sort()).toEqual(inserted.map((c) => c.id).sort())
    // The same order as one big page, and newest first.
    const whole = (await storage.checks.list({ now: NOW, limit: 200 })).items.map((i) => i.id)
    expect(walked).toEqual(whole)
    const times = pages.flat().map((i) => i.createdAt.getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('ends without an empty page when the rows fill the last page exactly', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    for (let i = 0; i < 10; i++) await insertCheck(storage, subjectId, { createdAt: T0 })
    const pages = await allPages(storage, { now: NOW, limit: 5 })
    expect(pages.map((p) => p.length)).toEqual([5, 5])
    expect(new Set(pages.flat().map((i) => i.id)).size).toBe(10)
  })

  it('sees rows inserted behind the cursor on later pages only when they sort after it', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    for (let i = 0; i < 6; i++) await insertCheck(storage, subjectId, { createdAt: after(T0, i * 1000) })
    const first = await storage.checks.list({ now: NOW, limit: 3 })
    // A newer row appears after the first page was read: keyset pages neither repeat nor skip.
    const newer = await insertCheck(storage, subjectId, { createdAt: after(T0, 99_000) })
    const second = await storage.checks.list({ now: NOW, limit: 3, cursor: first.nextCursor })
    const seen = [...first.items, ...second.items].map((i) => i.id)
    expect(new Set(seen).size).toBe(6)
    expect(seen).not.toContain(newer.id)
    expect(second.nextCursor).toBeNull()
  })

  it('pages through a filtered list and through the expiry order with ties', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage, { email: 'pager@example.com' })
    const expiring: string[] = []
    for (let i = 0; i < 12; i++) {
      const check = await insertCheck(storage, subjectId, {
        status: 'passed',
        createdAt: after(T0, i),
        // Four expiry times, three checks each.
        stateOverrides: { outcome: 'clear', validUntil: after(NOW, (1 + (i % 4)) * DAY) },
      })
      expiring.push(check.id)
    }
    for (let i = 0; i < 7; i++) await insertCheck(storage, subjectId, { status: 'pending', createdAt: after(T0, 100 + i) })

    const byExpiry = await allPages(storage, { now: NOW, limit: 5, expiringWithinDays: 10 })
    expect(byExpiry.map((p) => p.length)).toEqual([5, 5, 2])
    const walked = byExpiry.flat()
    expect(new Set(walked.map((i) => i.id)).size).toBe(12)
    expect([...walked.map((i) => i.id)].sort()).toEqual([...expiring].sort())
    const ends = walked.map((i) => i.validUntil!.getTime())
    expect(ends).toEqual([...ends].sort((a, b) => a - b))
    expect(walked.map((i) => i.id)).toEqual((await storage.checks.list({ now: NOW, limit: 200, expiringWithinDays: 10 })).items.map((i) => i.id))

    const pending = await allPages(storage, { now: NOW, limit: 3, statuses: ['pending'], search: 'pager@' })
    expect(pending.map((p) => p.length)).toEqual([3, 3, 1])
    expect(new Set(pending.flat().map((i) => i.id)).size).toBe(7)
    expect(pending.flat().every((i) => i.status === 'pending')).toBe(true)
  })

  it('defaults to pages of 50', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    for (let i = 0; i < 52; i++) await insertCheck(storage, subjectId, { createdAt: after(T0, i) })
    const first = await storage.checks.list({ now: NOW })
    expect(first.items).toHaveLength(50)
    expect(first.nextCursor).not.toBeNull()
    const second = await storage.checks.list({ now: NOW, cursor: first.nextCursor })
    expect(second.items).toHaveLength(2)
    expect(second.nextCursor).toBeNull()
  })

  it('rejects malformed and foreign cursors with invalid_cursor on the cursor field', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    for (let i = 0; i < 4; i++) {
      await insertCheck(storage, subjectId, { status: 'passed', createdAt: after(T0, i), stateOverrides: { validUntil: after(NOW, DAY + i) } })
    }
    const byCreation = (await storage.checks.list({ now: NOW, limit: 1 })).nextCursor!
    const byExpiry = (await storage.checks.list({ now: NOW, limit: 1, expiringWithinDays: 5 })).nextCursor!
    expect(byCreation).toEqual(expect.any(String))
    expect(byExpiry).toEqual(expect.any(String))
    await storage.webhooks.record({
      provider: 'fake', eventId: null, eventType: null, receivedAt: T0, httpStatus: 401, authOutcome: 'bad_signature', processingOutcome: 'not_processed',
    })
    await storage.webhooks.record({
      provider: 'fake', eventId: null, eventType: null, receivedAt: T0, httpStatus: 401, authOutcome: 'bad_signature', processingOutcome: 'not_processed',
    })
    const webhookCursor = (await storage.webhooks.list({ limit: 1 })).nextCursor!
    expect(webhookCursor).toEqual(expect.any(String))

    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const bad: [string, Omit<CheckListQuery, 'now' | 'cursor'>][] = [
      ['not a cursor!', {}],
      ['abc', {}],
      [b64({ hello: 'world' }), {}],
      [b64({ s: 'created_desc', v: 'yesterday', i: 'x' }), {}],
      [b64({ s: 'created_desc', v: 1, i: '' }), {}],
      [b64({ s: 'created_desc', v: 1, i: 'x', extra: true }), {}],
      [b64([1, 2, 3]), {}],
      [`${byCreation}*`, {}],
      [byCreation.slice(0, -4), {}],
      ['a'.repeat(600), {}],
      // A cursor from another ordering or another list.
      [byExpiry, {}],
      [byCreation, { expiringWithinDays: 5 }],
      [webhookCursor, {}],
      // Forged values the database would refuse (found by the hostile-input fault test): a fraction,
      // a number beyond BIGINT or the safe integers, a NUL in the id.
      [b64({ s: 'created_desc', v: 1.5, i: 'x' }), {}],
      [b64({ s: 'created_desc', v: 1e308, i: 'x' }), {}],
      [b64({ s: 'created_desc', v: 2 ** 63, i: 'x' }), {}],
      [b64({ s: 'created_desc', v: 1, i: '\u0000' }), {}],
    ]
    for (const [cursor, query] of bad) {
      await expectVetkitError(storage.checks.list({ now: NOW, limit: 1, ...query, cursor }), 'invalid_cursor', 'cursor')
    }
    // The webhook log's ids are row numbers: anything else is refused before it reaches SQL.
    for (const cursor of [b64({ s: 'received_desc', v: 1, i: 'x' }), b64({ s: 'received_desc', v: 1, i: '1e400' }), b64({ s: 'received_desc', v: 1.5, i: '1' })]) {
      await expectVetkitError(storage.webhooks.list({ limit: 1, cursor }), 'invalid_cursor', 'cursor')
    }
    // The genuine cursors still work, and an empty or null cursor means the first page.
    expect((await storage.checks.list({ now: NOW, limit: 1, cursor: byCreation })).items).toHaveLength(1)
    expect((await storage.checks.list({ now: NOW, limit: 1, expiringWithinDays: 5, cursor: byExpiry })).items).toHaveLength(1)
    const firstPage = (await storage.checks.list({ now: NOW, limit: 1 })).items
    expect((await storage.checks.list({ now: NOW, limit: 1, cursor: '' })).items).toEqual(firstPage)
    expect((await storage.checks.list({ now: NOW, limit: 1, cursor: null })).items).toEqual(firstPage)
  })

  it('keeps lists of separate storages apart', async () => {
    const a = await db().freshStorage()
    const b = await db().freshStorage()
    const subjectId = await createSubject(a, { id: unique('shared') })
    await insertCheck(a, subjectId)
    expect((await b.checks.list({ now: NOW })).items).toEqual([])
    expect((await a.checks.list({ now: NOW })).items).toHaveLength(1)
  })
})
