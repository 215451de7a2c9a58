import { expect, it } from 'vitest'
import { describeEachBackend } from './support/backends'
import { checkOf, createSubject, fullState, unique } from './support/fixtures-a'

/**
 * What the knex backend keeps at rest, read from its columns. Everything the port can observe
 * about checks is in the conformance kit (`src/testing/storage-conformance/check-cases.ts`).
 */
describeEachBackend('checks', (db) => {
  it('never stores provider ids or the invitation URL in plaintext', async () => {
    const storage = await db().freshStorage()
    const subjectId = await createSubject(storage)
    const reportId = unique('report')
    const candidateId = unique('candidate')
    const invitationId = unique('invitation')
    const invitationUrl = `https://apply.checkr.com/${unique('token')}`
    const check = checkOf(subjectId, { provider: 'checkr', state: fullState(reportId), candidateId, invitationId, invitationUrl })
    await storage.checks.insert(check)

    const row = (await db().knex(storage.tables.ref('checks')).where({ id: check.id }).first()) as Record<string, unknown>
    const cells = Object.entries(row).map(([column, value]) => [column, value == null ? '' : String(value)] as const)
    for (const secret of [reportId, candidateId, invitationId, invitationUrl, invitationUrl.slice(8)]) {
      for (const [column, text] of cells) expect(text, `column ${column} leaks ${secret}`).not.toContain(secret)
    }
    for (const column of ['candidate_id_enc', 'invitation_id_enc', 'report_id_enc', 'invitation_url_enc']) {
      expect(String(row[column]), column).toMatch(/^v1:/)
    }
    for (const column of ['candidate_id_idx', 'invitation_id_idx', 'report_id_idx']) {
      expect(String(row[column]), column).toMatch(/^[A-Za-z0-9_-]{43}$/)
    }
    // Each id gets its own ciphertext and index (per-column context).
    expect(new Set([row.candidate_id_enc, row.invitation_id_enc, row.report_id_enc]).size).toBe(3)
    expect(await storage.checks.get(check.id)).toMatchObject({ candidateId, invitationId, invitationUrl, state: { reportId } })
  })
})
