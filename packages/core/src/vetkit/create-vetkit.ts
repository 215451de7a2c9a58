import type { WaitProfileRegistry } from '../domain/adverse-action/wait-profiles'
import type { BusinessCalendar } from '../domain/calendar/business-calendar'
import { systemClock, type Clock } from '../domain/clock'
import { noMetrics, type MetricsPort } from '../metrics/metrics-port'
import { resolvePolicy, type PolicyInput } from '../domain/policy'
import { createCheckTransitionContext } from '../domain/transition-context'
import { ConfigurationError } from '../errors'
import type { ScreeningProvider } from '../ports/provider'
import type { Storage } from '../ports/storage'
import { createHttpHandler } from '../http/handler'
import type { HttpOptions } from '../http/http-options'
import { createEmailSender, type EmailOptions } from '../pipelines/email/email-sender'
import type { EngineContext, HostEvent } from '../pipelines/engine-context'
import { resolveLogger, type LoggerLike } from '../logging/resolve-logger'
import { runExpirySweep } from '../pipelines/expiry/expiry-sweep'
import { createOutageMonitor } from '../pipelines/outage-monitor'
import { checkHealth } from './health'
import { createWorker, type WorkerOptions } from '../pipelines/worker/worker'
import { createApi, createWebhookIntake } from './api'
import { assertEnvironment, type EnvironmentOverrides, type VetkitEnvironment } from './environment-guards'

export interface VetkitOptions {
  storage: Storage
  provider: ScreeningProvider
  policy?: PolicyInput
  clock?: Clock
  waitProfiles?: WaitProfileRegistry
  calendars?: Readonly<Record<string, BusinessCalendar>>
  /** Default: `production` when NODE_ENV is `production`, else `development`. */
  environment?: VetkitEnvironment
  overrides?: EnvironmentOverrides
  /** The mailer, sender and branding of the notices. Without it emails are recorded, not sent. */
  email?: EmailOptions
  /** Receives host events from the outbox, at least once (be idempotent on `event.id`). */
  onEvent?: (event: HostEvent) => Promise<void>
  /**
   * Where vetkit logs (ids and codes only, never PII): pino, bunyan, winston, `console` or any
   * `{ info, warn, error }`, passed as they are. Default: warnings and errors to stderr, except in
   * the `test` environment.
   */
  logger?: LoggerLike
  worker?: WorkerOptions
  /**
   * Where the engine's counters and histograms go: `prometheusMetrics({ registry })` from
   * `@vetkit/core/metrics`, or any `MetricsPort`. Default: none recorded.
   */
  metrics?: MetricsPort
  /** The HTTP surface (`vetkit.handler`): authentication hook, trusted proxies, body limits. */
  http?: HttpOptions & { basePath?: string }
}

/**
 * Builds the background-check engine on a storage and a provider. Fails at start-up, naming the
 * setting, when the configuration is unsafe for the environment.
 */
export function createVetkit(options: VetkitOptions) {
  if (!options.storage) throw new ConfigurationError('storage', 'is required')
  if (!options.provider) throw new ConfigurationError('provider', 'is required')
  // Moved to the provider in 0.x: say where, rather than ignore it.
  if ('packageSlug' in options) throw new ConfigurationError('packageSlug', 'is a provider option now: checkrProvider({ packageSlug }) or createFakeProvider({ packageSlug })')
  if (typeof options.provider.packageSlug !== 'string' || options.provider.packageSlug.trim() === '') {
    throw new ConfigurationError('provider.packageSlug', 'is required: the package the provider orders (e.g. "tasker_standard")')
  }
  const environment = options.environment ?? (process.env.NODE_ENV === 'production' ? 'production' : 'development')
  assertEnvironment(environment, options.provider, options.storage, options.overrides)
  const policy = resolvePolicy(options.policy)
  const logger = resolveLogger(options.logger, environment)
  const clock = options.clock ?? systemClock
  const ctx: EngineContext = {
    storage: options.storage,
    provider: options.provider,
    clock,
    policy,
    transitions: createCheckTransitionContext(policy, {
      ...(options.waitProfiles ? { waitProfiles: options.waitProfiles } : {}),
      ...(options.calendars ? { calendars: options.calendars } : {}),
    }),
    sendEmail: options.email ? createEmailSender(options.email, options.provider.agency) : undefined,
    onEvent: options.onEvent,
    logger,
    outage: createOutageMonitor(logger, () => clock.now()),
    metrics: options.metrics ?? noMetrics,
  }
  const api = createApi(ctx)
  const webhooks = createWebhookIntake(ctx)
  const handler = createHttpHandler({ api, webhooks, providerName: ctx.provider.name }, { ...options.http, logger: ctx.logger, outage: ctx.outage })

  return {
    environment,
    /** The HTTP API as a Fetch handler; the Express and Koa adapters mount it. */
    handler,
    policy,
    /** Where the provider's webhooks arrive, under the base path (`/webhooks/checkr`). */
    webhookPath: `/webhooks/${ctx.provider.name}`,
    /** The screening provider's name (`checkr`, `fake`): it scopes the provider ids vetkit stores. */
    providerName: ctx.provider.name,
    api,
    webhooks,
    events: {
      /** Host events after `afterId`, in order, for hosts that poll the outbox. */
      listAfter: (afterId: string | null, limit = 100) => ctx.storage.outbox.listAfter(afterId, limit),
    },
    runExpirySweep: () => runExpirySweep(ctx),
    /**
     * Readiness: the database answers, the schema is current, and how late the queue runs. Serve
     * it from your health route; `ready: false` means this instance cannot do its work.
     */
    health: () => checkHealth(ctx),
    createWorker: (workerOptions: WorkerOptions = {}) => createWorker(ctx, { ...options.worker, ...workerOptions }),
  }
}

export type Vetkit = ReturnType<typeof createVetkit>
