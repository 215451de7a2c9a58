import assert from 'node:assert/strict'
import type { CheckState } from '../../domain/check-state'
import type { CheckStatus } from '../../domain/check-status'
import type { CheckListItem, CheckListQuery, NewCheck, Storage } from '../../ports/storage'
import { after, assertPartial, createSubject, DAY, expectVetkitError, insertCheck, T0, unique, assertRecords } from './fixtures'
import type { ConformanceContext } from './target'

const NOW = after(T0, 400 * DAY)

/** The filter cases share one fixture, built by whichever of them runs first: it pays for the inserts. */
const FIXTURE_TIMEOUT = 60_000

/** {@link expectVetkitError}, its failure prefixed with what was refused (one of many inputs in a loop). */
async function refuses(promise: Promise<unknown>, code: string, field: string, what: string): Promise<void> {
  try {
    await expectVetkitError(promise, code, field)
  } catch (error) {
    if (error instanceof assert.AssertionError) error.message = `${what}: ${error.message}`
    throw error
  }
}

/** Every page of a query, following `nextCursor` to the end. */
async function allPages(storage: Storage, query: CheckListQuery): Promise<CheckListItem[][]> {
  const pages: CheckListItem[][] = []
  let cursor: string | null = null
  for (let i = 0; i < 100; i++) {
    const page = await storage.checks.list({ ...query, cursor })
    pages.push(page.items)
    if (page.nextCursor === null) return pages
    assert.equal(page.items.length, query.limit ?? 50, 'a page with a next cursor is full')
    cursor = page.nextCursor
  }
  throw new Error('pagination did not end')
}

type SubjectName = 'alice' | 'bob' | 'percent' | 'lookalikeP' | 'underscore' | 'lookalikeU' | 'noEmail'

type CheckName =
  | 'invitedOld'
  | 'pendingOld'
  | 'suspendedNew'
  | 'pendingFiveDays'
  | 'passedSoon'
  | 'passedLater'
  | 'passedBoundary'
  | 'passedFar'
  | 'passedLapsed'
  | 'expired'
  | 'consider'
  | 'preAdverse'
  | 'disputed'
  | 'failed'
  | 'canceled'

/** The filter and search cases' checks, by name, over subjects with lookalike emails. */
interface ListFixture {
  storage: Storage
  c: Record<CheckName, NewCheck>
  subject: Record<SubjectName, string>
  /** The ids `list` returns at NOW, on one page. */
  ids(query: Omit<CheckListQuery, 'now'>): Promise<string[]>
  /** The named checks' ids, in the order given. */
  named(...names: CheckName[]): string[]
  /** The named checks, newest first (the default order). */
  newestFirst(...names: CheckName[]): string[]
}

