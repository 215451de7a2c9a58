/**
 * One worker process of the crash test: a vetkit worker on the test's database, re-reading the
 * provider through Checkr's REST client (pointed at the parent's simulator), with a mailer and a
 * host-event handler that log to files the parent reads after this process is dead. The parent
 * SIGKILLs it at a random moment, or SIGTERMs it at the end: then it stops the worker cleanly.
 *
 * It imports vetkit from source. children.ts bundles it (esbuild, once per test run) so that a
 * worker starts in ~0.15 s instead of ~0.7 s under the tsx loader; without esbuild it runs it as
 * `node --import tsx` (never `npx tsx`, whose CLI runs the script in a grandchild that a SIGKILL
 * of the CLI would leave running).
 */
import { appendFileSync } from 'node:fs'
import { createVetkit } from '../../../packages/core/src/index'
import { checkrProvider } from '../../../packages/core/src/providers/checkr/index'
import { createKnexStorage } from '../../../packages/core/src/storage/knex/index'
import { testSealer } from '../../../packages/core/src/testing/index'
import type { EmailMessage, Mailer, SendResult } from '../../../packages/core/src/ports/mailer'
import type { ScreeningProvider } from '../../../packages/core/src/ports/provider'
import { loadKnex } from './deps'
import { API_KEY, parseWorkerConfig, READY_LINE, SIGNING_KEY, WORKER_CONFIG_ENV, type EventLine, type SentLine } from './protocol'

const config = parseWorkerConfig(process.env[WORKER_CONFIG_ENV])

const knex = loadKnex(config.corePackageJson)({
  client: config.dialect === 'postgres' ? 'pg' : 'mysql2',
  connection: config.url,
  pool: { min: 0, max: config.concurrency + 4 },
})
const storage = createKnexStorage({
  knex,
  sealer: testSealer(),
  tablePrefix: config.tablePrefix,
  ...(config.schema !== null ? { schema: config.schema } : {}),
})

// The parent's checks were opened through the simulator in-process, so they are recorded under
// the provider name `fake` (names are part of the blind indexes). This process reaches the same
// simulator over HTTP, through the real Checkr client: it goes by the same name.
const checkr = checkrProvider({
  apiKey: API_KEY,
  environment: 'staging',
  packageSlug: 'tasker_standard',
  baseUrl: config.checkrBaseUrl,
  webhookSigningKeys: [SIGNING_KEY],
  maxRetries: 1,
  timeoutMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 200))),
})
const provider: ScreeningProvider = { ...checkr, name: 'fake' }

let sent = 0
/**
 * The mail server: the message counts as accepted once its line is on disk; the answer reaches
 * vetkit a moment later (the network). A SIGKILL in between is the duplicate-send window.
 */
const mailer: Mailer = {
  async send(message: EmailMessage): Promise<SendResult> {
    const headers = message.headers ?? {}
    const line: SentLine = {
      emailId: headers['X-Vetkit-Email-Id'] ?? '',
      template: headers['X-Vetkit-Template'] ?? '',
      pid: process.pid,
      at: Date.now(),
    }
    appendFileSync(config.sendsFile, `${JSON.stringify(line)}\n`)
    await new Promise((resolve) => setTimeout(resolve, 3))
    sent += 1
    return { messageId: `<crash-${process.pid}-${sent}@vetkit.invalid>` }
  },
}

const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
  process.stderr.write(`${JSON.stringify({ level, pid: process.pid, message, ...fields })}\n`)
}

const vetkit = createVetkit({
  storage,
  provider,
  environment: 'test',
  logger: { info: () => undefined, warn: log('warn'), error: log('error') },
  email: {
    mailer,
    from: '"Example Trust & Safety" <trust@example.test>',
    branding: { productName: 'Example Marketplace', supportEmail: 'support@example.test', links: { status: 'https://example.test/status' } },
  },
  onEvent: async (event) => {
    const line: EventLine = { eventId: event.id, type: event.type, pid: process.pid, at: Date.now() }
    appendFileSync(config.eventsFile, `${JSON.stringify(line)}\n`)
  },
})

const worker = vetkit.createWorker({ leaseMs: config.leaseMs, concurrency: config.concurrency, pollIntervalMs: config.pollIntervalMs })
worker.start()
process.stdout.write(`${READY_LINE}\n`)

let stopping = false
process.on('SIGTERM', () => {
  if (stopping) return
  stopping = true
  void worker
    .stop()
    .then(() => knex.destroy())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        log('error')('clean stop failed', { err: String(error) })
        process.exit(1)
      },
    )
})
