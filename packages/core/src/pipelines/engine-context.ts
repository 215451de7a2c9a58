import type { CheckTransitionContext } from '../domain/apply-check-event'
import type { Clock } from '../domain/clock'
import type { Policy } from '../domain/policy'
import type { ScreeningProvider } from '../ports/provider'
import type { Storage } from '../ports/storage'
import type { SendEmail } from './email/email-sender'

/** Host events, delivered at least once from the transactional outbox. */
export interface HostEvent {
  id: string
  type: string
  subjectId: string | null
  checkId: string | null
  payload: Record<string, unknown>
  createdAt: Date
}

/** What every pipeline shares. Built once by `createVetkit`. */
export interface EngineContext {
  storage: Storage
  provider: ScreeningProvider
  clock: Clock
  policy: Policy
  transitions: CheckTransitionContext
  packageSlug: string
  /** Renders and sends one queued email; undefined when no mailer is configured (emails are recorded, not sent). */
  sendEmail: SendEmail | undefined
  /** The host's event handler; undefined when the host polls the outbox instead. */
  onEvent: ((event: HostEvent) => Promise<void>) | undefined
  logger: Logger
}

/** Structured, PII-free logging: messages carry ids and codes only. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
