import type { CheckTransitionContext } from '../domain/apply-check-event'
import type { Clock } from '../domain/clock'
import type { Policy } from '../domain/policy'
import type { ScreeningProvider } from '../ports/provider'
import type { Logger } from '../ports/logger'
import type { OutageMonitor } from './outage-monitor'
import type { Storage } from '../ports/storage'
import type { SendEmail } from './email/email-sender'

import type { CheckStatus } from '../domain/check-status'
import type { EligibilityReason } from '../domain/eligibility'

/** What each host event carries: ids, statuses and times (ISO strings), never PII. */
export interface HostEventPayloads {
  'check.invited': { checkId: string; subjectId: string; recheck: boolean; previousCheckId: string | null }
  'check.status_changed': { checkId: string; subjectId: string; from: CheckStatus; to: CheckStatus; cause: string }
  'check.completed': { checkId: string; subjectId: string; outcome: 'clear' | 'consider' | null; status: CheckStatus }
  'subject.eligibility_changed': { subjectId: string; eligible: boolean; eligibleUntil: string | null; reason: EligibilityReason }
  'adverse_action.started': { checkId: string; subjectId: string; finalNoticeDueAt: string | null; source: string }
  'adverse_action.finalized': { checkId: string; subjectId: string; at: string; source: string }
  'adverse_action.canceled': { checkId: string; subjectId: string }
  'dispute.opened': { checkId: string; subjectId: string; source: string }
  'dispute.resolved': { checkId: string; subjectId: string; status: CheckStatus; source: string }
}

export type HostEventType = keyof HostEventPayloads

/** Host events, delivered at least once from the transactional outbox. Narrow on `type`. */
export type HostEvent = {
  [T in HostEventType]: { id: string; type: T; subjectId: string | null; checkId: string | null; payload: HostEventPayloads[T]; createdAt: Date }
}[HostEventType]

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
  /** Logs a database outage once per state change. */
  outage: OutageMonitor
}
