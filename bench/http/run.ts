/**
 * `pnpm bench:http`: webhook intake over real HTTP on PostgreSQL, through @vetkit/express and
 * @vetkit/koa, each beside a bare handler on the same framework that does the same single insert
 * through the raw `pg` driver, measured in the same run. A script, not a test: it prints numbers
 * and exits 1 only if something is wrong (a request refused or answered twice, a count off), never
 * for a missed target. Settings: bench/README.md.
 */
import os from 'node:os'
import type { KnexStorage } from '@vetkit/core/knex'
import { createVetkit } from '@vetkit/core'
import { openPostgres, prewarmKnex, prewarmRaw, type BenchDb } from '../storage/databases'
import { banner, fmtInt, fmtMs, fmtRatio, fmtSeconds, nowMs, percentiles, renderTable, type Percentiles } from '../storage/stats'
import { capture } from '../webhooks/capture'
import { buildWorld, type PreparedWebhook } from '../webhooks/world'
import { baselineIntake, intakeTemplate } from './baseline'
import { readConfig, type HttpBenchConfig } from './config'
import { childLoadGenerator, inlineLoadGenerator, type LoadGenerator, type LoadResult, type WireRequest } from './load'
import { BASE_PATH, expressBaseline, expressVetkit, koaBaseline, koaVetkit, webhookPath, type RunningServer } from './servers'
import { verifyServer } from './verify'

const log = (line: string) => process.stdout.write(`${line}\n`)
const perSecond = (n: number, ms: number) => n / (ms / 1000)
const cores = (cpuMs: number, ms: number) => (ms > 0 ? (cpuMs / ms).toFixed(2) : '-')

/** Table prefixes: each server writes to tables of its own (same DDL, from vetkit's migrate). */
const CAPTURE_PREFIX = 'hc_'

type Framework = 'Express' | 'Koa'
type Kind = 'vetkit' | 'baseline'

interface Target {
  framework: Framework
  kind: Kind
  label: string
  prefix: string
  storage: KnexStorage
  server: RunningServer
  runs: MeasuredRun[]
}

interface MeasuredRun {
  round: number
  result: LoadResult
  /** CPU time of this (the servers') process during the run. */
  serverCpuMs: number
}

interface Totals {
  requests: number
  ms: number
  latency: Percentiles
  serverCpuMs: number
  loadCpuMs: number
  machineCpuMs: number
}

/** Cleanups still to run, last registered first: servers, load generator, pools and schema. */
const cleanups: (() => Promise<unknown>)[] = []

async function cleanup(): Promise<void> {
  while (cleanups.length > 0) {
    const next = cleanups.pop()
    await next?.().catch((error: unknown) => process.stderr.write(`cleanup: ${String(error)}\n`))
  }
}

function toWire(request: PreparedWebhook): WireRequest {
  const body = Buffer.from(request.rawBody).toString('utf8')
  if (!Buffer.from(body, 'utf8').equals(Buffer.from(request.rawBody))) throw new Error(`webhook ${request.eventId} is not UTF-8 text`)
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    headers[name] = value
  })
  return { headers, body }
}

function totals(runs: readonly MeasuredRun[]): Totals {
  const sum = (f: (r: MeasuredRun) => number) => runs.reduce((a, r) => a + f(r), 0)
  return {
    requests: sum((r) => r.result.responses),
    ms: sum((r) => r.result.ms),
    latency: percentiles(runs.flatMap((r) => r.result.samples)),
    serverCpuMs: sum((r) => r.serverCpuMs),
    loadCpuMs: sum((r) => r.result.cpuMs),
    machineCpuMs: sum((r) => r.result.machineCpuMs),
  }
}

/** Every request answered 200 `{"ok":true}`, once, and the server reported nothing. */
function checkRun(label: string, result: LoadResult, expected: number, server: RunningServer): void {
  const problems: string[] = []
  if (result.sent !== expected) problems.push(`${result.sent} requests written, ${expected} expected`)
  if (result.responses !== expected || result.status['200'] !== expected) problems.push(`responses by status ${JSON.stringify(result.status)}, ${expected} x 200 expected`)
  for (const key of ['errors', 'timeouts', 'mismatches', 'resets'] as const) {
    if (result[key] > 0) problems.push(`${result[key]} ${key}${key === 'mismatches' ? ' (a body other than {"ok":true}: a duplicate?)' : ''}`)
  }
  if (server.errors.length > 0) problems.push(`server errors: ${[...new Set(server.errors)].slice(0, 3).join(' | ')}`)
  if (problems.length > 0) throw new Error(`${label}: ${problems.join('; ')}`)
}

