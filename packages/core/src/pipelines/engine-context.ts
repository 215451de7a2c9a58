import type { CheckTransitionContext } from '../domain/apply-check-event'
import type { Clock } from '../domain/clock'
import type { Policy } from '../domain/policy'
import type { ScreeningProvider } from '../ports/provider'
import type { HostEvent } from '../domain/host-events'
import type { Logger } from '../ports/logger'
import type { MetricsPort } from '../metrics/metrics-port'
import type { OutageMonitor } from './outage-monitor'
import type { Storage } from '../ports/storage'
import type { SendEmail } from './email/email-sender'


/** What every pipeline shares. Built once by `createVetkit`. */
export interface EngineContext {
  storage: Storage
  provider: ScreeningProvider
  clock: Clock
  policy: Policy
  transitions: CheckTransitionContext
  /** Renders and sends one queued email; undefined when no mailer is configured (emails are recorded, not sent). */
  sendEmail: SendEmail | undefined
  /** The host's event handler; undefined when the host polls the outbox instead. */
  onEvent: ((event: HostEvent) => Promise<void>) | undefined
  logger: Logger
  /** Logs a database outage once per state change. */
  outage: OutageMonitor
  /** Counters and histograms of `METRICS` (a no-op unless the host passes `@vetkit/core/metrics`'s). */
  metrics: MetricsPort
}

export type { HostEvent, HostEventPayloads, HostEventType } from '../domain/host-events'
