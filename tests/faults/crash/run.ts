/**
 * One crash run on one database: the parent (this process) owns the database, the simulator and
 * webhook intake, and takes the reviewers' decisions; worker processes run the jobs and are
 * SIGKILLed at random moments, one after another, while webhooks and decisions flow. A last
 * worker drains the queue and is stopped cleanly. Then `audit()` reads what the database, the
 * mailer log and the host-event log say.
 */
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createVetkit, systemClock, type CheckStatus, type Vetkit } from '../../../packages/core/src/index'
import { createFakeProvider, type FakeProvider, type FakeScenario } from '../../../packages/core/src/providers/fake/index'
import { createKnexStorage, type KnexStorage } from '../../../packages/core/src/storage/knex/index'
import { testSealer } from '../../../packages/core/src/testing/index'
import { audit, type CrashAudit } from './audit'
import { serveFakeAsCheckr } from './checkr-api'
import { killLeftovers, spawnWorker, workerLauncher, type Exit, type WorkerChild } from './children'
import { openCrashDb, type CrashBackend } from './database'
import { CORE_PACKAGE_JSON, type Knex } from './deps'
import { API_KEY, SIGNING_KEY, type WorkerConfig } from './protocol'

export interface CrashRunOptions {
  backend: CrashBackend
  url: string
  /** SIGKILLs to inject. */
  kills: number
  /** Subjects invited during the kills, spread over them. */
  subjects: number
  seed: number
  leaseMs: number
  /** The last worker must drain everything within this. */
  drainTimeoutMs: number
}

/** What a subject's check goes through, and where it must end. */
export interface Plan {
  scenario: FakeScenario
  /** The reviewer's decision once the check is `consider`. */
  decision: 'adverse' | 'clear' | null
  expected: CheckStatus
}

const MIX: readonly Plan[] = [
  { scenario: 'clear', decision: null, expected: 'passed' },
  { scenario: 'consider', decision: 'adverse', expected: 'pre_adverse' },
  { scenario: 'consider', decision: 'clear', expected: 'passed' },
  { scenario: 'suspended_then_clear', decision: null, expected: 'passed' },
  { scenario: 'consider', decision: 'adverse', expected: 'pre_adverse' },
  // `consider`, then Checkr Assess rates it eligible (`report.updated`): a pass.
  { scenario: 'late_assessment', decision: null, expected: 'passed' },
  { scenario: 'canceled', decision: null, expected: 'canceled' },
  { scenario: 'invitation_expired', decision: null, expected: 'canceled' },
]

export interface SubjectRun {
  subjectId: string
  plan: Plan
  checkId: string | null
  decided: boolean
}

export interface CrashRun {
  backend: CrashBackend
  launcher: 'bundle' | 'tsx'
  seed: number
  kills: number
  /** Workers that ended on their own, not by our signal. */
  unexpectedExits: string[]
  finalExit: { code: number | null; signal: string | null }
  /** Distinct provider event ids answered 200. */
  acknowledged: Set<string>
  deliveries: { ok: number; duplicateAcks: number; refused: number; threw: number; redelivered: number }
  decisions: { taken: number; errors: number; lastError: string | null }
  trafficErrors: { count: number; last: string | null }
  subjects: SubjectRun[]
  checkrRequests: Record<string, number>
  drained: boolean
  drainMs: number
  killPhaseMs: number
  totalMs: number
  /** Where the mailer, host-event and worker logs were kept (VETKIT_CRASH_KEEP=1), else null. */
  keptLogs: string | null
  audit: CrashAudit
}

