/**
 * `pnpm bench:storage`: queue throughput and admin-query latency of @vetkit/core's knex storage on
 * PostgreSQL and MariaDB, each beside a raw-driver baseline measured in the same run. A script,
 * not a test: it prints numbers and exits 1 only if something is wrong (not if a target is missed).
 * Settings: bench/README.md.
 */
import os from 'node:os'
import { readConfig, type BenchConfig } from './config'
import { openMysql, openPostgres, type BenchDb } from './databases'
import { listBench, type QueryResult } from './list-bench'
import { loadChecks } from './load-checks'
import { queueBench } from './queue-bench'
import { scrapeBench } from './scrape-bench'
import { banner, fmtInt, fmtMs, fmtRatio, fmtSeconds, renderTable } from './stats'

const log = (line: string) => process.stdout.write(`${line}\n`)

function queryRows(results: readonly QueryResult[]): string[][] {
  return results.map((r) => [
    r.name,
    fmtInt(r.rows),
    `${fmtMs(r.vetkit.p50)} ms`,
    `${fmtMs(r.vetkit.p95)} ms`,
    `${fmtMs(r.raw.p50)} ms`,
    `${fmtMs(r.raw.p95)} ms`,
    fmtRatio(r.raw.p95 / r.vetkit.p95),
  ])
}

async function benchOne(db: BenchDb, cfg: BenchConfig): Promise<string[]> {
  const summary: string[] = []
  log(banner(`${db.label} ${db.version}  (${db.settings})`))

  log('\nQueue: enqueue + claim + complete, 2 workers')
  const queue = await queueBench(db, cfg, log)
  const rate = (ms: number) => cfg.jobs / (ms / 1000)
  const total = (run: { enqueueMs: number; processMs: number }) => run.enqueueMs + run.processMs
  const table = [
    ['vetkit', fmtSeconds(queue.vetkit.enqueueMs), fmtSeconds(queue.vetkit.processMs), `${fmtInt(rate(total(queue.vetkit)))} jobs/s`],
    ['raw driver', fmtSeconds(queue.raw.enqueueMs), fmtSeconds(queue.raw.processMs), `${fmtInt(rate(total(queue.raw)))} jobs/s`],
  ]
  log(renderTable(['', 'enqueue', 'claim+complete', 'end to end'], table))
  for (const line of queue.verified) log(`  ${line}`)
  const ratio = total(queue.raw) / total(queue.vetkit)
  log(`  vetkit / raw throughput: ${fmtRatio(ratio)} (target >= 0.70x${db.kind === 'postgres' ? ', and >= 1,000 jobs/s' : ''})`)
  summary.push(`${db.label} queue: ${fmtInt(rate(total(queue.vetkit)))} jobs/s vs raw ${fmtInt(rate(total(queue.raw)))} jobs/s (${fmtRatio(ratio)})`)

  log(`\nLoading ${fmtInt(cfg.rows)} checks`)
  const storage = db.storage(db.knex(2), 'vetkit_')
  await storage.migrate()
  const now = Math.floor(Date.now() / 60_000) * 60_000
  const loaded = await loadChecks(db, storage, cfg, now, log)
  log(`  loaded in ${fmtSeconds(loaded.loadMs)}; statuses ${JSON.stringify(loaded.statusCounts)}; ${fmtInt(loaded.expiringWithin30Days)} expiring within 30 days`)
  for (const note of loaded.notes) log(`  note: ${note}`)

  log(`\nQueries (${cfg.iterations} timed runs each after ${cfg.warmup} warm-up; vetkit = storage call, raw = same SQL via the driver)`)
  const lists = await listBench(db, cfg, now, log)
  const headers = ['query', 'rows', 'vetkit p50', 'vetkit p95', 'raw p50', 'raw p95', 'raw/vetkit p95']
  log(renderTable(headers, queryRows(lists.queries)))
  log('\nDue reminders (the expiry sweep): cost follows the number due, not the table size')
  log(renderTable(headers, queryRows(lists.due)))
  log('\nPlans:')
  for (const r of [...lists.queries, ...lists.due]) log(`  ${r.name}: ${r.plan}`)
  const worst = Math.max(...lists.queries.map((r) => r.vetkit.p95))
  log(`  slowest list p95: ${fmtMs(worst)} ms (target < 10 ms)`)
  summary.push(`${db.label} list p95 (slowest of ${lists.queries.length}): ${fmtMs(worst)} ms`)
  const [few, many] = lists.due
  if (few && many) {
    summary.push(
      `${db.label} due reminders: ${fmtInt(few.rows)} due p50 ${fmtMs(few.vetkit.p50)} ms, ${fmtInt(many.rows)} due p50 ${fmtMs(many.vetkit.p50)} ms`,
    )
  }

  log(`\nMetrics scrape at ${fmtInt(cfg.rows)} checks (uncached: every gauge read; ${cfg.iterations} interleaved rounds)`)
  const scrape = await scrapeBench(db, storage, cfg)
  log(renderTable(['', 'p50', 'p95'], [
    ['vetkit scrape (all gauges + counters)', `${fmtMs(scrape.scrape.p50)} ms`, `${fmtMs(scrape.scrape.p95)} ms`],
    ['bare SELECT status, count(*) GROUP BY status', `${fmtMs(scrape.groupBy.p50)} ms`, `${fmtMs(scrape.groupBy.p95)} ms`],
  ]))
  log(`  ${fmtInt(scrape.bytes)} bytes per scrape; group-by / scrape p95: ${fmtRatio(scrape.groupBy.p95 / scrape.scrape.p95)} (scrapes are cached 5 s by default)`)
  summary.push(`${db.label} scrape p95 at ${fmtInt(cfg.rows)} checks: ${fmtMs(scrape.scrape.p95)} ms vs bare GROUP BY ${fmtMs(scrape.groupBy.p95)} ms`)
  return summary
}

async function main(): Promise<void> {
  const cfg = readConfig()
  log(`vetkit storage bench: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`)
  log(`rows ${fmtInt(cfg.rows)}, jobs ${fmtInt(cfg.jobs)}, backends ${cfg.backends.join(', ')}`)
  const summary: string[] = []
  for (const backend of cfg.backends) {
    const db = backend === 'postgres' ? await openPostgres(cfg.pgUrl) : await openMysql(cfg.mysqlUrl)
    try {
      summary.push(...(await benchOne(db, cfg)))
    } finally {
      await db.close()
    }
  }
  log(banner('Summary'))
  for (const line of summary) log(line)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