async function seedListFixture(storage: Storage): Promise<ListFixture> {
  // Filled in below, every name before the fixture is returned.
  const c = {} as Record<CheckName, NewCheck>
  const subject = {} as Record<SubjectName, string>
  subject.alice = await createSubject(storage, { email: 'Alice@Example.com', displayName: 'Alice A' })
  subject.bob = await createSubject(storage, { email: 'bob@example.com', displayName: 'Bob B' })
  subject.percent = await createSubject(storage, { email: 'a%b@x.test' })
  subject.lookalikeP = await createSubject(storage, { email: 'axb@x.test' })
  subject.underscore = await createSubject(storage, { email: 'a_c@x.test' })
  subject.lookalikeU = await createSubject(storage, { email: 'abc@x.test' })
  subject.noEmail = await createSubject(storage, { email: null, displayName: null })

  let n = 0
  const add = async (name: CheckName, subjectKey: SubjectName, status: CheckStatus, createdDaysAgo: number, state: Partial<CheckState> = {}) => {
    // Distinct creation times (n ms older each) so "newest first" is unambiguous here; the
    // exact-boundary check below is placed on the day mark itself.
    const offset = name === 'pendingFiveDays' ? 0 : ++n
    c[name] = await insertCheck(storage, subject[subjectKey], {
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

  return {
    storage,
    c,
    subject,
    ids: async (query) => (await storage.checks.list({ now: NOW, limit: 200, ...query })).items.map((i) => i.id),
    named: (...names) => names.map((name) => c[name].id),
    newestFirst: (...names) =>
      names
        .map((name) => c[name])
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .map((check) => check.id),
  }
}

/** The admin review list (`checks.list`): filters, search, validation, keyset pagination. */
export function adminListCases({ it, target }: ConformanceContext): void {
  // No beforeAll in a runner-agnostic kit: the first filter case to run builds the fixture.
  let shared: Promise<ListFixture> | undefined
  const fixture = (): Promise<ListFixture> => (shared ??= target.fresh().then(seedListFixture))

  /** `ids(query)` is `expected`, with the query in the failure message. */
  const lists = async (f: ListFixture, query: Omit<CheckListQuery, 'now'>, expected: string[]) =>
    assert.deepEqual(await f.ids(query), expected, `list(${JSON.stringify(query)})`)

  // Filters and search, over the shared fixture.

  it(
    'lists every check newest first, with the subject joined in',
    async () => {
      const { storage, c, subject, newestFirst } = await fixture()
      const page = await storage.checks.list({ now: NOW })
      assert.equal(page.nextCursor, null, 'fewer rows than a page: no next cursor')
      assert.deepEqual(page.items.map((i) => i.id), newestFirst(...(Object.keys(c) as CheckName[])), 'every check, newest first')
      const item = page.items.find((i) => i.id === c.preAdverse.id)
      assertRecords(
        item,
        {
          id: c.preAdverse.id,
          subjectId: subject.underscore,
          subjectEmail: 'a_c@x.test',
          subjectName: `Name ${subject.underscore}`,
          status: 'pre_adverse',
          outcome: 'consider',
          jurisdiction: 'us-fcra',
          provider: 'fake',
          createdAt: c.preAdverse.createdAt,
          updatedAt: c.preAdverse.createdAt,
          reportCompletedAt: null,
          reportEta: null,
          validUntil: null,
          finalNoticeDueAt: after(NOW, 4 * DAY),
          adverseActionPaused: false,
          inDispute: false,
          disputeOpenedAt: null,
          closedReason: null,
          consentSignedAt: null,
        } satisfies CheckListItem,
        'a list item: the check’s summary with its subject’s email and name',
      )
      assertPartial(page.items.find((i) => i.id === c.disputed.id), { disputeOpenedAt: after(NOW, -DAY), inDispute: true, status: 'disputed' }, 'a disputed item')
      assertPartial(
        page.items.find((i) => i.id === c.passedSoon.id),
        {
          subjectEmail: 'alice@example.com',
          subjectName: 'Alice A',
          outcome: 'clear',
          reportCompletedAt: after(NOW, -200 * DAY),
          validUntil: after(NOW, 3 * DAY),
        },
        'a passed item, with its subject’s email lowercased',
      )
      assertPartial(page.items.find((i) => i.id === c.pendingFiveDays.id), { subjectEmail: null, subjectName: null }, 'a subject without email or name')
    },
    FIXTURE_TIMEOUT,
  )

  it(
    'filters by statuses',
    async () => {
      const f = await fixture()
      await lists(f, { statuses: ['pending'] }, f.newestFirst('pendingOld', 'pendingFiveDays'))
      await lists(
        f,
        { statuses: ['passed', 'canceled'] },
        f.newestFirst('passedSoon', 'passedLater', 'passedBoundary', 'passedFar', 'passedLapsed', 'canceled'),
      )
      await lists(f, { statuses: [] }, [])
    },
    FIXTURE_TIMEOUT,
  )

  it(
    'filters checks in dispute',
    async () => {
      const f = await fixture()
      await lists(f, { inDispute: true }, f.named('disputed'))
    },
    FIXTURE_TIMEOUT,
  )

  it(
    'filters checks awaiting adverse action',
    async () => {
      const f = await fixture()
      await lists(f, { awaitingAdverseAction: true }, f.named('preAdverse'))
    },
    FIXTURE_TIMEOUT,
  )

  it(
    'filters checks still screening after a number of days (inclusive)',
    async () => {
      const f = await fixture()
      await lists(f, { pendingLongerThanDays: 5 }, f.newestFirst('invitedOld', 'pendingOld', 'pendingFiveDays'))
      await lists(f, { pendingLongerThanDays: 9 }, f.named('invitedOld'))
      await lists(f, { pendingLongerThanDays: 0 }, f.newestFirst('invitedOld', 'pendingOld', 'suspendedNew', 'pendingFiveDays'))
      await lists(f, { pendingLongerThanDays: 11 }, [])
    },
    FIXTURE_TIMEOUT,
  )

  it(
    'filters passes expiring within a number of days, soonest expiry first',
    async () => {
      const f = await fixture()
      const page = await f.storage.checks.list({ now: NOW, expiringWithinDays: 30 })
      // Not the lapsed pass (already past), not the far one, not the expired check.
      assert.deepEqual(page.items.map((i) => i.id), f.named('passedSoon', 'passedLater', 'passedBoundary'), 'passes ending within 30 days, soonest first')
      assert.deepEqual(page.items.map((i) => i.validUntil), [after(NOW, 3 * DAY), after(NOW, 20 * DAY), after(NOW, 30 * DAY)])
      await lists(f, { expiringWithinDays: 3 }, f.named('passedSoon'))
      await lists(f, { expiringWithinDays: 365 }, f.named('passedSoon', 'passedLater', 'passedBoundary', 'passedFar'))
      await lists(f, { expiringWithinDays: 0 }, [])
    },
    FIXTURE_TIMEOUT,
  )

  it(
    'searches by exact subject id',
    async () => {
      const f = await fixture()
      const bob = f.subject.bob
      await lists(f, { search: bob }, f.newestFirst('pendingOld', 'passedLater', 'passedLapsed', 'canceled'))
      await lists(f, { search: `  ${f.subject.noEmail} ` }, f.named('pendingFiveDays'))
      // Not a prefix or substring match on ids.
      await lists(f, { search: bob.slice(0, -1) }, [])
      await lists(f, { search: bob.toUpperCase() }, [])
    },
    FIXTURE_TIMEOUT,
  )

  it(
    'searches by email, exact or prefix, case-insensitive',
    async () => {
      const f = await fixture()
      const alices = f.newestFirst('invitedOld', 'suspendedNew', 'passedSoon', 'passedFar', 'expired', 'failed')
      await lists(f, { search: 'alice@example.com' }, alices)
      await lists(f, { search: 'ALICE@Example.COM' }, alices)
      await lists(f, { search: 'alice@ex' }, alices)
      await lists(f, { search: 'bob@' }, f.newestFirst('pendingOld', 'passedLater', 'passedLapsed', 'canceled'))
      await lists(f, { search: 'nobody@example.com' }, [])
      // A suffix is not a prefix.
      await lists(f, { search: '@example.com' }, [])
    },
    FIXTURE_TIMEOUT,
  )

  it(
    'treats % and _ in an email search literally',
    async () => {
      const f = await fixture()
      await lists(f, { search: 'a%b@' }, f.named('passedBoundary'))
      await lists(f, { search: 'a%b@x.test' }, f.named('passedBoundary'))
      await lists(f, { search: 'a_c@' }, f.named('preAdverse'))
      await lists(f, { search: '%@' }, [])
      await lists(f, { search: '_@' }, [])
      await lists(f, { search: 'a\\b@' }, [])
    },
    FIXTURE_TIMEOUT,
  )

  it(
    'intersects filters',
    async () => {
      const f = await fixture()
      await lists(f, { statuses: ['invited', 'pending'], pendingLongerThanDays: 9 }, f.named('invitedOld'))
      await lists(f, { statuses: ['suspended'], pendingLongerThanDays: 5 }, [])
      await lists(f, { statuses: ['passed'], inDispute: true }, [])
      await lists(f, { inDispute: true, awaitingAdverseAction: true }, [])
      await lists(f, { statuses: ['pre_adverse', 'disputed'], awaitingAdverseAction: true }, f.named('preAdverse'))
      await lists(f, { pendingLongerThanDays: 5, search: f.subject.alice }, f.named('invitedOld'))
      await lists(f, { pendingLongerThanDays: 5, search: 'bob@example.com' }, f.named('pendingOld'))
      await lists(f, { expiringWithinDays: 30, search: 'alice@' }, f.named('passedSoon'))
      await lists(f, { expiringWithinDays: 30, statuses: ['pending'] }, [])
      await lists(f, { expiringWithinDays: 30, pendingLongerThanDays: 1 }, [])
      await lists(f, { inDispute: true, search: 'abc@x.test' }, f.named('disputed'))
      await lists(f, { inDispute: true, search: 'axb@x.test' }, [])
    },
    FIXTURE_TIMEOUT,
  )

  it(
    'rejects invalid limits and day counts',
    async () => {
      const { storage, c } = await fixture()
      for (const limit of [0, -1, 201, 2.5, Number.NaN]) {
        await refuses(storage.checks.list({ now: NOW, limit }), 'invalid_argument', 'limit', `limit ${limit}`)
      }
      for (const days of [-1, 1.5, 36501]) {
        await refuses(storage.checks.list({ now: NOW, pendingLongerThanDays: days }), 'invalid_argument', 'pendingLongerThanDays', `pendingLongerThanDays ${days}`)
        await refuses(storage.checks.list({ now: NOW, expiringWithinDays: days }), 'invalid_argument', 'expiringWithinDays', `expiringWithinDays ${days}`)
      }
      await refuses(storage.checks.list({ now: NOW, search: `${'a'.repeat(320)}@x` }), 'invalid_argument', 'search', 'a 322-character search')
      assert.equal((await storage.checks.list({ now: NOW, limit: 1 })).items.length, 1, 'limit 1 is allowed')
      assert.equal((await storage.checks.list({ now: NOW, limit: 200 })).items.length, Object.keys(c).length, 'limit 200 is allowed')
    },
    FIXTURE_TIMEOUT,
  )

  // Keyset pagination, each case on a storage of its own.

  it('walks 23 rows in pages of 5, each exactly once, across identical creation times', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const inserted: NewCheck[] = []
    for (let i = 0; i < 23; i++) {
      // Groups of up to 6 rows share a creation time, so pages end inside ties.
      inserted.push(await insertCheck(storage, subjectId, { createdAt: after(T0, Math.floor(i / 6) * 1000) }))
    }
    const pages = await allPages(storage, { now: NOW, limit: 5 })
    assert.deepEqual(pages.map((p) => p.length), [5, 5, 5, 5, 3], 'page sizes')
    const walked = pages.flat().map((i) => i.id)
    assert.equal(new Set(walked).size, 23, 'no row repeated across pages')
    assert.deepEqual([...walked].sort(), inserted.map((c) => c.id).sort(), 'every row seen')
    // The same order as one big page, and newest first.
    const whole = (await storage.checks.list({ now: NOW, limit: 200 })).items.map((i) => i.id)
    assert.deepEqual(walked, whole, 'the pages follow the order of one big page')
    const times = pages.flat().map((i) => i.createdAt.getTime())
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first')
  })

  it('ends without an empty page when the rows fill the last page exactly', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    for (let i = 0; i < 10; i++) await insertCheck(storage, subjectId, { createdAt: T0 })
    const pages = await allPages(storage, { now: NOW, limit: 5 })
    assert.deepEqual(pages.map((p) => p.length), [5, 5], 'a full last page has no next cursor')
    assert.equal(new Set(pages.flat().map((i) => i.id)).size, 10)
  })

  it('sees rows inserted behind the cursor on later pages only when they sort after it', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    for (let i = 0; i < 6; i++) await insertCheck(storage, subjectId, { createdAt: after(T0, i * 1000) })
    const first = await storage.checks.list({ now: NOW, limit: 3 })
    // A newer row appears after the first page was read: keyset pages neither repeat nor skip.
    const newer = await insertCheck(storage, subjectId, { createdAt: after(T0, 99_000) })
    const second = await storage.checks.list({ now: NOW, limit: 3, cursor: first.nextCursor })
    const seen = [...first.items, ...second.items].map((i) => i.id)
    assert.equal(new Set(seen).size, 6, 'the two pages hold the 6 original rows, none repeated')
    assert.ok(!seen.includes(newer.id), 'a row newer than the cursor does not appear on a later page')
    assert.equal(second.nextCursor, null)
  })

  it('pages through a filtered list and through the expiry order with ties', async () => {
    const storage = await target.fresh()
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
    assert.deepEqual(byExpiry.map((p) => p.length), [5, 5, 2], 'expiry-ordered page sizes')
    const walked = byExpiry.flat()
    assert.equal(new Set(walked.map((i) => i.id)).size, 12, 'no pass repeated across expiry-ordered pages')
    assert.deepEqual([...walked.map((i) => i.id)].sort(), [...expiring].sort(), 'every pass seen')
    const ends = walked.map((i) => {
      assert.ok(i.validUntil, 'a pass listed by expiry has its validUntil')
      return i.validUntil.getTime()
    })
    assert.deepEqual(ends, [...ends].sort((a, b) => a - b), 'soonest expiry first')
    assert.deepEqual(
      walked.map((i) => i.id),
      (await storage.checks.list({ now: NOW, limit: 200, expiringWithinDays: 10 })).items.map((i) => i.id),
      'the expiry-ordered pages follow the order of one big page',
    )

    const pending = await allPages(storage, { now: NOW, limit: 3, statuses: ['pending'], search: 'pager@' })
    assert.deepEqual(pending.map((p) => p.length), [3, 3, 1], 'filtered page sizes')
    assert.equal(new Set(pending.flat().map((i) => i.id)).size, 7)
    assert.ok(pending.flat().every((i) => i.status === 'pending'), 'later pages keep the filter')
  })

  it('defaults to pages of 50', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    for (let i = 0; i < 52; i++) await insertCheck(storage, subjectId, { createdAt: after(T0, i) })
    const first = await storage.checks.list({ now: NOW })
    assert.equal(first.items.length, 50, 'the default page size is 50')
    assert.notEqual(first.nextCursor, null)
    const second = await storage.checks.list({ now: NOW, cursor: first.nextCursor })
    assert.equal(second.items.length, 2)
    assert.equal(second.nextCursor, null)
  })

  it('rejects malformed and foreign cursors with invalid_cursor on the cursor field', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    for (let i = 0; i < 4; i++) {
      await insertCheck(storage, subjectId, { status: 'passed', createdAt: after(T0, i), stateOverrides: { validUntil: after(NOW, DAY + i) } })
    }
    const byCreation = (await storage.checks.list({ now: NOW, limit: 1 })).nextCursor
    const byExpiry = (await storage.checks.list({ now: NOW, limit: 1, expiringWithinDays: 5 })).nextCursor
    assert.ok(typeof byCreation === 'string', 'a next cursor by creation')
    assert.ok(typeof byExpiry === 'string', 'a next cursor by expiry')
    await storage.webhooks.record({
      provider: 'fake', eventId: null, eventType: null, receivedAt: T0, httpStatus: 401, authOutcome: 'bad_signature', processingOutcome: 'not_processed',
    })
    await storage.webhooks.record({
      provider: 'fake', eventId: null, eventType: null, receivedAt: T0, httpStatus: 401, authOutcome: 'bad_signature', processingOutcome: 'not_processed',
    })
    const webhookCursor = (await storage.webhooks.list({ limit: 1 })).nextCursor
    assert.ok(typeof webhookCursor === 'string', 'a next cursor of the webhook log')

    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const bad: [string, string, Omit<CheckListQuery, 'now' | 'cursor'>][] = [
      ['not base64url', 'not a cursor!', {}],
      ['too short', 'abc', {}],
      ['JSON of another shape', b64({ hello: 'world' }), {}],
      ['a string value', b64({ s: 'created_desc', v: 'yesterday', i: 'x' }), {}],
      ['an empty id', b64({ s: 'created_desc', v: 1, i: '' }), {}],
      ['an extra key', b64({ s: 'created_desc', v: 1, i: 'x', extra: true }), {}],
      ['an array', b64([1, 2, 3]), {}],
      ['a genuine cursor with a character added', `${byCreation}*`, {}],
      ['a genuine cursor cut short', byCreation.slice(0, -4), {}],
      ['600 characters', 'a'.repeat(600), {}],
      // A cursor from another ordering or another list.
      ['the expiry order’s cursor on the creation order', byExpiry, {}],
      ['the creation order’s cursor on the expiry order', byCreation, { expiringWithinDays: 5 }],
      ['the webhook log’s cursor', webhookCursor, {}],
      // Forged values the database would refuse (found by the hostile-input fault test): a fraction,
      // a number beyond BIGINT or the safe integers, a NUL in the id.
      ['a fractional value', b64({ s: 'created_desc', v: 1.5, i: 'x' }), {}],
      ['a value of 1e308', b64({ s: 'created_desc', v: 1e308, i: 'x' }), {}],
      ['a value of 2^63', b64({ s: 'created_desc', v: 2 ** 63, i: 'x' }), {}],
      ['a NUL id', b64({ s: 'created_desc', v: 1, i: '\u0000' }), {}],
    ]
    for (const [what, cursor, query] of bad) {
      await refuses(storage.checks.list({ now: NOW, limit: 1, ...query, cursor }), 'invalid_cursor', 'cursor', `checks.list with ${what}`)
    }
    // The webhook log's ids are row numbers: anything else is refused before it reaches SQL.
    const webhookBad: [string, string][] = [
      ['a non-numeric id', b64({ s: 'received_desc', v: 1, i: 'x' })],
      ['an id of 1e400', b64({ s: 'received_desc', v: 1, i: '1e400' })],
      ['a fractional value', b64({ s: 'received_desc', v: 1.5, i: '1' })],
    ]
    for (const [what, cursor] of webhookBad) {
      await refuses(storage.webhooks.list({ limit: 1, cursor }), 'invalid_cursor', 'cursor', `webhooks.list with ${what}`)
    }
    // The genuine cursors still work, and an empty or null cursor means the first page.
    assert.equal((await storage.checks.list({ now: NOW, limit: 1, cursor: byCreation })).items.length, 1, 'the creation order’s own cursor works')
    assert.equal(
      (await storage.checks.list({ now: NOW, limit: 1, expiringWithinDays: 5, cursor: byExpiry })).items.length,
      1,
      'the expiry order’s own cursor works',
    )
    const firstPage = (await storage.checks.list({ now: NOW, limit: 1 })).items
    assertRecords((await storage.checks.list({ now: NOW, limit: 1, cursor: '' })).items, firstPage, 'an empty cursor means the first page')
    assertRecords((await storage.checks.list({ now: NOW, limit: 1, cursor: null })).items, firstPage, 'a null cursor means the first page')
  })

  it('keeps lists of separate storages apart', async () => {
    const a = await target.fresh()
    const b = await target.fresh()
    const subjectId = await createSubject(a, { id: unique('shared') })
    await insertCheck(a, subjectId)
    assert.deepEqual((await b.checks.list({ now: NOW })).items, [], 'another storage’s checks are not listed')
    assert.equal((await a.checks.list({ now: NOW })).items.length, 1)
  })
}
