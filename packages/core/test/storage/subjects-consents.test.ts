import { expect, it } from 'vitest'
import type { ConsentRecord } from '../../src/domain/consent'
import { uuidv7 } from '../../src/support/uuid'
import { describeEachBackend } from './support/backends'
import { after, createSubject, rejectionMessage, sleep, storagesOnSeparatePools, T0, unique } from './support/fixtures-a'

describeEachBackend('subjects', (db) => {
  it('creates a subject, normalising the email to trimmed lower case', async () => {
    const storage = await db().freshStorage()
    const id = unique('Subject')
    const created = await storage.subjects.upsert({ id, email: '  Alice.Smith@Example.COM ', displayName: 'Alice Smith', now: T0 })
    const expected = { id, email: 'alice.smith@example.com', displayName: 'Alice Smith', eligibleUntil: null, createdAt: T0, updatedAt: T0 }
    expect(created).toEqual(expected)
    expect(await storage.subjects.get(id)).toEqual(expected)
    // Ids are exact: another case is another subject.
    expect(await storage.subjects.get(id.toLowerCase())).toBeNull()
  })

  it('creates a subject with neither email nor name', async () => {
    const storage = await db().freshStorage()
    const id = unique('bare')
    const created = await storage.subjects.upsert({ id, now: T0 })
    expect(created).toEqual({ id, email: null, displayName: null, eligibleUntil: null, createdAt: T0, updatedAt: T0 })
  })

  it('updates only the fields given: undefined keeps, null clears', async () => {
    const storage = await db().freshStorage()
    const id = unique('subj')
    await storage.subjects.upsert({ id, email: 'first@example.com', displayName: 'First', now: T0 })
    await storage.subjects.setEligibleUntil(id, after(T0, 1000), T0)

    const t1 = after(T0, 60_000)
    const renamed = await storage.subjects.upsert({ id, displayName: 'Second', now: t1 })
    expect(renamed).toEqual({
      id,
      email: 'first@example.com',
      displayName: 'Second',
      eligibleUntil: after(T0, 1000),
      createdAt: T0,
      updatedAt: t1,
    })

    const t2 = after(T0, 120_000)
    const reEmailed = await storage.subjects.upsert({ id, email: 'NEW@Example.org', now: t2 })
    expect(reEmailed).toMatchObject({ email: 'new@example.org', displayName: 'Second', createdAt: T0, updatedAt: t2 })

    const t3 = after(T0, 180_000)
    const cleared = await storage.subjects.upsert({ id, email: null, now: t3 })
    expect(cleared).toMatchObject({ email: null, displayName: 'Second', createdAt: T0, updatedAt: t3 })

    const t4 = after(T0, 240_000)
    const clearedName = await storage.subjects.upsert({ id, displayName: null, now: t4 })
    expect(clearedName).toMatchObject({ email: null, displayName: null, eligibleUntil: after(T0, 1000), createdAt: T0, updatedAt: t4 })

    // Nothing given: the stored row is returned as it is.
    const untouched = await storage.subjects.upsert({ id, now: after(T0, 300_000) })
    expect(untouched).toMatchObject({ email: null, displayName: null, eligibleUntil: after(T0, 1000), createdAt: T0 })
    expect(await storage.subjects.get(id)).toEqual(untouched)
  })

  it('keeps subjects apart', async () => {
    const storage = await db().freshStorage()
    const a = await createSubject(storage, { email: 'a@example.com' })
    const b = await createSubject(storage, { email: 'b@example.com' })
    await storage.subjects.upsert({ id: a, email: null, displayName: 'changed', now: after(T0, 1) })
    await storage.subjects.setEligibleUntil(a, after(T0, 5), after(T0, 1))
    expect(await storage.subjects.get(b)).toEqual({
      id: b,
      email: 'b@example.com',
      displayName: `Name ${b}`,
      eligibleUntil: null,
      createdAt: T0,
      updatedAt: T0,
    })
  })

  it('returns null for an unknown subject', async () => {
    const storage = await db().freshStorage()
    expect(await storage.subjects.get('nobody')).toBeNull()
    expect(await storage.transaction((tx) => tx.subjects.lock('nobody'))).toBeNull()
  })

  it('sets and clears eligibleUntil to the millisecond', async () => {
    const storage = await db().freshStorage()
    const id = await createSubject(storage)
    const until = new Date('2031-07-04T23:59:59.999Z')
    const t1 = after(T0, 1_234)
    await storage.subjects.setEligibleUntil(id, until, t1)
    expect(await storage.subjects.get(id)).toMatchObject({ eligibleUntil: until, updatedAt: t1, createdAt: T0 })
    const t2 = after(T0, 5_678)
    await storage.subjects.setEligibleUntil(id, null, t2)
    expect(await storage.subjects.get(id)).toMatchObject({ eligibleUntil: null, updatedAt: t2, createdAt: T0 })
  })

  it('locks a subject inside a transaction and returns its row', async () => {
    const storage = await db().freshStorage()
    const id = await createSubject(storage, { email: 'lock@example.com' })
    const locked = await storage.transaction((tx) => tx.subjects.lock(id))
    expect(locked).toEqual(await storage.subjects.get(id))
    expect(locked).toMatchObject({ id, email: 'lock@example.com' })
  })

  it('serialises lockers: a second lock waits for the first transaction and then sees its writes', async () => {
    const storage = await db().freshStorage()
    const id = await createSubject(storage)
    const [other] = await storagesOnSeparatePools(db(), storage, 1)
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
    const second = other!.transaction(async (tx) => {
      const row = await tx.subjects.lock(id)
      events.push('second locked')
      return row
    })
    await sleep(300)
    events.push('releasing')
    release()
    const [, seen] = await Promise.all([first, second])
    expect(events).toEqual(['first locked', 'releasing', 'first done', 'second locked'])
    expect(seen?.eligibleUntil).toEqual(until)
  })

  it('rolls an upsert back with its transaction', async () => {
    const storage = await db().freshStorage()
    const id = unique('rollback')
    await expect(
      storage.transaction(async (tx) => {
        await tx.subjects.upsert({ id, email: 'x@example.com', now: T0 })
        expect(await tx.subjects.get(id)).not.toBeNull()
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(await storage.subjects.get(id)).toBeNull()
  })
})

describeEachBackend('consents', (db) => {
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

  it('appends consents and lists them newest first, every field intact', async () => {
    const storage = await db().freshStorage()
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

    expect(await storage.consents.listForSubject(subjectId, 10)).toEqual([newest, middle, oldest])
    expect(await storage.consents.listForSubject(subjectId, 2)).toEqual([newest, middle])
    expect(await storage.consents.listForSubject(subjectId, 1)).toEqual([newest])
    expect(await storage.consents.listForSubject('nobody', 10)).toEqual([])
  })

  it('refuses a consent for an unknown subject', async () => {
    const storage = await db().freshStorage()
    await expect(storage.consents.append(consent('nobody', T0))).rejects.toThrow()
    expect(await storage.consents.listForSubject('nobody', 10)).toEqual([])
  })

  it('refuses a second consent with the same id (no silent overwrite)', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const first = consent(subjectId, T0)
    await storage.consents.append(first)
    await expect(storage.consents.append({ ...first, signatureName: 'Mallory', signedAt: after(T0, 5) })).rejects.toThrow()
    expect(await storage.consents.listForSubject(subjectId, 10)).toEqual([first])
  })

  it('is append-only in the database: raw UPDATE is refused', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const stored = consent(subjectId, T0)
    await storage.consents.append(stored)
    const table = storage.tables.sql('consents')
    const message = await rejectionMessage(db().knex.raw(`update ${table} set signature_name = ? where id = ?`, ['Mallory', stored.id]))
    expect(message).toContain('vetkit_append_only')
    expect(await storage.consents.listForSubject(subjectId, 10)).toEqual([stored])
  })

  it('is append-only in the database: raw DELETE is refused', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const stored = consent(subjectId, T0)
    await storage.consents.append(stored)
    const table = storage.tables.sql('consents')
    const message = await rejectionMessage(db().knex.raw(`delete from ${table} where id = ?`, [stored.id]))
    expect(message).toContain('vetkit_append_only')
    const everything = await rejectionMessage(db().knex.raw(`delete from ${table}`))
    expect(everything).toContain('vetkit_append_only')
    expect(await storage.consents.listForSubject(subjectId, 10)).toEqual([stored])
  })
})
