import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../src/errors'
import { GO_LIVE_GATE_MESSAGE, isTriggerRefusal, type GoLiveGateOptions, type KnexStorage } from '../../src/storage/knex'
import { describeEachBackend } from './support/backends'
import { applyScript, hostRef, hostSchemaBuilder, rejectionOf, thrownBy } from './support/fixtures-b'

type IdKind = 'integer' | 'string'

/**
 * The gate compares against the database clock, so eligibility is set relative to the real time,
 * a day away on either side: nothing here depends on how long the test takes.
 */
const DAY = 24 * 3600 * 1000
const future = () => new Date(Date.now() + DAY)
const past = () => new Date(Date.now() - DAY)
const now = () => new Date()

let tables = 0

describeEachBackend('go-live gate', (db, backend) => {
  async function createHostTable(idKind: IdKind, name = `instructors_${++tables}`, options: { caseInsensitiveId?: boolean } = {}): Promise<string> {
    await hostSchemaBuilder(db()).createTable(name, (t) => {
      if (idKind === 'integer') t.integer('id').primary()
      else {
        const id = t.string('id', 64)
        if (options.caseInsensitiveId && backend === 'mysql') id.collate('utf8mb4_unicode_ci')
        id.primary()
      }
      t.boolean('is_live').notNullable().defaultTo(false)
      t.string('name', 100).nullable()
    })
    return name
  }

  function gateOptions(table: string): GoLiveGateOptions {
    const hostSchema = db().hostSchema
    return { table, idColumn: 'id', liveColumn: 'is_live', ...(hostSchema ? { schema: hostSchema } : {}) }
  }

  /** Raw SQL on the host table, as any writer outside vetkit would issue it. */
  const sql = {
    insert: (table: string, id: number | string, live: boolean, name = 'Ada') =>
      db().knex.raw(`insert into ?? (id, is_live, name) values (?, ${live ? 'true' : 'false'}, ?)`, [hostRef(db(), table), id, name]),
    setLive: (table: string, id: number | string, live: boolean) =>
      db().knex.raw(`update ?? set is_live = ${live ? 'true' : 'false'} where id = ?`, [hostRef(db(), table), id]),
    rename: (table: string, id: number | string, name: string) => db().knex.raw('update ?? set name = ? where id = ?', [hostRef(db(), table), name, id]),
    changeId: (table: string, from: number | string, to: number | string) => db().knex.raw('update ?? set id = ? where id = ?', [hostRef(db(), table), to, from]),
    row: async (table: string, id: number | string) => {
      const row = (await db().knex(hostRef(db(), table)).where({ id }).first()) as { id: unknown; is_live: unknown; name: unknown } | undefined
      return row ? { id: String(row.id), live: row.is_live === true || row.is_live === 1, name: row.name } : null
    },
  }

  async function expectRefused(promise: Promise<unknown>): Promise<void> {
    const error = await rejectionOf(promise)
    expect(error.message).toContain(GO_LIVE_GATE_MESSAGE)
    expect(isTriggerRefusal(error, GO_LIVE_GATE_MESSAGE)).toBe(true)
  }

  async function subject(storage: KnexStorage, id: string, eligibleUntil: Date | null): Promise<void> {
    await storage.subjects.upsert({ id, email: `${id.toLowerCase()}@example.com`, now: now() })
    await storage.subjects.setEligibleUntil(id, eligibleUntil, now())
  }

  for (const idKind of ['integer', 'string'] as const) {
    const ids = idKind === 'integer' ? { missing: 1, noEligibility: 2, lapsed: 3, eligible: 4, other: 5 } : { missing: 'ins_a', noEligibility: 'ins_b', lapsed: 'ins_c', eligible: 'ins_d', other: 'ins_e' }

    describe(`with a${idKind === 'integer' ? 'n integer' : ' string'} id`, () => {
      it('refuses to make a row live unless its subject is eligible right now, for raw SQL too', async () => {
        const storage = await db().freshStorage()
        const table = await createHostTable(idKind)
        await storage.installGoLiveGate(gateOptions(table))
        for (const id of Object.values(ids)) await sql.insert(table, id, false)

        await subject(storage, String(ids.noEligibility), null)
        await subject(storage, String(ids.lapsed), past())
        await subject(storage, String(ids.eligible), future())

        await expectRefused(sql.setLive(table, ids.missing, true))
        await expectRefused(sql.setLive(table, ids.noEligibility, true))
        await expectRefused(sql.setLive(table, ids.lapsed, true))
        await sql.setLive(table, ids.eligible, true)

        expect(await sql.row(table, ids.missing)).toMatchObject({ live: false })
        expect(await sql.row(table, ids.noEligibility)).toMatchObject({ live: false })
        expect(await sql.row(table, ids.lapsed)).toMatchObject({ live: false })
        expect(await sql.row(table, ids.eligible)).toMatchObject({ live: true })

        // Eligibility granted later (through vetkit) opens the gate.
        await storage.subjects.setEligibleUntil(String(ids.lapsed), future(), now())
        await sql.setLive(table, ids.lapsed, true)
        expect(await sql.row(table, ids.lapsed)).toMatchObject({ live: true })
      })

      it('counts live rows whose eligibility has lapsed since (the gauge that must read 0), and none without a gate', async () => {
        const table = await createHostTable(idKind)
        const storage = await db().freshStorage({ goLiveGate: gateOptions(table) })
        await storage.installGoLiveGate()
        await subject(storage, String(ids.eligible), future())
        await subject(storage, String(ids.other), future())
        await sql.insert(table, ids.eligible, true)
        await sql.insert(table, ids.other, true)
        await sql.insert(table, ids.missing, false)
        expect((await storage.stats.snapshot(now())).liveWithoutValidCheck).toBe(0)
        // Two days on, the passes have lapsed but nothing took the rows offline (the lapse sweep did not run).
        expect((await storage.stats.snapshot(new Date(Date.now() + 2 * DAY))).liveWithoutValidCheck).toBe(2)
        await storage.subjects.setEligibleUntil(String(ids.other), new Date(Date.now() + 3 * DAY), now())
        expect((await storage.stats.snapshot(new Date(Date.now() + 2 * DAY))).liveWithoutValidCheck).toBe(1)
        const ungated = await db().freshStorage()
        expect((await ungated.stats.snapshot(now())).liveWithoutValidCheck).toBeNull()
      })

      it('checks inserts: a live row needs an eligible subject, an offline row does not', async () => {
        const storage = await db().freshStorage()
        const table = await createHostTable(idKind)
        await storage.installGoLiveGate(gateOptions(table))
        await subject(storage, String(ids.lapsed), past())
        await subject(storage, String(ids.eligible), future())

        await expectRefused(sql.insert(table, ids.missing, true))
        await expectRefused(sql.insert(table, ids.lapsed, true))
        expect(await sql.row(table, ids.lapsed)).toBeNull()
        await sql.insert(table, ids.eligible, true)
        await sql.insert(table, ids.missing, false)
        expect(await sql.row(table, ids.eligible)).toMatchObject({ live: true })
        expect(await sql.row(table, ids.missing)).toMatchObject({ live: false })
      })

      it('lets a live row be edited after eligibility lapsed, but not turned off and on again', async () => {
        const storage = await db().freshStorage()
        const table = await createHostTable(idKind)
        await storage.installGoLiveGate(gateOptions(table))
        await subject(storage, String(ids.eligible), future())
        await sql.insert(table, ids.eligible, false)
        await sql.setLive(table, ids.eligible, true)

        await storage.subjects.setEligibleUntil(String(ids.eligible), past(), now())
        // Documented: updates that leave a live row live pass, so editing a profile never fails.
        await sql.rename(table, ids.eligible, 'Grace')
        expect(await sql.row(table, ids.eligible)).toEqual({ id: String(ids.eligible), live: true, name: 'Grace' })
        await sql.setLive(table, ids.eligible, false)
        await expectRefused(sql.setLive(table, ids.eligible, true))
        expect(await sql.row(table, ids.eligible)).toMatchObject({ live: false, name: 'Grace' })
      })

      it('refuses to move a live row onto the id of an ineligible subject', async () => {
        const storage = await db().freshStorage()
        const table = await createHostTable(idKind)
        await storage.installGoLiveGate(gateOptions(table))
        await subject(storage, String(ids.eligible), future())
        await subject(storage, String(ids.other), future())
        await sql.insert(table, ids.eligible, true)

        await expectRefused(sql.changeId(table, ids.eligible, ids.missing))
        expect(await sql.row(table, ids.eligible)).toMatchObject({ live: true })
        await sql.changeId(table, ids.eligible, ids.other)
        expect(await sql.row(table, ids.other)).toMatchObject({ live: true })
      })
    })
  }

  it('matches subject ids exactly (case-sensitive), whatever the host column collation', async () => {
    const storage = await db().freshStorage()
    const table = await createHostTable('string', undefined, { caseInsensitiveId: true })
    await storage.installGoLiveGate(gateOptions(table))
    await subject(storage, 'Ins_X', future())
    await subject(storage, 'Ins_Y', future())
    await subject(storage, 'ins_w', future())
    await sql.insert(table, 'ins_x', false)
    await expectRefused(sql.setLive(table, 'ins_x', true))
    await expectRefused(sql.insert(table, 'INS_W', true))
    await sql.insert(table, 'Ins_Y', true)
    expect(await sql.row(table, 'ins_x')).toMatchObject({ id: 'ins_x', live: false })
    expect(await sql.row(table, 'Ins_Y')).toMatchObject({ id: 'Ins_Y', live: true })
  })

  it('installs idempotently: twice is fine and still one gate', async () => {
    const storage = await db().freshStorage()
    const table = await createHostTable('integer')
    await storage.installGoLiveGate(gateOptions(table))
    await storage.installGoLiveGate(gateOptions(table))
    await subject(storage, '1', future())
    await sql.insert(table, 1, false)
    await sql.insert(table, 2, false)
    await expectRefused(sql.setLive(table, 2, true))
    await sql.setLive(table, 1, true)

    if (backend === 'mysql') {
      const [rows] = (await db().knex.raw('select trigger_name as name from information_schema.triggers where trigger_schema = database() and event_object_table = ?', [table])) as [{ name: string }[]]
      expect(rows.map((r) => r.name).sort()).toEqual([`${storage.tables.prefix}gate_${table}_bi`, `${storage.tables.prefix}gate_${table}_bu`])
    } else {
      const result = (await db().knex.raw('select tgname as name from pg_trigger where tgrelid = ?::regclass and not tgisinternal', [
        db().hostSchema ? `"${db().hostSchema}"."${table}"` : `"${table}"`,
      ])) as { rows: { name: string }[] }
      expect(result.rows.map((r) => r.name)).toEqual([`${storage.tables.prefix}gate_${table}`])
    }
  })

  it('goLiveGateSql prints DDL for the table that, applied by a migration tool, enforces the same gate', async () => {
    const storage = await db().freshStorage()
    const table = await createHostTable('string')
    const script = storage.goLiveGateSql(gateOptions(table))
    expect(script).toContain(table)
    expect(script).toContain(GO_LIVE_GATE_MESSAGE)
    expect(script).toContain(storage.tables.bare('subjects'))
    if (backend === 'mysql') expect(script).toContain('DELIMITER //')
    else expect(script).toMatch(/create trigger/i)

    expect(await applyScript(db().knex, script)).toBeGreaterThanOrEqual(3)
    await subject(storage, 'ok', future())
    await expectRefused(sql.insert(table, 'nope', true))
    await sql.insert(table, 'ok', true)
    expect(await sql.row(table, 'ok')).toMatchObject({ live: true })
  })

  it('rejects identifiers that are not plain SQL names with a ConfigurationError naming the setting', async () => {
    const storage = await db().freshStorage()
    const cases: [GoLiveGateOptions, string][] = [
      [{ table: 'instructors; drop table x' }, 'goLiveGate.table'],
      [{ table: 'instructors', idColumn: 'id" or 1=1 --' }, 'goLiveGate.idColumn'],
      [{ table: 'instructors', liveColumn: 'is live' }, 'goLiveGate.liveColumn'],
      [{ table: 'instructors', schema: 'public.x' }, 'goLiveGate.schema'],
      [{ table: '' }, 'goLiveGate.table'],
    ]
    for (const [options, setting] of cases) {
      const installError = await rejectionOf(storage.installGoLiveGate(options))
      expect(installError).toBeInstanceOf(ConfigurationError)
      expect(installError.field).toBe(setting)
      expect(installError.message).toContain(setting)
      const printError = thrownBy(() => storage.goLiveGateSql(options))
      expect(printError).toBeInstanceOf(ConfigurationError)
      expect(printError.field).toBe(setting)
    }
    // A table name so long that the trigger name would not fit is refused up front too.
    const tooLong = thrownBy(() => storage.goLiveGateSql({ table: `t${'x'.repeat(60)}` }))
    expect(tooLong).toBeInstanceOf(ConfigurationError)
    expect(tooLong.message).toContain('goLiveGate.table')
  })
})
