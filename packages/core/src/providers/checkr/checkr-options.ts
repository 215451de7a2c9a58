import { z } from 'zod'
import type { Clock } from '../../domain/clock'
import { ConfigurationError } from '../../errors'
import type { AgencyContact } from '../../ports/provider'
import { agencySchema } from '../../support/agency-schema'
import { fieldPath, firstIssue } from '../../support/zod-issue'
import { CHECKR_AGENCY } from './agency'

export const CHECKR_BASE_URLS = {
  production: 'https://api.checkr.com/v1',
  staging: 'https://api.checkr-staging.com/v1',
} as const

/** Checkr's dashboards: staging is a separate account on its own host. */
export const CHECKR_DASHBOARD_URLS = {
  production: 'https://dashboard.checkr.com',
  staging: 'https://dashboard.checkrhq-staging.net',
} as const

/** Checkr's documented account-wide limit. */
export const CHECKR_MAX_REQUESTS_PER_MINUTE = 1200

export interface CheckrProviderOptions {
  /** Secret API key (or a partner's OAuth access token): sent as the Basic-auth username. */
  apiKey: string
  /** Separate Checkr accounts with separate keys; picks the base URL. */
  environment: 'production' | 'staging'
  /** The package every invitation orders, e.g. `tasker_standard` (Checkr dashboard, Packages). */
  packageSlug: string
  /** The agency the notices name. Default: Checkr's public contact for candidates (`CHECKR_AGENCY`). */
  agency?: AgencyContact | undefined
  /**
   * Keys that may sign webhooks. Default `[apiKey]`. List the old and new key during a rotation,
   * or the OAuth client secret for a partner application.
   */
  webhookSigningKeys?: readonly string[] | undefined
  /** Credentials embedded in the webhook URL (`https://user:pass@host/...`), checked when set. */
  webhookBasicAuth?: { username: string; password: string } | undefined
  /** Default: the global `fetch`. */
  fetch?: typeof fetch | undefined
  /** Overrides the environment's base URL (tests, proxies). */
  baseUrl?: string | undefined
  /** Overrides the environment's dashboard, where the console links each candidate's reports. */
  dashboardUrl?: string | undefined
  /** Per attempt, headers and body included. Default 15,000. */
  timeoutMs?: number | undefined
  /** Requests this instance starts in any rolling minute. Default 1,000; at most 1,200 (Checkr's limit). */
  maxRequestsPerMinute?: number | undefined
  /** Retries after the first attempt (429s, outages). Default 4. */
  maxRetries?: number | undefined
  /** Default: `setTimeout`. Inject to test back-off and the limiter without waiting. */
  sleep?: ((ms: number) => Promise<void>) | undefined
  /** Default: the system clock. Read by the limiter and for `X-Ratelimit-Reset`. */
  clock?: Clock | undefined
}

export interface ResolvedCheckrOptions {
  apiKey: string
  environment: 'production' | 'staging'
  packageSlug: string
  agency: AgencyContact
  baseUrl: string
  dashboardUrl: string
  webhookSigningKeys: readonly string[]
  webhookBasicAuth: { username: string; password: string } | undefined
  fetch: typeof fetch
  timeoutMs: number
  maxRequestsPerMinute: number
  maxRetries: number
  sleep: (ms: number) => Promise<void>
  now: () => number
}

const isFunction = (v: unknown) => typeof v === 'function'
const secret = z.string().min(1, 'must be a non-empty string')

const optionsSchema = z.strictObject({
  // A colon or whitespace would corrupt the Basic-auth header; the message never echoes the value.
  apiKey: secret.regex(/^[^\s:]+$/, 'must not contain spaces or colons'),
  environment: z.enum(['production', 'staging'], 'must be "production" or "staging"'),
  packageSlug: z.string('is required: the Checkr package to order, e.g. "tasker_standard"').trim().min(1, 'must name a Checkr package, e.g. "tasker_standard"').max(100, 'must be at most 100 characters'),
  agency: agencySchema.optional(),
  webhookSigningKeys: z.array(secret).min(1, 'must list at least one key').readonly().optional(),
  webhookBasicAuth: z.strictObject({ username: secret, password: secret }).optional(),
  fetch: z.custom<typeof fetch>(isFunction, 'must be a fetch function').optional(),
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  dashboardUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  timeoutMs: z.int('must be an integer').min(1, 'must be at least 1').max(600_000, 'must be at most 600000').optional(),
  maxRequestsPerMinute: z
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(CHECKR_MAX_REQUESTS_PER_MINUTE, `must be at most ${CHECKR_MAX_REQUESTS_PER_MINUTE} (Checkr's account-wide limit)`)
    .optional(),
  maxRetries: z.int('must be an integer').min(0, 'must be at least 0').max(10, 'must be at most 10').optional(),
  sleep: z.custom<(ms: number) => Promise<void>>(isFunction, 'must be a function').optional(),
  clock: z.custom<Clock>((v) => typeof v === 'object' && v !== null && 'now' in v && isFunction(v.now), 'must have a now() method').optional(),
})

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Validates the options and fills in defaults; the error names the bad option, never its value. */
export function resolveCheckrOptions(input: CheckrProviderOptions): ResolvedCheckrOptions {
  const parsed = optionsSchema.safeParse(input)
  if (!parsed.success) {
    const issue = firstIssue(parsed.error, 'is invalid')
    const field = issue.path.length > 0 ? fieldPath(issue.path) : 'options'
    throw new ConfigurationError(field, issue.unknownKey ? 'is not a checkrProvider option' : issue.message)
  }
  const o = parsed.data
  const clock = o.clock
  return {
    apiKey: o.apiKey,
    environment: o.environment,
    packageSlug: o.packageSlug,
    agency: o.agency ?? CHECKR_AGENCY,
    baseUrl: o.baseUrl ?? CHECKR_BASE_URLS[o.environment],
    dashboardUrl: o.dashboardUrl ?? CHECKR_DASHBOARD_URLS[o.environment],
    webhookSigningKeys: o.webhookSigningKeys ?? [o.apiKey],
    webhookBasicAuth: o.webhookBasicAuth,
    // Looked up per call, not captured now, so a fetch patched after construction (msw, APM) is used.
    fetch: o.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    timeoutMs: o.timeoutMs ?? 15_000,
    // Headroom under Checkr's 1,200 for the dashboard and other clients sharing the account.
    maxRequestsPerMinute: o.maxRequestsPerMinute ?? 1000,
    maxRetries: o.maxRetries ?? 4,
    sleep: o.sleep ?? realSleep,
    now: clock ? () => clock.now().getTime() : () => Date.now(),
  }
}
