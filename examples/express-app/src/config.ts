// Everything the app reads from the environment, in one place. The defaults need no setup:
// embedded PGlite in ./.data/pglite and the fake Checkr delivering its webhooks over HTTP.
import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import type { FakeTimings } from '@vetkit/core/fake'

export type DatabaseConfig =
  /** Embedded PostgreSQL (PGlite); `dataDir: null` keeps it in memory. */
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgres' | 'mysql'; url: string }

export type ProviderConfig =
  | { kind: 'fake'; timings: Partial<FakeTimings>; signingKey: string }
  | { kind: 'checkr'; apiKey: string; environment: 'production' | 'staging'; packageSlug: string }

export interface AppConfig {
  /** 0 picks a free port. */
  port: number
  host: string
  /** The address users reach the app at (links in emails); default http://localhost:<port>. */
  publicUrl: string | null
  database: DatabaseConfig
  provider: ProviderConfig
  /** Seed an empty database with an instructor in every status (fake provider only). */
  seed: boolean
  /** Where the fake Checkr keeps its state across restarts; null keeps it in memory. */
  fakeStateFile: string | null
  /** NODE_ENV=production: real keys required, the demo login refused unless allowed. */
  production: boolean
  /** Lets the demo login (`?as=`) run with NODE_ENV=production. Never for real users. */
  allowDemoLoginInProduction: boolean
  /** The environment, for `VETKIT_ENCRYPTION_KEYS` / `VETKIT_BLIND_INDEX_KEY`. */
  env: Record<string, string | undefined>
  /** How often the fake Checkr sends its due webhooks. */
  deliveryIntervalMs: number
  /**
   * `FINAL_NOTICE`: `admin` (the default here) leaves the final adverse-action notice to a reviewer
   * in the console once the wait has run; `automatic` sends it by a scheduled job.
   */
  finalNotice: 'admin' | 'automatic'
  /** The metrics endpoint's Basic auth: `METRICS_USER` (default `prometheus`) and `METRICS_PASSWORD` (random at each start when unset). */
  metrics: { username: string; password: string; generated: boolean }
  /** The job worker: `WORKER_POLL_MS`, `WORKER_LEASE_MS`, `WORKER_CONCURRENCY`, `WORKER_BATCH_SIZE`. */
  worker: { pollIntervalMs: number; leaseMs: number; concurrency: number; batchSize: number }
  /** Where the app tells what it does (the console by default; tests pass a no-op). */
  log: (line: string) => void
}

/**
 * The fake Checkr's pace in the app: the happy path is quick enough to watch (the candidate
 * finishes the hosted flow after 3 s, the report completes 10 s later), while the slow paths keep
 * a realistic pace so the seeded in-progress checks stay where they are for a while.
 */
export const APP_FAKE_TIMINGS: Partial<FakeTimings> = {
  invitationCompleted: { seconds: 3 },
  reportCompleted: { seconds: 10 },
  reportSuspended: { seconds: 5 },
  disputeOpened: { seconds: 20 },
  // Left at the simulator's defaults: reportResumed 2 days, reportCanceled 1 day,
  // disputeResolved 7 days, invitationExpires 7 days.
}

/** The fake Checkr's webhook signing key: public, like everything about the simulator. */
export const FAKE_SIGNING_KEY = 'example-app-fake-checkr-signing-key'

export function configFromEnv(env: Record<string, string | undefined> = process.env): AppConfig {
  const production = env.NODE_ENV === 'production'
  return {
    port: port(env.PORT),
    host: env.HOST?.trim() || '127.0.0.1',
    publicUrl: env.PUBLIC_URL?.trim() || null,
    database: databaseFromEnv(env),
    provider: providerFromEnv(env),
    seed: env.SEED !== 'false',
    fakeStateFile: fakeStateFileFrom(env),
    production,
    allowDemoLoginInProduction: env.ALLOW_DEMO_LOGIN === 'true',
    env,
    deliveryIntervalMs: 1000,
    finalNotice: finalNoticeFrom(env.FINAL_NOTICE),
    metrics: metricsCredentials(env),
    worker: {
      pollIntervalMs: positiveInt(env, 'WORKER_POLL_MS', 500),
      leaseMs: positiveInt(env, 'WORKER_LEASE_MS', 30_000),
      concurrency: positiveInt(env, 'WORKER_CONCURRENCY', 4),
      batchSize: positiveInt(env, 'WORKER_BATCH_SIZE', 20),
    },
    log: (line) => console.log(line),
  }
}

function metricsCredentials(env: Record<string, string | undefined>): AppConfig['metrics'] {
  const password = env.METRICS_PASSWORD?.trim()
  return { username: env.METRICS_USER?.trim() || 'prometheus', password: password || randomBytes(12).toString('base64url'), generated: !password }
}

function finalNoticeFrom(value: string | undefined): 'admin' | 'automatic' {
  const v = value?.trim()
  if (!v) return 'admin'
  if (v === 'admin' || v === 'automatic') return v
  throw new Error(`FINAL_NOTICE must be "admin" or "automatic", got "${v}"`)
}

function positiveInt(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const value = env[name]?.trim()
  if (!value) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got "${value}"`)
  return n
}

/** Beside the PGlite data directory by default; `FAKE_STATE_FILE` elsewhere (e.g. with DATABASE_URL). */
function fakeStateFileFrom(env: Record<string, string | undefined>): string | null {
  const explicit = env.FAKE_STATE_FILE?.trim()
  if (explicit) return resolve(explicit)
  if (env.DATABASE_URL?.trim()) return null
  return resolve(env.DATA_DIR?.trim() || './.data/pglite', '..', 'fake-checkr.bin')
}

function port(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`PORT must be a port number, got "${value}"`)
  return n
}

function databaseFromEnv(env: Record<string, string | undefined>): DatabaseConfig {
  const url = env.DATABASE_URL?.trim()
  if (!url) return { kind: 'pglite', dataDir: resolve(env.DATA_DIR?.trim() || './.data/pglite') }
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase()
  if (scheme === 'postgres' || scheme === 'postgresql') return { kind: 'postgres', url }
  if (scheme === 'mysql' || scheme === 'mariadb') return { kind: 'mysql', url: url.replace(/^mariadb:/i, 'mysql:') }
  throw new Error('DATABASE_URL must start with postgres://, postgresql://, mysql:// or mariadb://')
}

function providerFromEnv(env: Record<string, string | undefined>): ProviderConfig {
  const apiKey = env.CHECKR_API_KEY?.trim()
  if (!apiKey) return { kind: 'fake', timings: APP_FAKE_TIMINGS, signingKey: FAKE_SIGNING_KEY }
  const environment = env.CHECKR_ENV?.trim() || 'staging'
  if (environment !== 'staging' && environment !== 'production') throw new Error('CHECKR_ENV must be "staging" or "production"')
  const packageSlug = env.CHECKR_PACKAGE?.trim()
  if (!packageSlug) throw new Error('CHECKR_PACKAGE is required with CHECKR_API_KEY: the slug of the Checkr package to order')
  return { kind: 'checkr', apiKey, environment, packageSlug }
}
