import assert from 'node:assert/strict'
import type { CheckListQuery, Storage } from '../../ports/storage'
import { uuidv7 } from '../../support/uuid'
import { after, createSubject, DAY, expectVetkitError, insertCheck, T0 } from './fixtures'
import type { ConformanceContext } from './target'

const NOW = after(T0, 100 * DAY)

const idsOf = async (storage: Storage, query: Omit<CheckListQuery, 'now'>) => (await storage.checks.list({ now: NOW, limit: 200, ...query })).items.map((i) => i.id)

/** Every page of a query, following `nextCursor` to the end. */
async function walk(storage: Storage, query: Omit<CheckListQuery, 'now'>): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  for (let i = 0; i < 50; i++) {
    const page = await storage.checks.list({ now: NOW, ...query, cursor })
    ids.push(...page.items.map((item) => item.id))
    if (page.nextCursor === null) return ids
    cursor = page.nextCursor
  }
  throw new Error('pagination did not end')
}

/** What the review console reads: the list's orders and counts, search by name and check id, consent recency, a check's emails. */
export function reviewConsoleCases({ it, target }: ConformanceContext): void {
  it('orders the list by creation or last update, either way, and pages each order by its own cursor', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const checks = []
    for (let i = 0; i < 7; i++) checks.push(await insertCheck(storage, subjectId, { status: 'pending', createdAt: after(T0, i * 1000) }))
    // Updated in the reverse order of creation (two share an update time: the id breaks the tie).
    for (const [i, check] of checks.entries()) {
      const ok = await storage.checks.compareAndSet({ id: check.id, provider: check.provider, expectedVersion: 0, state: { ...check.state, status: 'suspended' }, now: after(T0, DAY - Math.min(i, 5) * 1000) })
      assert.equal(ok, true)
    }
    const created = checks.map((c) => c.id)
    assert.deepEqual(await idsOf(storage, { sort: 'created_asc' }), created, 'created_asc')
    assert.deepEqual(await idsOf(storage, { sort: 'created_desc' }), [...created].reverse(), 'created_desc')
    assert.deepEqual(await idsOf(storage, {}), [...created].reverse(), 'the default is created_desc')
    const byUpdate = await idsOf(storage, { sort: 'updated_asc' })
    const tied = [created[5], created[6]].sort()
    assert.deepEqual(byUpdate, [...tied, created[4], created[3], created[2], created[1], created[0]], 'updated_asc, ties by id')
    assert.deepEqual(await idsOf(storage, { sort: 'updated_desc' }), [...byUpdate].reverse(), 'updated_desc')

    for (const sort of ['created_asc', 'created_desc', 'updated_asc', 'updated_desc'] as const) {
      assert.deepEqual(await walk(storage, { sort, limit: 2 }), await idsOf(storage, { sort }), `${sort}: pages of 2 follow one big page`)
    }
    const first = await storage.checks.list({ now: NOW, sort: 'updated_asc', limit: 2 })
    assert.ok(first.nextCursor)
    await expectVetkitError(storage.checks.list({ now: NOW, sort: 'created_asc', cursor: first.nextCursor, limit: 2 }), 'invalid_cursor', 'cursor')
  })

  it('counts what the list would select, ignoring order and page', async () => {
    const storage = await target.fresh()
    const alice = await createSubject(storage, { email: 'alice@example.com', displayName: 'Alice Archer' })
    const bob = await createSubject(storage, { email: 'bob@example.com', displayName: 'Bob Baker' })
    await insertCheck(storage, alice, { status: 'consider', createdAt: after(T0, 1) })
    await insertCheck(storage, alice, { status: 'pending', createdAt: after(T0, 2) })
    await insertCheck(storage, bob, { status: 'consider', createdAt: after(T0, 3) })
    await insertCheck(storage, bob, { status: 'passed', createdAt: after(T0, 4), stateOverrides: { outcome: 'clear', validUntil: after(NOW, 10 * DAY) } })
    await insertCheck(storage, bob, { status: 'disputed', createdAt: after(T0, 5), stateOverrides: { dispute: { openedAt: T0, source: 'provider', writtenDispute: false } } })

    assert.equal(await storage.checks.count({ now: NOW }), 5, 'every check')
    assert.equal(await storage.checks.count({ now: NOW, statuses: ['consider'] }), 2, 'by status')
    assert.equal(await storage.checks.count({ now: NOW, statuses: ['consider'], search: 'bob@' }), 1, 'with a search')
    assert.equal(await storage.checks.count({ now: NOW, inDispute: true }), 1, 'in dispute')
    assert.equal(await storage.checks.count({ now: NOW, expiringWithinDays: 30 }), 1, 'expiring')
    assert.equal(await storage.checks.count({ now: NOW, expiringWithinDays: 5 }), 0, 'not expiring that soon')
    assert.equal(await storage.checks.count({ now: NOW, awaitingAdverseAction: true, statuses: ['consider'] }), 0, 'filters that cannot both hold')
    for (const [query, field] of [[{ expiringWithinDays: -1 }, 'expiringWithinDays'], [{ search: 'x'.repeat(321) }, 'search']] as const) {
      await expectVetkitError(storage.checks.count({ now: NOW, ...query }), 'invalid_argument', field)
    }
  })

  it('searches by name prefix (case-insensitive, wildcards literal) and by exact check id', async () => {
    const storage = await target.fresh()
    const ada = await createSubject(storage, { email: 'ada@example.com', displayName: 'Ada Lovelace' })
    const adam = await createSubject(storage, { email: 'adam@example.com', displayName: 'Adam_Smith' })
    const anon = await createSubject(storage, { email: 'anon@example.com', displayName: null })
    const a = await insertCheck(storage, ada, { createdAt: after(T0, 3) })
    const b = await insertCheck(storage, adam, { createdAt: after(T0, 2) })
    const c = await insertCheck(storage, anon, { createdAt: after(T0, 1) })

    assert.deepEqual(await idsOf(storage, { search: 'ada' }), [a.id, b.id], 'a prefix of both names')
    assert.deepEqual(await idsOf(storage, { search: 'ADA LOVE' }), [a.id], 'case-insensitive, spaces kept')
    assert.deepEqual(await idsOf(storage, { search: 'Adam_' }), [b.id], 'an underscore matches itself')
    assert.deepEqual(await idsOf(storage, { search: 'Ada_' }), [], 'an underscore is not a wildcard')
    assert.deepEqual(await idsOf(storage, { search: '%' }), [], 'a percent sign is not a wildcard')
    assert.deepEqual(await idsOf(storage, { search: 'lovelace' }), [], 'a name is matched from its start')
    assert.deepEqual(await idsOf(storage, { search: c.id }), [c.id], 'an exact check id')
    assert.deepEqual(await idsOf(storage, { search: c.id.slice(0, 8) }), [], 'not a check id prefix')
    assert.equal(await storage.checks.count({ now: NOW, search: 'ada' }), 2, 'count searches the same way')
  })

  it("shows when the subject's newest consent was signed, or null without one", async () => {
    const storage = await target.fresh()
    const signed = await createSubject(storage)
    const unsigned = await createSubject(storage)
    const consent = (signedAt: Date) => ({
      id: uuidv7(), subjectId: signed, disclosureVersion: '2030-01', authorizationTextHash: 'b'.repeat(64), signatureName: 'S', signedAt, ip: null, userAgent: null,
    })
    await storage.consents.append(consent(after(T0, 5 * DAY + 7)))
    await storage.consents.append(consent(after(T0, 2 * DAY)))
    const withConsent = await insertCheck(storage, signed, { createdAt: after(T0, 2) })
    const without = await insertCheck(storage, unsigned, { createdAt: after(T0, 1) })
    const items = (await storage.checks.list({ now: NOW })).items
    assert.deepEqual(items.find((i) => i.id === withConsent.id)?.consentSignedAt, after(T0, 5 * DAY + 7), 'the newest consent')
    assert.equal(items.find((i) => i.id === without.id)?.consentSignedAt, null, 'no consent on record')
  })

  it("lists one check's emails, oldest first, and no other check's", async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const mine = await insertCheck(storage, subjectId)
    const other = await insertCheck(storage, subjectId, { createdAt: after(T0, 1) })
    const email = (key: string, checkId: string | null, createdAt: Date) =>
      storage.emails.insertIfAbsent({ id: uuidv7(), dedupeKey: key, subjectId, checkId, template: `t-${key}`, data: {}, createdAt })
    await email('second', mine.id, after(T0, 2 * DAY))
    await email('first', mine.id, after(T0, DAY))
    await email('theirs', other.id, after(T0, DAY))
    await email('nobody', null, after(T0, DAY))
    const listed = await storage.emails.listForCheck(mine.id)
    assert.deepEqual(listed.map((e) => e.template), ['t-first', 't-second'], 'oldest first, only this check')
    assert.equal(listed[0]?.status, 'queued')
    assert.deepEqual(await storage.emails.listForCheck(uuidv7()), [], 'an unknown check has none')
  })
}
