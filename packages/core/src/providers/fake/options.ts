import type { Clock } from '../../domain/clock'
import { ConfigurationError } from '../../errors'
import type { AgencyContact } from '../../ports/provider'
import { agencySchema } from '../../support/agency-schema'
import { CHECKR_AGENCY } from '../checkr/agency'
import type { FakeWebhookDeliverer } from './delivery'
import { isFakeScenario, type FakeScenario } from './scenarios'
import type { FakeStateStore } from './state-store'
import { resolveTimings, type FakeTimings, type ResolvedTimings } from './timings'

export interface FakeProviderOptions {
  /** The only source of time: the simulator never reads the system clock or sets timers. */
  clock: Clock
  /** Signs every webhook (`X-Checkr-Signature`), like the Checkr API key; `verifyWebhook` checks it. */
  signingKey: string
  /** Where `deliverDue` sends webhooks. Needed only to deliver; the log can be read without it. */
  deliver?: FakeWebhookDeliverer | undefined
  /** The package every invitation orders. Default `tasker_standard`. */
  packageSlug?: string | undefined
  /** The agency the notices name. Default: Checkr's (`CHECKR_AGENCY`), as the simulated provider is Checkr. */
  agency?: AgencyContact | undefined
  /** The scenario for candidates without `setScenario` or an email tag. Default `clear`. */
  defaultScenario?: FakeScenario | undefined
  /** Overrides of the delays between steps (see `DEFAULT_FAKE_TIMINGS`). */
  timings?: Partial<FakeTimings> | undefined
  /** Seeds the ids: same seed, same calls, same clock => byte-identical webhooks. */
  seed?: string | undefined
  /** `account_id` in every event; derived from the seed by default. */
  accountId?: string | undefined
  /** `webhook_url` in every event, as Checkr echoes the configured URL. */
  webhookUrl?: string | undefined
  /** Basic auth sent with every webhook and required by `verifyWebhook`. */
  webhookBasicAuth?: { username: string; password: string } | undefined
  /** The hosted apply-flow link of an invitation. */
  invitationUrl?: ((invitationId: string) => string) | undefined
  /** Where a reviewer would read a report (Checkr's dashboard, simulated); null for none. */
  reportUrl?: ((reportId: string) => string | null) | undefined
  /**
   * Checkr's "include object" webhook setting (default true). False sends thin payloads,
   * `data.object = { id, object, uri }`, as accounts with the setting off receive them.
   */
  includeObject?: boolean | undefined
  /**
   * Where the simulator keeps its state across restarts (e.g. `fakeStateFile('.data/fake-checkr.bin')`).
   * Without it the state lives in memory: checks it created cannot be re-read after a restart.
   */
  state?: FakeStateStore | undefined
}

export interface ResolvedFakeOptions {
  clock: Clock
  signingKey: string
  packageSlug: string
  agency: AgencyContact
  deliver: FakeWebhookDeliverer | null
  defaultScenario: FakeScenario
  timings: ResolvedTimings
  seed: string
  accountId: string | null
  webhookUrl: string
  webhookBasicAuth: { username: string; password: string } | null
  invitationUrl: (invitationId: string) => string
  reportUrl: (reportId: string) => string | null
  includeObject: boolean
}

export const DEFAULT_FAKE_SEED = 'vetkit-fake'

export function resolveFakeOptions(options: FakeProviderOptions): ResolvedFakeOptions {
  if (typeof options.clock?.now !== 'function') throw new ConfigurationError('clock', 'a Clock is required')
  if (typeof options.signingKey !== 'string' || options.signingKey === '') {
    throw new ConfigurationError('signingKey', 'must be a non-empty string')
  }
  if (options.includeObject !== undefined && typeof options.includeObject !== 'boolean') throw new ConfigurationError('includeObject', 'must be a boolean')
  const defaultScenario = options.defaultScenario ?? 'clear'
  if (!isFakeScenario(defaultScenario)) throw new ConfigurationError('defaultScenario', `unknown scenario ${String(defaultScenario)}`)
  const packageSlug = options.packageSlug ?? 'tasker_standard'
  if (typeof packageSlug !== 'string' || packageSlug.trim() === '') throw new ConfigurationError('packageSlug', 'must name a package, e.g. "tasker_standard"')
  const agency = agencySchema.safeParse(options.agency ?? CHECKR_AGENCY)
  if (!agency.success) throw new ConfigurationError('agency', 'must be { name, address, phone, website } (single lines; an http(s) website)')
  return {
    clock: options.clock,
    signingKey: options.signingKey,
    packageSlug: packageSlug.trim(),
    agency: agency.data,
    deliver: options.deliver ?? null,
    defaultScenario,
    timings: resolveTimings(options.timings),
    seed: options.seed ?? DEFAULT_FAKE_SEED,
    accountId: options.accountId ?? null,
    webhookUrl: options.webhookUrl ?? 'https://example.com/webhooks/checkr',
    webhookBasicAuth: options.webhookBasicAuth ?? null,
    invitationUrl: options.invitationUrl ?? ((id) => `https://apply.vetkit-fake.invalid/invitations/${id}`),
    reportUrl: options.reportUrl ?? ((id) => `https://dashboard.vetkit-fake.invalid/reports/${id}`),
    includeObject: options.includeObject ?? true,
  }
}
