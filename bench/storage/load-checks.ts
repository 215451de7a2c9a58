import type { KnexStorage } from '@vetkit/core/knex'
import { testSealer } from '@vetkit/core/testing'
import type { BenchConfig } from './config'
import type { BenchDb } from './databases'
import { nowMs } from './stats'

export const DAY = 24 * 3600 * 1000
const SPAN = 3 * 365 * DAY
const VALIDITY = 730 * DAY
const CHUNK = 100_000

/** SQL fragments that differ between PostgreSQL and MariaDB. Everything else is shared. */
interface Sql {
  /** A derived table of integers `g` from `from` to `to` (PG generate_series, MariaDB sequence engine). */
  series(from: number, to: number): string
  dbl(e: string): string
  int(e: string): string
  txt(e: string): string
  /** 12 lowercase hex digits of a non-negative integer (the UUIDv7 time prefix). */
  hex12(e: string): string
}

const PG: Sql = {
  series: (from, to) => `(select g from generate_series(${from}::bigint, ${to}::bigint) as gs(g)) as s0`,
  dbl: (e) => `(${e})::float8`,
  int: (e) => `(${e})::bigint`,
  txt: (e) => `(${e})::text`,
  hex12: (e) => `lpad(to_hex(${e}), 12, '0')`,
}

const MARIADB: Sql = {
  // seq_<from>_to_<to> tables of the SEQUENCE engine: generated, nothing is stored.
  series: (from, to) => `(select seq as g from seq_${from}_to_${to}) as s0`,
  dbl: (e) => `cast(${e} as double)`,
  int: (e) => `cast(${e} as signed)`,
  txt: (e) => `cast(${e} as char)`,
  hex12: (e) => `lpad(lower(hex(${e})), 12, '0')`,
}

export interface LoadResult {
  rows: number
  subjects: number
  /** The fixed "now" the data was generated around (queries use it too). */
  now: number
  loadMs: number
  analyzeMs: number
  statusCounts: Record<string, number>
  expiringWithin30Days: number
  futureReminders: number
  notes: string[]
}

/** Deterministic, well-spread pseudo-random subject number for check `g` (a permutation of 1..S per S checks). */
function subjectMultiplier(subjects: number): number {
  for (const prime of [1_000_003, 999_983, 1_299_709]) if (subjects % prime !== 0) return prime
  return 1
}

/**
 * Loads `cfg.rows` checks and `cfg.subjects` subjects with set-based SQL, in chunks of 100,000
 * rows (one INSERT ... SELECT each). Values are a deterministic function of the row number, so
 * PostgreSQL and MariaDB get identical data:
 * - created_at spread over 3 years, denser toward now (a growing business), monotonic in the row
 *   number so that ids (UUIDv7-like: time prefix + hash) arrive in primary-key order;
 * - statuses: ~87% passed/expired (a pass is valid 730 days from the report: older passes are
 *   expired), 4% consider (only the last 90 days are still awaiting review, older ones were
 *   engaged: passed with outcome consider), 1% pre_adverse (last 21 days), 0.5% disputed (last 60
 *   days), 2% failed, 3% canceled, 2.4% invited/pending/suspended (last 45 days; older ones canceled);
 * - provider ids sealed (one real ciphertext per column, unique blind indexes);
 * - next_reminder_at: the next expiry reminder (30 or 7 days before valid_until) of every pass,
 *   all in the future; `makeRemindersDue` then makes an exact number due now.
 */
