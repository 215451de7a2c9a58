import type { SubjectRecord, SubjectStore } from '../../ports/storage'
import { isUniqueViolation } from './dialect'
import type { StoreContext } from './store-context'
import { ms, msOrNull, toDate, toDateOrNull } from './values'

type Row = Record<string, unknown>

export function normalizeEmail(email: string | null | undefined): string | null | undefined {
  return email == null ? email : email.trim().toLowerCase()
}

function toSubject(row: Row): SubjectRecord {
  return {
    id: String(row.id),
    email: (row.email as string | null) ?? null,
    displayName: (row.display_name as string | null) ?? null,
    eligibleUntil: toDateOrNull(row.eligible_until),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  }
}

export function subjectStore(ctx: StoreContext): SubjectStore {
  const table = ctx.names.ref('subjects')
  const get = async (id: string) => {
    const row = (await ctx.db(table).where({ id }).first()) as Row | undefined
    return row ? toSubject(row) : null
  }
  return {
    async upsert({ id, email, displayName, now }) {
      const fields: Row = {}
      if (email !== undefined) fields.email = normalizeEmail(email)
      if (displayName !== undefined) fields.display_name = displayName
      const row = { id, email: null, display_name: null, eligible_until: null, created_at: ms(now), updated_at: ms(now), ...fields }
      let inserted = true
      if (ctx.dialect === 'postgres') {
        const out = await ctx.db(table).insert(row).onConflict('id').ignore().returning('id')
        inserted = out.length > 0
      } else {
        try {
          await ctx.db(table).insert(row)
        } catch (error) {
          if (!isUniqueViolation(error)) throw error
          inserted = false
        }
      }
      if (!inserted && Object.keys(fields).length > 0) {
        await ctx.db(table).where({ id }).update({ ...fields, updated_at: ms(now) })
      }
      const subject = await get(id)
      if (!subject) throw new Error(`subject ${id} vanished during upsert`)
      return subject
    },
    get,
    async lock(id) {
      const row = (await ctx.db(table).where({ id }).forUpdate().first()) as Row | undefined
      return row ? toSubject(row) : null
    },
    async setEligibleUntil(id, eligibleUntil, now) {
      await ctx.db(table).where({ id }).update({ eligible_until: msOrNull(eligibleUntil), updated_at: ms(now) })
    },
    async listEligibilityLapsed(now, limit) {
      const rows = (await ctx.db(table).select('id').whereNotNull('eligible_until').where('eligible_until', '<=', ms(now)).orderBy('eligible_until').limit(limit)) as Row[]
      return rows.map((r) => String(r.id))
    },
    async takeOffline(id) {
      const gate = ctx.gate
      if (!gate) return 0
      const host = gate.schema ? `${gate.schema}.${gate.table}` : gate.table
      // Compared as text so the host's id column may be an integer or a string.
      const changed = await ctx.db(host)
        .whereRaw(ctx.dialect === 'mysql' ? 'CAST(?? AS CHAR) = ?' : 'CAST(?? AS TEXT) = ?', [gate.idColumn, id])
        .where(gate.liveColumn, true)
        .update({ [gate.liveColumn]: false })
      return Number(changed)
    },
  }
}
