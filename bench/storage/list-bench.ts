import type { KnexStorage } from '@vetkit/core/knex'
import type { BenchConfig } from './config'
import { prewarmKnex, prewarmRaw, type BenchDb, type RawPool } from './databases'
import type { Knex } from './deps'
import { makeRemindersDue } from './load-checks'
import { nowMs, percentiles, type Percentiles } from './stats'

/**
 * Admin-list and sweep queries on the loaded table. Each scenario is timed through vetkit
 * (`storage.checks.*`: query building, driver, row mapping) and, as the baseline, by replaying
 * the exact statements vetkit sent (captured from knex's `query` event) through the bare driver.
 */
export interface QueryResult {
  name: string
  rows: number
  vetkit: Percentiles
  raw: Percentiles
  /** The access path the database chose (first lines of EXPLAIN). */
  plan: string
}

interface Captured {
  sql: string
  bindings: unknown[]
}

interface Scenario {
  name: string
  run(storage: KnexStorage): Promise<number>
}

function scenarios(now: Date, deepCursor: string | null): Scenario[] {
  const list = (name: string, query: Omit<Parameters<KnexStorage['checks']['list']>[0], 'now'>): Scenario => ({
    name,
    run: async (s) => (await s.checks.list({ now, limit: 50, ...query })).items.length,
  })
  return [
    list('admin list, first page (newest first, 50)', {}),
    list('admin list, page 21 (keyset cursor)', { cursor: deepCursor }),
    list('admin list, status = pending', { statuses: ['pending'] }),
    list('admin list, awaiting adverse action', { awaitingAdverseAction: true }),
    list('admin list, pending > 7 days', { pendingLongerThanDays: 7 }),
    list('expiring within 30 days (soonest first, 50)', { expiringWithinDays: 30 }),
    list('search by email prefix', { search: 'worker1234@' }),
  ]
}

async function sample(iterations: number, warmup: number, fn: () => Promise<unknown>): Promise<Percentiles> {
  for (let i = 0; i < warmup; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < iterations; i++) {
    const start = nowMs()
    await fn()
    samples.push(nowMs() - start)
  }
  return percentiles(samples)
}

/** Runs `fn` once and returns the statements knex sent for it, in driver-native form. */
async function capture(knex: Knex, fn: () => Promise<unknown>): Promise<Captured[]> {
  const captured: Captured[] = []
  const listener = (q: { sql: string; bindings?: unknown[] }) => captured.push({ sql: q.sql, bindings: q.bindings ?? [] })
  knex.on('query', listener)
  try {
    await fn()
  } finally {
    knex.off('query', listener)
  }
  return captured
}

async function explain(db: BenchDb, statement: Captured): Promise<string> {
  const result = await db.admin.query(`explain ${statement.sql}`, statement.bindings)
  if (db.kind === 'postgres') {
    return result.rows
      .map((r) => String(r['QUERY PLAN']))
      .filter((line) => /Scan|Limit|Sort/.test(line))
      .slice(0, 3)
      .map((line) => line.replace(/\s+\(cost=.*$/, '').trim())
      .join(' / ')
  }
  return result.rows.map((r) => `${String(r.table)}: ${String(r.type)} on ${String(r.key)} (~${String(r.rows)} rows)`).join(' / ')
}

async function measure(db: BenchDb, cfg: BenchConfig, knex: Knex, storage: KnexStorage, raw: RawPool, scenario: Scenario): Promise<QueryResult> {
  let rows = 0
  const statements = await capture(knex, async () => {
    rows = await scenario.run(storage)
  })
  const vetkit = await sample(cfg.iterations, cfg.warmup, () => scenario.run(storage))
  const rawTimes = await sample(cfg.iterations, cfg.warmup, async () => {
    for (const s of statements) await raw.query(s.sql, s.bindings)
  })
  const main = statements.at(-1)
  return { name: scenario.name, rows, vetkit, raw: rawTimes, plan: main ? await explain(db, main) : '' }
}

export interface ListBenchResult {
  queries: QueryResult[]
  /** listDueReminders with few and many reminders due: cost follows the number due. */
  due: QueryResult[]
}

export async function listBench(db: BenchDb, cfg: BenchConfig, now: number, log: (line: string) => void): Promise<ListBenchResult> {
  const knex = db.knex(2)
  const raw = db.raw(2)
  try {
    await Promise.all([prewarmKnex(knex, 2), prewarmRaw(raw, 2)])
    const storage = db.storage(knex, 'vetkit_')
    const at = new Date(now)

    // The deep page: walk 20 pages of the default order to get a real cursor.
    let cursor: string | null = null
    for (let page = 0; page < cfg.deepPages; page++) cursor = (await storage.checks.list({ now: at, limit: 50, cursor })).nextCursor

    const queries: QueryResult[] = []
    for (const scenario of scenarios(at, cursor)) {
      log(`  ${scenario.name}`)
      queries.push(await measure(db, cfg, knex, storage, raw, scenario))
    }

    const due: QueryResult[] = []
    for (const count of [cfg.dueFew, cfg.dueMany]) {
      const made = await makeRemindersDue(db, storage, now, count)
      log(`  due reminders: ${made} due now`)
      const scenario: Scenario = {
        name: `listDueReminders, ${made.toLocaleString('en-US')} due`,
        run: async (s) => (await s.checks.listDueReminders(at, count * 2)).length,
      }
      due.push(await measure(db, { ...cfg, iterations: Math.min(cfg.iterations, 50) }, knex, storage, raw, scenario))
    }
    return { queries, due }
  } finally {
    await Promise.allSettled([knex.destroy(), raw.end()])
  }
}
