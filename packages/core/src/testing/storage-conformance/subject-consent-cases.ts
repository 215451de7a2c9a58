import assert from 'node:assert/strict'
import type { ConsentRecord } from '../../domain/consent'
import { uuidv7 } from '../../support/uuid'
import { after, assertPartial, createSubject, rejectionOf, sleep, T0, unique } from './fixtures'
import type { ConformanceContext } from './target'

/** A consent with every field set, signed at `signedAt`. */
const consent = (subjectId: string, signedAt: Date, overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: uuidv7(),
  subjectId,
  disclosureVersion: '2030-01',
  authorizationTextHash: 'a'.repeat(64),
  signatureName: 'Alice Q. Smith',
  signedAt,
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
  ...overrides,
})

/** Subjects (upsert, lock, eligibility) and the append-only consent log. */
export function subjectConsentCases({ it, target }: ConformanceContext): void {
  it('creates a subject, normalising the email to trimmed lower case', async () => {
    const storage = await target.fresh()
    const id = unique('Subject')
    const created = await storage.subjects.upsert({ id, email: '  Alice.Smith@Example.COM ', displayName: 'Alice Smith', now: T0 })
    const expected = { id, email: 'alice.smith@example.com', displayName: 'Alice Smith', eligibleUntil: null, createdAt: T0, updatedAt: T0 }
    assert.deepEqual(created, expected, 'upsert returns the created subject')
    assert.deepEqual(await storage.subjects.get(id), expected, 'get reads the subject back')
    // Ids are exact: another case is another subject.
    assert.equal(await storage.subjects.get(id.toLowerCase()), null, 'subject ids are case-sensitive')
  })

  it('creates a subject with neither email nor name', async () => {
    const storage = await target.fresh()
    const id = unique('bare')
    const created = await storage.subjects.upsert({ id, now: T0 })
    assert.deepEqual(created, { id, email: null, displayName: null, eligibleUntil: null, createdAt: T0, updatedAt: T0 })
  })

  it('updates only the fields given: undefined keeps, null clears', async () => {
    const storage = await target.fresh()
    const id = unique('subj')
    await storage.subjects.upsert({ id, email: 'first@example.com', displayName: 'First', now: T0 })
    await storage.subjects.setEligibleUntil(id, after(T0, 1000), T0)

    const t1 = after(T0, 60_000)
    const renamed = await storage.subjects.upsert({ id, displayName: 'Second', now: t1 })
    assert.deepEqual(
      renamed,
      { id, email: 'first@example.com', displayName: 'Second', eligibleUntil: after(T0, 1000), createdAt: T0, updatedAt: t1 },
      'a rename keeps the email, eligibility and createdAt',
    )

    const t2 = after(T0, 120_000)
    const reEmailed = await storage.subjects.upsert({ id, email: 'NEW@Example.org', now: t2 })
    assertPartial(reEmailed, { email: 'new@example.org', displayName: 'Second', createdAt: T0, updatedAt: t2 }, 'a new email')

    const t3 = after(T0, 180_000)
    const cleared = await storage.subjects.upsert({ id, email: null, now: t3 })
    assertPartial(cleared, { email: null, displayName: 'Second', createdAt: T0, updatedAt: t3 }, 'email: null clears the email')

    const t4 = after(T0, 240_000)
    const clearedName = await storage.subjects.upsert({ id, displayName: null, now: t4 })
    assertPartial(
      clearedName,
      { email: null, displayName: null, eligibleUntil: after(T0, 1000), createdAt: T0, updatedAt: t4 },
      'displayName: null clears the name',
    )

    // Nothing given: the stored row is returned as it is.
    const untouched = await storage.subjects.upsert({ id, now: after(T0, 300_000) })
    assertPartial(untouched, { email: null, displayName: null, eligibleUntil: after(T0, 1000), createdAt: T0 }, 'an upsert with no fields')
    assert.deepEqual(await storage.subjects.get(id), untouched, 'get agrees with what the last upsert returned')
  })

  it('keeps subjects apart', async () => {
    const storage = await target.fresh()
    const a = await createSubject(storage, { email: 'a@example.com' })
    const b = await createSubject(storage, { email: 'b@example.com' })
    await storage.subjects.upsert({ id: a, email: null, displayName: 'changed', now: after(T0, 1) })
    await storage.subjects.setEligibleUntil(a, after(T0, 5), after(T0, 1))
    assert.deepEqual(
      await storage.subjects.get(b),
      { id: b, email: 'b@example.com', displayName: `Name ${b}`, eligibleUntil: null, createdAt: T0, updatedAt: T0 },
      'writes to one subject must not touch another',
    )
  })

  it('returns null for an unknown subject', async () => {
    const storage = await target.fresh()
    assert.equal(await storage.subjects.get('nobody'), null, 'get')
    assert.equal(await storage.transaction((tx) => tx.subjects.lock('nobody')), null, 'lock')
  })

  it('sets and clears eligibleUntil to the millisecond', async () => {
    const storage = await target.fresh()
    const id = await createSubject(storage)
    const until = new Date('2031-07-04T23:59:59.999Z')
    const t1 = after(T0, 1_234)
    await storage.subjects.setEligibleUntil(id, until, t1)
    assertPartial(await storage.subjects.get(id), { eligibleUntil: until, updatedAt: t1, createdAt: T0 }, 'after setting eligibleUntil')
    const t2 = after(T0, 5_678)
    await storage.subjects.setEligibleUntil(id, null, t2)
    assertPartial(await storage.subjects.get(id), { eligibleUntil: null, updatedAt: t2, createdAt: T0 }, 'after clearing eligibleUntil')
  })

  it('locks a subject inside a transaction and returns its row', async () => {
    const storage = await target.fresh()
    const id = await createSubject(storage, { email: 'lock@example.com' })
    const locked = await storage.transaction((tx) => tx.subjects.lock(id))
    assert.deepEqual(locked, await storage.subjects.get(id), 'lock returns the same row as get')
    assertPartial(locked, { id, email: 'lock@example.com' }, 'the locked row')
  })

  it('serialises lockers: a second lock waits for the first transaction and then sees its writes', async () => {
    const storage = await target.fresh()
    const id = await createSubject(storage)
    const other = await target.sibling(storage, 1)
    const events: string[] = []
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    let signalLocked!: () => void
    const firstLocked = new Promise<void>((resolve) => (signalLocked = resolve))
    const until = new Date('2032-01-02T03:04:05.678Z')

    const first = storage.transaction(async (tx) => {
      await tx.subjects.lock(id)
      events.push('first locked')
      signalLocked()
      await released
      await tx.subjects.setEligibleUntil(id, until, after(T0, 1))
      events.push('first done')
    })
    await firstLocked
    const second = other.transaction(async (tx) => {
      const row = await tx.subjects.lock(id)
      events.push('second locked')
      return row
    })
    // Time for a lock that does not block to get through before the first lets go.
    await sleep(300)
    events.push('releasing')
    release()
    const [, seen] = await Promise.all([first, second])
    assert.deepEqual(events, ['first locked', 'releasing', 'first done', 'second locked'], 'the second lock must wait for the first transaction')
    assert.deepEqual(seen?.eligibleUntil, until, 'the second locker sees what the first committed')
  })

  it('rolls an upsert back with its transaction', async () => {
    const storage = await target.fresh()
    const id = unique('rollback')
    const error = await rejectionOf(
      storage.transaction(async (tx) => {
        await tx.subjects.upsert({ id, email: 'x@example.com', now: T0 })
        assert.notEqual(await tx.subjects.get(id), null, 'the transaction sees its own upsert')
        throw new Error('abort')
      }),
    )
    assert.match(error.message, /abort/, 'the transaction rejects with the error thrown inside it')
    assert.equal(await storage.subjects.get(id), null, 'the rolled-back upsert left no subject')
  })

  it('appends consents and lists them newest first, every field intact', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const otherSubject = await createSubject(storage)
    const oldest = consent(subjectId, after(T0, 1), { disclosureVersion: '2029-07', ip: null, userAgent: null })
    const newest = consent(subjectId, after(T0, 3_000_123), { ip: '2001:db8::1', signatureName: 'Ålice Smïth' })
    const middle = consent(subjectId, after(T0, 2_000_456))
    // Appended out of order: the list order comes from signedAt.
    await storage.consents.append(middle)
    await storage.consents.append(oldest)
    await storage.consents.append(newest)
    await storage.consents.append(consent(otherSubject, after(T0, 9_999_999)))

    assert.deepEqual(await storage.consents.listForSubject(subjectId, 10), [newest, middle, oldest], 'limit 10')
    assert.deepEqual(await storage.consents.listForSubject(subjectId, 2), [newest, middle], 'limit 2')
    assert.deepEqual(await storage.consents.listForSubject(subjectId, 1), [newest], 'limit 1')
    assert.deepEqual(await storage.consents.listForSubject('nobody', 10), [], 'an unknown subject')
  })

  it('refuses a consent for an unknown subject', async () => {
    const storage = await target.fresh()
    await rejectionOf(storage.consents.append(consent('nobody', T0)))
    assert.deepEqual(await storage.consents.listForSubject('nobody', 10), [], 'the refused consent was not kept')
  })

  it('refuses a second consent with the same id (no silent overwrite)', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const first = consent(subjectId, T0)
    await storage.consents.append(first)
    await rejectionOf(storage.consents.append({ ...first, signatureName: 'Mallory', signedAt: after(T0, 5) }))
    assert.deepEqual(await storage.consents.listForSubject(subjectId, 10), [first], 'the first consent is kept as it was')
  })
}
