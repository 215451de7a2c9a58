import type { ConsentRecord } from '../../domain/consent'
import type { ConsentStore } from '../../ports/storage'
import type { StoreContext } from './store-context'
import { ms, toDate } from './values'

type Row = Record<string, unknown>

function toConsent(row: Row): ConsentRecord {
  return {
    id: String(row.id),
    subjectId: String(row.subject_id),
    disclosureVersion: String(row.disclosure_version),
    authorizationTextHash: String(row.authorization_text_hash),
    signatureName: String(row.signature_name),
    signedAt: toDate(row.signed_at),
    ip: (row.ip as string | null) ?? null,
    userAgent: (row.user_agent as string | null) ?? null,
  }
}

export function consentStore(ctx: StoreContext): ConsentStore {
  const table = ctx.names.ref('consents')
  return {
    async append(consent) {
      await ctx.db(table).insert({
        id: consent.id,
        subject_id: consent.subjectId,
        disclosure_version: consent.disclosureVersion,
        authorization_text_hash: consent.authorizationTextHash,
        signature_name: consent.signatureName,
        signed_at: ms(consent.signedAt),
        ip: consent.ip,
        user_agent: consent.userAgent,
        created_at: ms(consent.signedAt),
      })
    },
    async listForSubject(subjectId, limit) {
      const rows = (await ctx.db(table).where({ subject_id: subjectId }).orderBy([{ column: 'signed_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit)) as Row[]
      return rows.map(toConsent)
    },
  }
}
