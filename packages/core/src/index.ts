// @vetkit/core: the framework-agnostic background-check engine.

export { VETKIT_VERSION } from './version'
export { VetkitError, ConfigurationError } from './errors'
export { ERROR_CODES, isVetkitErrorCode } from './error-codes'
export type { VetkitErrorCode } from './error-codes'

// Domain: the check lifecycle.
export { CHECK_STATUSES, IN_PROGRESS_STATUSES, IN_REVIEW_STATUSES, TERMINAL_STATUSES, isCheckStatus, isInProgress, isTerminal } from './domain/check-status'
export type { CheckStatus } from './domain/check-status'
export type { Actor, CheckEvent, CheckEventType, NoticeMedium, ProviderCheckEvent, VetkitCheckEvent } from './domain/check-events'
export { newCheckState } from './domain/check-state'
export type { AdverseActionState, CheckState, DisputeState } from './domain/check-state'
export { applyCheckEvent, transitionKey } from './domain/apply-check-event'
export type { ApplyResult, CheckTransitionContext } from './domain/apply-check-event'
export { TRANSITION_KEYS, TRANSITIONS, transitionTarget } from './domain/transition-table'
export type { TransitionKey, TransitionTarget } from './domain/transition-table'
export { TransitionError } from './domain/transition-error'
export type { TransitionErrorCode } from './domain/transition-error'
export type { EventCursor } from './domain/event-ordering'
export { reportOutcome } from './domain/report-outcome'
export type { ReportOutcome, ReportVerdict } from './domain/report-outcome'
export { createCheckTransitionContext } from './domain/transition-context'
export { checkStateDiagram } from './domain/state-diagram'

// Domain: rules around checks.
export { defaultPolicy, policySchema, resolvePolicy } from './domain/policy'
export type { Policy, PolicyInput, ThrottleRule, ValidityDuration } from './domain/policy'
export { eligibility } from './domain/eligibility'
export type { Eligibility, EligibilityReason, SubjectCheck } from './domain/eligibility'
export { evaluateConsent } from './domain/consent'
export type { ConsentDecision, ConsentRecord } from './domain/consent'
export { decideThrottle, nextThrottleCounter, throttleRules } from './domain/throttle'
export type { ThrottleCounter, ThrottleDecision, ThrottleName } from './domain/throttle'
export { expiryReminders, planExpiryReminder, renewalState, validUntilFrom } from './domain/expiry'
export type { ExpiryReminder, ReminderPlan, RenewalState } from './domain/expiry'
export { manualClock, systemClock } from './domain/clock'
export type { Clock, ManualClock } from './domain/clock'

// Domain: business days and adverse-action waits.
export { isUsFederalHolidayObserved, usFederalHolidays } from './domain/calendar/us-federal-holidays'
export type { FederalHoliday } from './domain/calendar/us-federal-holidays'
export { businessCalendar, usFederalBusinessCalendar } from './domain/calendar/business-calendar'
export type { BusinessCalendar, BusinessCalendarOptions } from './domain/calendar/business-calendar'
export { addBusinessDays, addCalendarDays, countBusinessDays, localDate } from './domain/calendar/business-days'
export type { BusinessDayOptions, TimeZoneOptions } from './domain/calendar/business-days'
export {
  DEFAULT_WAIT_PROFILE_ID,
  builtInWaitProfiles,
  defineWaitProfiles,
  earliestFinalNoticeAt,
} from './domain/adverse-action/wait-profiles'
export type {
  AdverseActionWaitProfile,
  EarliestFinalNoticeInput,
  WaitProfileRegistry,
  WaitRule,
} from './domain/adverse-action/wait-profiles'

// Provider-id encryption and secrets.
export {
  cryptoSettingsFromEnv,
  generateEncryptionKey,
  parseEncryptionKeys,
  parseSecretKey,
} from './crypto/encryption-keys'
export type { CryptoSettings, EncryptionKey } from './crypto/encryption-keys'
export { createFieldCipher } from './crypto/field-cipher'
export type { FieldCipher } from './crypto/field-cipher'
export { createBlindIndex } from './crypto/blind-index'
export type { BlindIndex } from './crypto/blind-index'
export { timingSafeEqualStrings } from './crypto/timing-safe'
export { createProviderIdSealer } from './crypto/provider-id-sealer'
export type { ProviderIdSealer } from './crypto/provider-id-sealer'

// Ports.
export type * from './ports/storage'
export { defaultBackoff, retryAt, retryDelayMs } from './domain/backoff'
export type { BackoffPolicy } from './domain/backoff'
export type * from './ports/provider'

// The engine.
export { createVetkit } from './vetkit/create-vetkit'
export type { Vetkit, VetkitOptions } from './vetkit/create-vetkit'
export type { EnvironmentOverrides, VetkitEnvironment } from './vetkit/environment-guards'
export type { SubjectStatus } from './vetkit/subject-status'
export type { HostEvent, HostEventPayloads, HostEventType } from './pipelines/engine-context'
export type { Logger, LogFields } from './ports/logger'
export type { LoggerLike } from './logging/resolve-logger'
export type { EmailOptions } from './pipelines/email/email-sender'
export { InputError } from './pipelines/parse-input'
export { ThrottledError } from './pipelines/invite/throttled-error'
export { ipThrottleKey } from './pipelines/ip-throttle-key'
export type { RecordConsentInput } from './pipelines/consent/record-consent'
export type { InviteInput, InviteResult } from './pipelines/invite/invite-subject'
export type { DecisionInput, Decisions } from './pipelines/decisions/decide'
export type { ExpirySweepResult } from './pipelines/expiry/expiry-sweep'
export type { WorkerOptions, RunResult, Worker } from './pipelines/worker/worker'
export type { WebhookRequest, WebhookResponse } from './pipelines/webhooks/receive-webhook'
export type { HealthReport } from './vetkit/health'
export type { VetkitApi, WebhookIntake } from './vetkit/api'

// HTTP: the Fetch handler's options (the adapters mount `vetkit.handler`).
export type { HttpActor, HttpOptions, RequestContext } from './http/http-options'
export type { TrustProxy } from './http/client-ip'
export { OPERATIONS } from './operations/operations'
export type { OperationName, OperationInput, OperationOutput, OperationContract, Access } from './operations/operations'
export { HttpError } from './http/problem'

// Email: the mailer port, the in-memory mailer and the notice templates (SMTP: `@vetkit/core/smtp`).
export * from './mail'
