import { expect, it } from 'vitest'
import type { ConsentRecord } from '../../src/domain/consent'
import { uuidv7 } from '../../src/support/uuid'
import { describeEachBackend } from './support/backends'
import { createSubject, rejectionMessage, T0 } from './support/fixtures-a'

/**
 * The consent log's append-only trigger, which only raw SQL can reach (the port has no update or
 * delete). The rest of the subject and consent behaviour is in the conformance kit
 * (`src/testing/storage-conformance/subject-consent-cases.ts`).
 */
describeEachBackend('consents', (db) => {
  const consent = (subjectId: string, signedAt: Date): ConsentRecord => ({
    id: uuidv7(),
    subjectId,
    disclosureVersion: '2030-01',
    authorizationTextHash: 'a'.repeat(64),
    signatureName: 'Alice Q. Smith',
    signedAt,
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
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