/** A small seeded generator (mulberry32): the kill delays and the redeliveries follow the seed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const message = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error))

const TABLE_PREFIX = 'crash_'
const ADMIN = { kind: 'admin' as const, id: 'reviewer-1' }

export async function runCrash(options: CrashRunOptions): Promise<CrashRun> {
  const started = Date.now()
  const killDelay = random(options.seed)
  const redeliver = random(options.seed ^ 0x5bd1e995)
  const keep = process.env.VETKIT_CRASH_KEEP === '1'
  const workDir = mkdtempSync(join(tmpdir(), `vetkit-crash-${options.backend}-`))
  const sendsFile = join(workDir, 'sends.jsonl')
  const eventsFile = join(workDir, 'events.jsonl')
  const stderrFile = join(workDir, 'workers.stderr.jsonl')
  const stderrFd = openSync(stderrFile, 'a')
  // Newest first: the fake API, then the database, then the log file (workers are killed before).
  const cleanups: (() => Promise<void>)[] = [async () => closeSync(stderrFd)]

  try {
    const db = await openCrashDb(options.backend, options.url)
    cleanups.unshift(() => db.close())
    const storage: KnexStorage = createKnexStorage({ knex: db.knex, sealer: testSealer(), tablePrefix: TABLE_PREFIX, ...(db.schema !== null ? { schema: db.schema } : {}) })
    await storage.migrate()

    const acknowledged = new Set<string>()
    const deliveries = { ok: 0, duplicateAcks: 0, refused: 0, threw: 0, redelivered: 0 }
    let vetkit: Vetkit | null = null
    // Real time everywhere: the workers' `now` (due jobs, leases) is the parent's and the fake's.
    // The fake's steps are seconds apart, so a check's whole story plays out during the kills.
    const fake: FakeProvider = createFakeProvider({
      clock: systemClock,
      signingKey: SIGNING_KEY,
      // Thin payloads: every event is re-read from the API, so every webhook job calls the provider.
      includeObject: false,
      seed: `crash-${options.seed}`,
      timings: {
        invitationCompleted: { seconds: 1 },
        invitationExpires: { seconds: 4 },
        reportSuspended: { seconds: 1 },
        reportResumed: { seconds: 1 },
        reportCompleted: { seconds: 2 },
        reportCanceled: { seconds: 1 },
        assessmentApplied: { seconds: 1 },
      },
      deliver: async (webhook) => {
        if (!vetkit) throw new Error('vetkit is not built yet')
        const eventId = (JSON.parse(Buffer.from(webhook.rawBody).toString('utf8')) as { id: string }).id
        try {
          const response = await vetkit.webhooks.receive(webhook)
          if (response.status === 200) {
            acknowledged.add(eventId)
            if (response.body.duplicate === true) deliveries.duplicateAcks++
            else deliveries.ok++
          } else deliveries.refused++
          return { status: response.status }
        } catch (error) {
          deliveries.threw++
          throw error
        }
      },
    })
    vetkit = createVetkit({
      storage,
      provider: fake,
      environment: 'test',
      // Host events are delivered by the workers; set here so that the parent's own commits
      // (invites, decisions) queue their delivery jobs too. The parent runs no worker.
      onEvent: async () => {
        throw new Error('the parent runs no worker')
      },
    })
    const engine = vetkit

    const api = await serveFakeAsCheckr(fake, API_KEY)
    cleanups.unshift(() => api.close())

    const launch = await workerLauncher()
    const workerConfig: WorkerConfig = {
      dialect: options.backend,
      url: db.url,
      schema: db.schema,
      tablePrefix: TABLE_PREFIX,
      corePackageJson: CORE_PACKAGE_JSON,
      checkrBaseUrl: api.baseUrl,
      sendsFile,
      eventsFile,
      leaseMs: options.leaseMs,
      concurrency: 4,
      pollIntervalMs: 100,
    }

    // ---- Traffic: invites spread over the kills, webhooks delivered as they fall due (some twice,
    // as Checkr sometimes does), reviewers' decisions on `consider` checks.
    const subjects: SubjectRun[] = Array.from({ length: options.subjects }, (_, i) => ({
      subjectId: `crash-${options.backend}-${String(i).padStart(3, '0')}`,
      plan: MIX[i % MIX.length] as Plan,
      checkId: null,
      decided: false,
    }))
    const decisions = { taken: 0, errors: 0, lastError: null as string | null }
    const trafficErrors = { count: 0, last: null as string | null }
    let killsDone = 0
    let enrolled = 0

    const enrol = async (s: SubjectRun) => {
      fake.setScenario(s.subjectId, s.plan.scenario)
      await engine.api.recordConsent({
        subjectId: s.subjectId,
        email: `${s.subjectId}@example.test`,
        displayName: `Worker ${s.subjectId}`,
        disclosureVersion: '1',
        authorizationText: 'I authorize Example Marketplace to obtain a consumer report about me.',
        signatureName: `Worker ${s.subjectId}`,
        ip: '203.0.113.7',
        userAgent: 'vitest',
      })
      const { check } = await engine.api.invite({ subjectId: s.subjectId, actor: ADMIN })
      s.checkId = check.id
    }

    const decide = async (s: SubjectRun) => {
      if (s.decided || s.plan.decision === null || s.checkId === null) return
      const check = await storage.checks.get(s.checkId)
      if (check?.state.status !== 'consider') return
      try {
        if (s.plan.decision === 'clear') {
          await engine.api.clear({ checkId: s.checkId, actor: ADMIN, reason: 'reviewed: not relevant to the role' })
        } else {
          const items = await engine.api.listAdverseItems(s.checkId)
          await engine.api.startAdverseAction({ checkId: s.checkId, actor: ADMIN, adverseItemIds: items.map((item) => item.id) })
        }
        s.decided = true
        decisions.taken++
      } catch (error) {
        decisions.errors++
        decisions.lastError = message(error)
      }
    }

    const trafficTick = async () => {
      // All subjects are invited by 80% of the kills, so each story meets crashes on its way.
      const due = Math.min(subjects.length, Math.ceil((subjects.length * (killsDone + 1)) / Math.max(1, options.kills * 0.8)))
      for (let n = 0; n < 2 && enrolled < due; n++) {
        const s = subjects[enrolled] as SubjectRun
        enrolled++
        await enrol(s)
      }
      const results = await fake.deliverDue()
      for (const result of results) {
        if (result.ok && redeliver() < 0.1) {
          deliveries.redelivered++
          await fake.redeliver(result.eventId)
        }
      }
      for (const s of subjects) await decide(s)
    }

    let trafficOn = true
    const traffic = (async () => {
      while (trafficOn) {
        try {
          await trafficTick()
        } catch (error) {
          trafficErrors.count++
          trafficErrors.last = message(error)
        }
        await sleep(100)
      }
    })()

    // ---- Kills: two slots, each starting a worker, waiting 50-600 ms once it polls, SIGKILLing
    // it; the slots are out of phase, so one or two workers are alive at any time.
    const unexpectedExits: string[] = []
    /** When each worker was SIGKILLed (by pid): a repeated send is explained by its sender's kill. */
    const killedAt = new Map<number, number>()
    let reserved = 0
    let aborted = false
    const killStarted = Date.now()
    const slot = async (offsetMs: number) => {
      await sleep(offsetMs)
      while (reserved < options.kills && !aborted) {
        reserved++
        const child: WorkerChild = spawnWorker(launch, workerConfig, stderrFd)
        await child.ready
        await sleep(50 + Math.floor(killDelay() * 551))
        killedAt.set(child.pid, Date.now())
        child.kill('SIGKILL')
        const exit = await child.exited
        if (exit.signal !== 'SIGKILL') unexpectedExits.push(`worker ${child.pid} ended with code ${String(exit.code)}, signal ${String(exit.signal)}`)
        killsDone++
      }
    }
    const slots = await Promise.allSettled([slot(0), slot(450)].map((p) => p.catch((error: unknown) => {
      aborted = true
      throw error
    })))
    const slotFailure = slots.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (slotFailure) {
      trafficOn = false
      await traffic
      throw slotFailure.reason
    }
    const killPhaseMs = Date.now() - killStarted

    // ---- Drain: one last worker, left alone until nothing is left to do, then stopped cleanly.
    const last = spawnWorker(launch, workerConfig, stderrFd)
    await last.ready
    const drainStarted = Date.now()
    let drained = false
    let quietRounds = 0
    while (Date.now() - drainStarted < options.drainTimeoutMs) {
      const quiet = enrolled === subjects.length && !(await decisionDue(storage, subjects)) && (await isQuiet(storage, db.knex, fake))
      quietRounds = quiet ? quietRounds + 1 : 0
      // Twice in a row, a poll apart: a job finishing may just have queued the next one.
      if (quietRounds >= 2) {
        drained = true
        break
      }
      await sleep(250)
    }
    const drainMs = Date.now() - drainStarted
    trafficOn = false
    await traffic
    last.kill('SIGTERM')
    // `stop()` waits for the jobs in hand; a worker still not gone after 15 s is a finding, then killed.
    let stopTimer: NodeJS.Timeout | undefined
    const finalExit = await Promise.race([
      last.exited,
      new Promise<Exit>((resolve) => {
        stopTimer = setTimeout(() => resolve({ code: null, signal: null }), 15_000)
      }),
    ])
    clearTimeout(stopTimer)

    const result = await audit({ storage, knex: db.knex, subjects, acknowledged, sendsFile, eventsFile, stderrFile, killedAt })
    const run: CrashRun = {
      backend: options.backend,
      launcher: launch.kind,
      seed: options.seed,
      kills: killsDone,
      unexpectedExits,
      finalExit: { code: finalExit.code, signal: finalExit.signal },
      acknowledged,
      deliveries,
      decisions,
      trafficErrors,
      subjects,
      checkrRequests: Object.fromEntries([...api.served].map(([status, n]) => [String(status), n])),
      drained,
      drainMs,
      killPhaseMs,
      totalMs: Date.now() - started,
      keptLogs: keep ? workDir : null,
      audit: result,
    }
    return run
  } finally {
    await killLeftovers()
    for (const cleanup of cleanups) await cleanup().catch(() => undefined)
    // VETKIT_CRASH_KEEP=1 keeps the mailer, host-event and worker logs for a look afterwards.
    if (!keep) rmSync(workDir, { recursive: true, force: true })
  }
}

/**
 * Nothing left to do at this moment: no webhook due or still to come from the simulator, and no
 * job running or waiting (but the self-managed final notices, due days from now). Whether every
 * webhook got its outcome is for the audit to say: waiting longer would not change it.
 */
async function isQuiet(storage: KnexStorage, knex: Knex, fake: FakeProvider): Promise<boolean> {
  if (fake.pendingWebhooks().length > 0) return false
  const next = fake.nextEventAt()
  if (next !== null && next.getTime() < Date.now() + 3_600_000) return false
  const [jobs] = (await knex(storage.tables.ref('jobs'))
    .where((q) => q.where('status', 'running').orWhere((w) => w.where('status', 'queued').whereNot('type', 'adverse.finalize')))
    .count({ n: '*' })) as { n: unknown }[]
  return Number(jobs?.n) === 0
}

/** A reviewer still has a decision to take: a planned one on a check now `consider`. */
async function decisionDue(storage: KnexStorage, subjects: readonly SubjectRun[]): Promise<boolean> {
  for (const s of subjects) {
    if (s.decided || s.plan.decision === null || s.checkId === null) continue
    if ((await storage.checks.get(s.checkId))?.state.status === 'consider') return true
  }
  return false
}
