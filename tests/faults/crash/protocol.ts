/**
 * What the crash test (the parent) and its worker processes (the children) agree on. Nothing here
 * imports vetkit, so both sides load it the same way.
 */

/** The environment variable carrying a child's `WorkerConfig` as JSON. */
export const WORKER_CONFIG_ENV = 'VETKIT_CRASH_WORKER'

/** The child prints this line on stdout once its worker polls. */
export const READY_LINE = 'vetkit-crash-worker ready'

/** Signs the simulator's webhooks (parent) and is the Checkr API key's twin on the child side. */
export const SIGNING_KEY = 'crash-webhook-signing-key'

/** The child's Checkr client authenticates with this key; the parent's fake Checkr API requires it. */
export const API_KEY = 'crash-test-key'

export interface WorkerConfig {
  dialect: 'postgres' | 'mysql'
  /** The database URL (for MariaDB, with the run's own database in the path). */
  url: string
  /** PostgreSQL: the run's schema. */
  schema: string | null
  tablePrefix: string
  /** @vetkit/core's package.json, where `knex` and its drivers resolve. */
  corePackageJson: string
  /** The parent's fake, served as Checkr's REST API: `http://127.0.0.1:<port>/v1`. */
  checkrBaseUrl: string
  /** Every email the child's mailer accepts is appended here, one JSON line (`SentLine`). */
  sendsFile: string
  /** Every host event the child's `onEvent` receives is appended here, one JSON line (`EventLine`). */
  eventsFile: string
  leaseMs: number
  concurrency: number
  pollIntervalMs: number
}

/** One message the mail server accepted, as the child's mailer logs it before answering. */
export interface SentLine {
  emailId: string
  template: string
  pid: number
  at: number
}

/** One host event delivered to the child's handler. */
export interface EventLine {
  eventId: string
  type: string
  pid: number
  at: number
}

export function parseWorkerConfig(raw: string | undefined): WorkerConfig {
  if (raw === undefined || raw === '') throw new Error(`${WORKER_CONFIG_ENV} is not set: this file is started by tests/faults/worker-crash.test.ts`)
  return JSON.parse(raw) as WorkerConfig
}