async function measure(target: Target, load: LoadGenerator, path: string, from: number, to: number, cfg: HttpBenchConfig, round: number): Promise<MeasuredRun> {
  const cpu = process.cpuUsage()
  const result = await load.run({ origin: target.server.origin, path, from, to, connections: cfg.connections })
  const used = process.cpuUsage(cpu)
  const run = { round, result, serverCpuMs: (used.user + used.system) / 1000 }
  checkRun(`${target.label}${round > 0 ? `, round ${round}` : ', warm-up'}`, result, to - from, target.server)
  return run
}

async function main(): Promise<void> {
  const cfg = readConfig()
  const cpus = os.cpus()
  const loadAverage = os.loadavg()[0] ?? 0
  log(
    `vetkit HTTP webhook bench: ${cpus.length} CPUs (${cpus[0]?.model ?? 'unknown'}), Node ${process.version}, ` +
      `load average ${loadAverage.toFixed(2)}${loadAverage > 0.5 ? ' (other processes are busy: expect noise)' : ''}`,
  )
  const db = await openPostgres(cfg.pgUrl)
  cleanups.push(() => db.close())
  log(`PostgreSQL ${db.version}  (${db.settings}), schema ${db.namespace}`)
  log(
    `webhooks N=${fmtInt(cfg.webhooks)} per server (+ ${fmtInt(cfg.warmup)} warm-up), ${cfg.connections} autocannon connections, ` +
      `database pool ${cfg.pool} per server, ${cfg.rounds} round(s)`,
  )
  await checkConnectionBudget(db, cfg)

  log(banner('Setup'))
  // N timed + W warm-up distinct events, all signed by the fake provider (Checkr's format and scheme).
  const world = await buildWorld(db, { pgUrl: cfg.pgUrl, webhooks: cfg.webhooks + cfg.warmup, concurrency: cfg.connections, warmup: 0, workers: 2, workerPoolSize: 2 }, log)
  log(`  request mix: ${Object.entries(world.mix).map(([t, n]) => `${t} ${fmtInt(n)}`).join(', ')}`)
  const wire = world.requests.map(toWire)
  const timedIds = world.requests.slice(0, cfg.webhooks).map((r) => r.eventId)
  const bytes = wire.map((w) => Buffer.byteLength(w.body))
  log(`  bodies ${fmtInt(Math.min(...bytes))} to ${fmtInt(Math.max(...bytes))} bytes (mean ${fmtInt(bytes.reduce((a, b) => a + b, 0) / bytes.length)})`)

  const setupKnex = db.knex(2)
  const storageOn = (knex: typeof setupKnex, prefix: string) => db.storage(knex, prefix)
  const vetkitOn = (storage: KnexStorage) =>
    createVetkit({ storage, provider: world.fake, clock: world.clock, environment: 'test', http: { basePath: BASE_PATH } })
  const first = world.requests[0]
  if (!first) throw new Error('no requests')
  // One receive on throwaway tables, recorded: the statement the baselines send.
  const captureStorage = storageOn(setupKnex, CAPTURE_PREFIX)
  await captureStorage.migrate()
  const captured = await capture(setupKnex, async () => {
    const answer = await vetkitOn(captureStorage).webhooks.receive({ headers: first.headers, rawBody: first.rawBody })
    if (answer.status !== 200) throw new Error(`the capture receive answered ${answer.status} ${JSON.stringify(answer.body)}`)
  })
  const template = intakeTemplate(captured, first, world.fake.name)
  const sealedEvents = new Map(world.requests.map((r) => [r.eventId, r.sealedEvent]))
  const path = webhookPath(world.fake.name)

  const targets: Target[] = []
  const start = async (framework: Framework, kind: Kind, prefix: string) => {
    await storageOn(setupKnex, prefix).migrate()
    let server: RunningServer
    let storage: KnexStorage
    if (kind === 'vetkit') {
      const knex = db.knex(cfg.pool)
      await prewarmKnex(knex, cfg.pool)
      storage = storageOn(knex, prefix)
      const vetkit = vetkitOn(storage)
      server = await (framework === 'Express' ? expressVetkit(vetkit) : koaVetkit(vetkit))
    } else {
      const pool = db.raw(cfg.pool)
      await prewarmRaw(pool, cfg.pool)
      storage = storageOn(setupKnex, prefix)
      const intake = baselineIntake(pool, template, db.namespace, { from: CAPTURE_PREFIX, to: prefix }, sealedEvents)
      server = await (framework === 'Express' ? expressBaseline(path, intake) : koaBaseline(path, intake))
    }
    cleanups.push(() => server.close())
    const label = kind === 'vetkit' ? `${framework} + @vetkit/${framework.toLowerCase()}` : `${framework} baseline (raw pg)`
    targets.push({ framework, kind, label, prefix, storage, server, runs: [] })
  }
  await start('Express', 'vetkit', 'xv_')
  await start('Express', 'baseline', 'xb_')
  await start('Koa', 'vetkit', 'kv_')
  await start('Koa', 'baseline', 'kb_')
  for (const t of targets) log(`  ${t.label.padEnd(28)} ${t.server.origin}${path}  (tables ${t.prefix}*)`)
  log(`  vetkit: app.use('${BASE_PATH}', vetkitRouter(vetkit)) / app.use(vetkitMiddleware(vetkit, { prefix: '${BASE_PATH}' })), knex pool of ${cfg.pool}`)
  log(`  baselines: a bare POST ${path} handler: read the body, JSON.parse it for the event id and type, send vetkit's`)
  log(`    intake statement (one CTE: ledger row + job row, captured from knex) through a pg.Pool of ${cfg.pool}, answer 200 {"ok":true}`)
  log(`  statement: ${template.statement.sql.replaceAll(`"${db.namespace}".`, '').replace(/\s+/g, ' ').slice(0, 160)}...`)

  const load = cfg.loadgen === 'child' ? await childLoadGenerator(wire) : inlineLoadGenerator(wire)
  cleanups.push(() => load.close())
  log(
    load.mode === 'child'
      ? `  load generator: autocannon in a child process (pid ${load.pid}), with its own event loop: building requests and parsing\n` +
          `    responses never delay the server's callbacks. It still shares the machine's ${cpus.length} CPU(s) with this process and PostgreSQL.`
      : `  load generator: autocannon inside the servers' process (VETKIT_BENCH_LOADGEN=inline): client and server share one event loop.`,
  )

  log(banner('Warm-up (not timed)'))
  for (const t of targets) {
    await measure(t, load, path, cfg.webhooks, cfg.webhooks + cfg.warmup, cfg, 0)
    log(`  ${t.label}: ${fmtInt(cfg.warmup)} requests`)
  }

  log(banner(`Timed: ${fmtInt(cfg.webhooks)} distinct signed webhooks per server, ${cfg.connections} connections, in ${cfg.rounds} round(s)`))
  const bounds = Array.from({ length: cfg.rounds + 1 }, (_, i) => Math.round((i * cfg.webhooks) / cfg.rounds))
  for (let round = 1; round <= cfg.rounds; round++) {
    const from = bounds[round - 1] ?? 0
    const to = bounds[round] ?? cfg.webhooks
    // Drift on a shared machine hits both sides: each pair's order alternates from round to round.
    const order = round % 2 === 1 ? [0, 1, 2, 3] : [1, 0, 3, 2]
    for (const i of order) {
      const t = targets[i]
      if (!t) continue
      const run = await measure(t, load, path, from, to, cfg, round)
      t.runs.push(run)
      const r = run.result
      log(
        `  round ${round}  ${t.label.padEnd(28)} ${fmtInt(r.responses)} x 200 in ${fmtSeconds(r.ms)}: ${fmtInt(perSecond(r.responses, r.ms)).padStart(6)} req/s, ` +
          `p50 ${fmtMs(percentiles(r.samples).p50)} ms; CPU cores: server ${cores(run.serverCpuMs, r.ms)}, load gen ${cores(r.cpuMs, r.ms)}, machine ${cores(r.machineCpuMs, r.ms)}`,
      )
    }
  }

  log(banner('Results'))
  const sums = new Map(targets.map((t) => [t, totals(t.runs)]))
  const rate = (t: Target | undefined) => {
    const s = t ? sums.get(t) : undefined
    return s ? perSecond(s.requests, s.ms) : Number.NaN
  }
  log(
    renderTable(
      ['server', 'requests', 'time', 'req/s', 'p50', 'p99', 'server CPU', 'load gen CPU', 'machine CPU'],
      targets.map((t) => {
        const s = sums.get(t)
        if (!s) return [t.label]
        return [
          t.label,
          fmtInt(s.requests),
          fmtSeconds(s.ms),
          fmtInt(perSecond(s.requests, s.ms)),
          `${fmtMs(s.latency.p50)} ms`,
          `${fmtMs(s.latency.p99)} ms`,
          cores(s.serverCpuMs, s.ms),
          cores(s.loadCpuMs, s.ms),
          `${cores(s.machineCpuMs, s.ms)} / ${cpus.length}`,
        ]
      }),
    ),
  )
  log(`  latency: autocannon's, from writing a request to the end of its response, over all ${fmtInt(cfg.webhooks)} requests of each server`)
  log(`  CPU columns: CPU time over the run's time, in cores: server = this process, load gen = autocannon's process (autocannon ends a`)
  log(`    run on a whole second: the CPU used while it idles is counted too), machine = all processes up to the last response (PostgreSQL`)
  log(`    and anything else running included)`)

  log('')
  const summary: string[] = []
  for (const framework of ['Express', 'Koa'] as const) {
    const vk = targets.find((t) => t.framework === framework && t.kind === 'vetkit')
    const base = targets.find((t) => t.framework === framework && t.kind === 'baseline')
    const ratio = rate(vk) / rate(base)
    const perRound = (vk?.runs ?? []).map((run) => {
      const b = base?.runs.find((x) => x.round === run.round)
      return b ? fmtRatio(perSecond(run.result.responses, run.result.ms) / perSecond(b.result.responses, b.result.ms)) : '-'
    })
    const line = `${framework}: vetkit ${fmtInt(rate(vk))} req/s vs bare ${framework} + raw pg ${fmtInt(rate(base))} req/s = ${fmtRatio(ratio)} (target >= 0.80x)`
    log(`  ${line}${perRound.length > 1 ? `; by round ${perRound.join(', ')}` : ''}`)
    summary.push(line)
  }

  log('')
  for (const t of targets) log(`  ${await verifyServer(db, t.storage, t.label, timedIds, cfg.warmup)}`)

  await cleanup()
  log(banner('Summary'))
  for (const line of summary) log(line)
  log(`N=${fmtInt(cfg.webhooks)} per server, ${cfg.connections} connections, load generator ${load.mode === 'child' ? 'in a child process' : 'in-process'}, ${cpus.length} CPUs shared by all`)
}

async function checkConnectionBudget(db: BenchDb, cfg: HttpBenchConfig): Promise<void> {
  const max = Number((await db.admin.query('show max_connections')).rows[0]?.max_connections)
  const used = Number((await db.admin.query('select count(*) as n from pg_stat_activity')).rows[0]?.n)
  // Four server pools, the setup pools (world, migrations), the admin pool and some slack.
  const needed = 4 * cfg.pool + cfg.connections + 6
  if (Number.isFinite(max) && used + needed > max) {
    throw new Error(`the bench needs about ${needed} database connections and ${used} of max_connections=${max} are in use: lower VETKIT_BENCH_POOL`)
  }
}

// Ctrl-C or a kill: stop the load generator and the servers and drop the bench schema before leaving.
let interrupted = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true
    process.stderr.write(`\n${signal}: cleaning up (servers, load generator, bench schema)\n`)
    void cleanup().finally(() => process.exit(130))
  })
}

const startedAt = nowMs()
main()
  .catch((error: unknown) => {
    // Interrupted: the load generator got the signal too, and its exit is no news.
    if (interrupted) return
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  })
  .finally(async () => {
    await cleanup()
    log(`(${fmtSeconds(nowMs() - startedAt)} in all)`)
  })