export async function loadChecks(db: BenchDb, storage: KnexStorage, cfg: BenchConfig, now: number, log: (line: string) => void): Promise<LoadResult> {
  const sql = db.kind === 'postgres' ? PG : MARIADB
  const checks = storage.tables.sql('checks')
  const subjects = storage.tables.sql('subjects')
  const N = cfg.rows
  const S = cfg.subjects
  const notes: string[] = []

  // One genuine ciphertext per sealed column (AES-GCM, test key): decrypting rows costs what it
  // costs in production. Blind indexes must be unique per row, so those are generated in SQL.
  const sealer = testSealer()
  const literal = (v: string) => `'${v.replace(/'/g, "''")}'`
  const candidateEnc = literal(sealer.seal('cand_7f3a9c2e1b', 'checkr.candidate').ciphertext)
  const invitationEnc = literal(sealer.seal('inv_4d2f8a6c0e', 'checkr.invitation').ciphertext)
  const urlEnc = literal(sealer.seal('https://apply.checkr.com/invitations/inv_4d2f8a6c0e?token=abcdef0123456789', 'checkr.invitation_url').ciphertext)
  const reportEnc = literal(sealer.seal('rep_9b1e5d7a3f', 'checkr.report').ciphertext)
  const blind = (tag: string, e: string) => `substr(concat(md5(concat('${tag}', ${e})), md5(concat('${tag.toUpperCase()}', ${e}))), 1, 43)`

  const session: string[] =
    db.kind === 'postgres'
      ? ['set session_replication_role = replica', "set maintenance_work_mem = '256MB'"]
      : ['set session foreign_key_checks = 0', 'set session unique_checks = 0']
  // One connection so the session settings (no FK checks while loading generated, consistent data) apply.
  const conn = await db.admin.connect()
  const t0 = nowMs()
  try {
    for (const statement of session) {
      try {
        await conn.query(statement)
      } catch (error) {
        notes.push(`could not "${statement}" (${String((error as Error).message)}): loading with the checks on`)
      }
    }

    const subjectSql = (from: number, to: number) => `
      insert into ${subjects} (id, email, display_name, eligible_until, created_at, updated_at)
      select concat('sub_', lpad(${sql.txt('g')}, 9, '0')),
             concat('worker', g, '@mail', mod(g, 20), '.example.com'),
             concat('Worker ', g),
             null,
             ${now - SPAN - 30 * DAY} + g * 1000,
             ${now - SPAN - 30 * DAY} + g * 1000
      from ${sql.series(from, to)}`
    for (let from = 1; from <= S; from += CHUNK) await conn.query(subjectSql(from, Math.min(S, from + CHUNK - 1)))
    log(`  subjects: ${S.toLocaleString('en-US')} rows in ${((nowMs() - t0) / 1000).toFixed(1)} s`)

    const mult = subjectMultiplier(S)
    // b0: row number -> creation time, status bucket, subject. b1: status before report timing.
    // b2: final status (no report yet -> pending; pass older than its validity -> expired).
    const b0 = (from: number, to: number) => `(
      select g,
             ${sql.int(`${now - 60_000} - floor(${SPAN} * power(1 - ${sql.dbl('g')} / ${N + 1}, 1.5))`)} as created_at,
             mod(g * 7919, 1000) as bucket,
             mod(g * ${mult}, ${S}) + 1 as subj
      from ${sql.series(from, to)}) as b0`
    const age = `(${now} - created_at)`
    const b1 = (from: number, to: number) => `(
      select b0.*,
             created_at + (1 + mod(g, 4)) * ${DAY} as rc,
             case
               when bucket < 6 then case when ${age} <= ${45 * DAY} then 'invited' else 'canceled' end
               when bucket < 21 then case when ${age} <= ${45 * DAY} then 'pending' else 'canceled' end
               when bucket < 24 then case when ${age} <= ${45 * DAY} then 'suspended' else 'canceled' end
               when bucket < 65 then case when ${age} <= ${90 * DAY} then 'consider' else 'passed' end
               when bucket < 75 then case when ${age} <= ${21 * DAY} then 'pre_adverse' else 'failed' end
               when bucket < 80 then case when ${age} <= ${60 * DAY} then 'disputed' else 'failed' end
               when bucket < 100 then 'failed'
               when bucket < 130 then 'canceled'
               else 'passed'
             end as st0
      from ${b0(from, to)}) as b1`
    const b2 = (from: number, to: number) => `(
      select b1.*,
             case
               when st0 in ('passed', 'consider', 'pre_adverse', 'disputed', 'failed') and rc > ${now} then 'pending'
               when st0 = 'passed' and rc + ${VALIDITY} <= ${now} then 'expired'
               else st0
             end as status
      from ${b1(from, to)}) as b2`

    const reported = `(status in ('passed', 'expired', 'consider', 'pre_adverse', 'disputed', 'failed'))`
    const adverse = `(status in ('pre_adverse', 'disputed') or (status = 'failed' and bucket >= 65 and bucket < 100))`
    const validUntil = `rc + ${VALIDITY}`
    const checkSql = (from: number, to: number) => `
      insert into ${checks} (
        id, subject_id, provider, package_slug, jurisdiction, status, version,
        candidate_id_enc, candidate_id_idx, invitation_id_enc, invitation_id_idx, invitation_url_enc,
        report_id_enc, report_id_idx, outcome, report_completed_at, cleared_at, valid_until,
        final_adverse_at, closed_at, cursor_at, cursor_rank,
        adverse_started_at, adverse_items, adverse_medium, adverse_written_dispute, adverse_earliest_final_at, adverse_final_due_at,
        dispute_opened_at, dispute_source, dispute_written, previous_check_id, next_reminder_at, created_at, updated_at)
      select
        concat(substr(${sql.hex12('created_at')}, 1, 8), '-', substr(${sql.hex12('created_at')}, 9, 4), '-7',
               substr(md5(concat('id', g)), 1, 3), '-8', substr(md5(concat('id', g)), 4, 3), '-', substr(md5(concat('id', g)), 7, 12)),
        concat('sub_', lpad(${sql.txt('subj')}, 9, '0')),
        'checkr',
        case when mod(g, 3) = 0 then 'tasker_pro' else 'tasker_standard' end,
        case mod(g, 5) when 0 then 'US-CA' when 1 then 'US-NY' when 2 then 'US-TX' when 3 then 'US-FL' else 'US-WA' end,
        status,
        case when status in ('invited', 'canceled') then 1 when status = 'pending' then 2 else 4 end,
        ${candidateEnc}, ${blind('cand', 'subj')},
        ${invitationEnc}, ${blind('inv', 'g')},
        ${urlEnc},
        case when ${reported} then ${reportEnc} end,
        case when ${reported} then ${blind('rep', 'g')} end,
        case when not ${reported} then null when bucket >= 24 and bucket < 100 then 'consider' else 'clear' end,
        case when ${reported} then rc end,
        case when status in ('passed', 'expired') then rc end,
        case when status in ('passed', 'expired') then ${validUntil} end,
        case when status = 'failed' then rc + ${12 * DAY} end,
        case when status = 'failed' then rc + ${12 * DAY} when status = 'expired' then ${validUntil} when status = 'canceled' then created_at + ${20 * DAY} end,
        case when ${reported} then rc else created_at end,
        1,
        case when ${adverse} then rc + ${DAY} end,
        case when ${adverse} then '["ssn_trace_1","county_criminal_2"]' end,
        case when ${adverse} then 'email' end,
        case when ${adverse} then false end,
        case when ${adverse} then rc + ${6 * DAY} end,
        case when ${adverse} then rc + ${11 * DAY} end,
        case when status = 'disputed' then rc + ${3 * DAY} end,
        case when status = 'disputed' then 'vetkit' end,
        case when status = 'disputed' then false end,
        null,
        case when status = 'passed' then
          case when ${validUntil} - ${30 * DAY} > ${now} then ${validUntil} - ${30 * DAY}
               when ${validUntil} - ${7 * DAY} > ${now} then ${validUntil} - ${7 * DAY} end
        end,
        created_at,
        case when ${reported} then least(${now}, rc + ${DAY}) else created_at end
      from ${b2(from, to)}`

    const t1 = nowMs()
    for (let from = 1; from <= N; from += CHUNK) {
      const to = Math.min(N, from + CHUNK - 1)
      await conn.query(checkSql(from, to))
      const done = to
      const elapsed = (nowMs() - t1) / 1000
      if (done === N || done % (CHUNK * 2) === 0) {
        log(`  checks: ${done.toLocaleString('en-US')} / ${N.toLocaleString('en-US')} rows, ${elapsed.toFixed(1)} s (${Math.round(done / elapsed).toLocaleString('en-US')} rows/s)`)
      }
    }
  } finally {
    for (const reset of db.kind === 'postgres' ? ['reset session_replication_role', 'reset maintenance_work_mem'] : ['set session foreign_key_checks = 1', 'set session unique_checks = 1']) {
      await conn.query(reset).catch(() => undefined)
    }
    conn.release()
  }
  const loadMs = nowMs() - t0

  const t2 = nowMs()
  if (db.kind === 'postgres') {
    // A table that has lived in production has been vacuumed: visibility map set, hint bits written.
    await db.admin.query(`vacuum (analyze) ${subjects}`)
    await db.admin.query(`vacuum (analyze) ${checks}`)
  } else {
    await db.admin.query(`analyze table ${subjects}`)
    await db.admin.query(`analyze table ${checks}`)
  }
  const analyzeMs = nowMs() - t2
  log(`  ${db.kind === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE TABLE'}: ${(analyzeMs / 1000).toFixed(1)} s`)

  const statusCounts: Record<string, number> = {}
  for (const r of (await db.admin.query(`select status, count(*) as n from ${checks} group by status order by status`)).rows) {
    statusCounts[String(r.status)] = Number(r.n)
  }
  const count = async (where: string) => Number((await db.admin.query(`select count(*) as n from ${checks} where ${where}`)).rows[0]?.n)
  const loaded = Object.values(statusCounts).reduce((a, b) => a + b, 0)
  if (loaded !== N) throw new Error(`loaded ${loaded} checks, expected ${N}`)
  return {
    rows: N,
    subjects: S,
    now,
    loadMs,
    analyzeMs,
    statusCounts,
    expiringWithin30Days: await count(`status = 'passed' and valid_until > ${now} and valid_until <= ${now + 30 * DAY}`),
    futureReminders: await count(`next_reminder_at > ${now}`),
    notes,
  }
}

/**
 * Makes exactly `due` reminders due at `now`: the passes that expire soonest get their 7-day
 * reminder moved to just before now (as if the sweep had not run yet). Idempotent for a growing
 * `due` (the first rows are the same). Returns the number due, counted.
 */
export async function makeRemindersDue(db: BenchDb, storage: KnexStorage, now: number, due: number): Promise<number> {
  const checks = storage.tables.sql('checks')
  const set = `next_reminder_at = least(valid_until - ${7 * DAY}, ${now - 60_000})`
  const pick = `status = 'passed' and valid_until > ${now}`
  if (db.kind === 'postgres') {
    await db.admin.query(`update ${checks} set ${set} where id in (select id from ${checks} where ${pick} order by valid_until, id limit ${due})`)
    await db.admin.query(`analyze ${checks}`)
  } else {
    await db.admin.query(`update ${checks} set ${set} where ${pick} order by valid_until, id limit ${due}`)
    await db.admin.query(`analyze table ${checks}`)
  }
  return Number((await db.admin.query(`select count(*) as n from ${checks} where next_reminder_at <= ${now}`)).rows[0]?.n)
}
