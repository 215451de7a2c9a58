// The host's own data access for its `instructors` table. Going live is a plain SQL UPDATE: the
// database itself (vetkit's go-live gate trigger) refuses it unless the instructor is eligible.
import { randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import { GO_LIVE_GATE_MESSAGE, isGoLiveRefusal } from '@vetkit/core/knex'

export interface Instructor {
  id: string
  name: string
  email: string
  isLive: boolean
  createdAt: Date
}

interface Row {
  id: string
  name: string
  email: string
  is_live: boolean | number
  created_at: string | number
}

const toInstructor = (row: Row): Instructor => ({
  id: row.id,
  name: row.name,
  email: row.email,
  isLive: Boolean(row.is_live),
  createdAt: new Date(Number(row.created_at)),
})

export type GoLiveResult = { ok: true; instructor: Instructor } | { ok: false; reason: string }

export function instructorStore(knex: Knex) {
  return {
    async list(): Promise<Instructor[]> {
      return ((await knex('instructors').select('*').orderBy('created_at', 'asc').orderBy('id', 'asc')) as Row[]).map(toInstructor)
    },
    async get(id: string): Promise<Instructor | null> {
      const row = (await knex('instructors').where({ id }).first()) as Row | undefined
      return row ? toInstructor(row) : null
    },
    async count(): Promise<number> {
      const row = (await knex('instructors').count({ n: '*' }).first()) as { n: string | number } | undefined
      return Number(row?.n ?? 0)
    },
    async create(input: { id?: string; name: string; email: string; now?: Date }): Promise<Instructor> {
      const id = input.id ?? newInstructorId(input.name)
      await knex('instructors').insert({ id, name: input.name, email: input.email, is_live: false, created_at: (input.now ?? new Date()).getTime() })
      return (await this.get(id)) as Instructor
    },
    /**
     * `UPDATE instructors SET is_live = ... WHERE id = ...`: the host's own SQL, not a vetkit call.
     * Turning the flag on is refused by the database when the instructor is not eligible.
     */
    async setLive(id: string, live: boolean): Promise<GoLiveResult> {
      try {
        await knex.raw('UPDATE instructors SET is_live = ? WHERE id = ?', [live, id])
      } catch (error) {
        if (!isGoLiveRefusal(error)) throw error
        const message = error instanceof Error ? error.message : String(error)
        return { ok: false, reason: message.slice(message.indexOf(GO_LIVE_GATE_MESSAGE)) }
      }
      const instructor = await this.get(id)
      return instructor ? { ok: true, instructor } : { ok: false, reason: 'no such instructor' }
    },
  }
}

export type InstructorStore = ReturnType<typeof instructorStore>

/** `ada-lovelace-3f9c`: readable in URLs, unique enough for a demo. */
export function newInstructorId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return `${slug || 'instructor'}-${randomBytes(2).toString('hex')}`
}
