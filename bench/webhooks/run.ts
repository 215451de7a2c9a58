/**
 * `pnpm bench:webhooks`: webhook intake (verify + ledger + enqueue, through
 * `vetkit.webhooks.receive`) and webhook processing (two workers) on PostgreSQL, each beside a
 * raw-`pg` baseline measured in the same run. A script, not a test: it prints numbers and exits 1
 * only if something is wrong (a webhook refused, a job lost or run twice), never for a missed
 * target. Settings: bench/README.md.
 */
import os from 'node:os'
import { openPostgres, type BenchDb } from '../storage/databases'
import { banner, fmtInt, fmtMs, fmtRatio, fmtSeconds, renderTable } from '../storage/stats'
import { readConfig } from './config'
import { intakeBench } from './intake-bench'
import { processingBench } from './processing-bench'
import { buildWorld } from './world'

const log = (line: string) => process.stdout.write(`${line}\n`)
const perSecond = (n: number, ms: number) => n / (ms / 1000)
const fmt1 = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1))

let openDb: BenchDb | null = null

async function main(): Promise<void> {
  const cfg = readConfig()
  const cpus = os.cpus()
  log(`vetkit webhook bench: ${cpus.length} CPUs (${cpus[0]?.model ?? 'unknown'}), Node ${process.version}`)
  const db = await openPostgres(cfg.pgUrl)
  openDb = db
  const summary: string[] = []
  try {
    log(`PostgreSQL ${db.version}  (${db.settings}), schema ${db.namespace}`)
    log(
      `webhooks N=${fmtInt(cfg.webhooks)}, intake concurrency C=${cfg.concurrency}, warm-up ${cfg.warmup} requests, ` +
        `${cfg.workers} workers x ${cfg.workerPoolSize} connections`,
    )

    log(banner('Setup'))
    const world = await buildWorld(db, cfg, log)
    log(`  request mix: ${Object.entries(world.mix).map(([t, n]) => `${t} ${fmtInt(n)}`).join(', ')}`)

    log(banner('1. Intake: vetkit.webhooks.receive({ headers, rawBody }): verify signature, ledger insert-if-absent and enqueue in one statement'))
    log('  (called directly, as the HTTP handler will: the HTTP layer is a later issue and is not measured)')
    const intake = await intakeBench(db, world, cfg, log)
    const vkRate = perSecond(intake.vetkit.requests, intake.vetkit.ms)
    const rawRate = perSecond(intake.raw.requests, intake.raw.ms)
    log('')
    log(
      renderTable(
        ['', 'requests', 'time', 'req/s', 'p50', 'p95', 'p99'],
        [intake.vetkit, intake.raw].map((r, i) => [
          i === 0 ? 'vetkit receive' : 'raw pg (same 2 inserts, 1 tx)',
          fmtInt(r.requests),
          fmtSeconds(r.ms),
          fmtInt(perSecond(r.requests, r.ms)),
          `${fmtMs(r.latency.p50)} ms`,
          `${fmtMs(r.latency.p95)} ms`,
          `${fmtMs(r.latency.p99)} ms`,
        ]),
      ),
    )
    log(`  statements per receive: ${intake.statements.map((s) => s.replace(/ \([^)]*\) values \([^)]*\)/, ' (...) values (...)')).join(' | ')}`)
    for (const line of intake.verified) log(`  ${line}`)
    const intakeRatio = vkRate / rawRate
    log(`  vetkit / raw: ${fmtRatio(intakeRatio)} (target >= 0.80x)`)
    summary.push(`intake: vetkit ${fmtInt(vkRate)} req/s vs raw pg ${fmtInt(rawRate)} req/s = ${fmtRatio(intakeRatio)} (target >= 0.80x), C=${cfg.concurrency}`)

    log(banner(`2. Processing: ${cfg.workers} workers run the ${fmtInt(cfg.webhooks)} webhook.process jobs and the jobs they enqueue`))
    const p = await processingBench(db, world, cfg, log)
    log('')
    const rows = [p.vetkit, p.replayAll, p.replayWrites].map((r) => [
      r.label,
      fmtInt(r.jobs),
      fmtSeconds(r.ms),
      fmtInt(perSecond(p.webhooks, r.ms)),
      fmtInt(perSecond(r.jobs, r.ms)),
      fmtInt(r.statements),
      fmtRatio(r.ms / p.vetkit.ms),
    ])
    log(renderTable(['', 'jobs run', 'time', 'events/s', 'jobs/s', 'statements', 'vetkit / this'], rows))
    log(`  events/s = ${fmtInt(p.webhooks)} webhook events / time to drain the queue (follow-up jobs included); claim batch ${p.batch}`)
    log('\n  Statements per job (vetkit; the replays send the same, minus plain reads for "writes + locks"):')
    log(
      renderTable(
        ['job', 'jobs', 'reads', 'locks', 'writes', 'BEGIN/COMMIT', 'total'],
        p.shapes.map((s) => [
          s.kind,
          fmtInt(s.jobs),
          fmt1(s.perJob.read),
          fmt1(s.perJob.lock),
          fmt1(s.perJob.write),
          fmt1(s.perJob.tx),
          fmt1(s.perJob.read + s.perJob.lock + s.perJob.write + s.perJob.tx),
        ]),
      ),
    )
    log(`  plus ${p.passStatements} statements per claim pass (the claim; the lease reclaim runs every few seconds); ${fmtInt(p.vetkit.passes)} passes`)
    log(`  ${(p.vetkit.statements / p.webhooks).toFixed(1)} statements per webhook event overall`)
    log('\n  Ledger outcomes (vetkit):')
    log(
      renderTable(
        ['event type', 'processing outcome', 'error code', 'rows'],
        p.outcomes.map((r) => [String(r.event_type), String(r.processing_outcome), String(r.error_code) || '-', fmtInt(Number(r.n))]),
      ),
    )
    if (p.failures.length > 0) {
      const byCause = new Map<string, number>()
      for (const f of p.failures) {
        const key = `${String(f.type)}${f.event ? ` (${String(f.event)})` : ''}: ${String(f.error)}`
        byCause.set(key, (byCause.get(key) ?? 0) + 1)
      }
      log(`\n  Job runs that failed in the timed run (requeued with a backoff, then retried untimed):`)
      for (const [cause, n] of byCause) log(`    ${fmtInt(n)} x ${cause}`)
    }
    for (const line of p.verified) log(`  ${line}`)
    for (const note of p.notes) log(`  note: ${note}`)
    const eventsRate = perSecond(p.webhooks, p.vetkit.ms)
    log(`  vetkit: ${fmtInt(eventsRate)} events/s (target >= 500/s with ${cfg.workers} workers); vetkit / raw same statements ${fmtRatio(p.replayAll.ms / p.vetkit.ms)}`)
    summary.push(
      `processing: vetkit ${fmtInt(eventsRate)} events/s (target >= 500/s, ${cfg.workers} workers) vs raw pg ${fmtInt(perSecond(p.webhooks, p.replayAll.ms))} events/s ` +
        `replaying the same statements (${fmtRatio(p.replayAll.ms / p.vetkit.ms)}), ${fmtInt(perSecond(p.webhooks, p.replayWrites.ms))} events/s writes + locks only ` +
        `(${fmtRatio(p.replayWrites.ms / p.vetkit.ms)})`,
    )
  } finally {
    openDb = null
    await db.close()
  }
  log(banner('Summary'))
  for (const line of summary) log(line)
}

// Ctrl-C or a kill: drop the bench schema before leaving.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: dropping the bench schema\n`)
    const db = openDb
    openDb = null
    void (db ? db.close() : Promise.resolve()).finally(() => process.exit(130))
  })
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
