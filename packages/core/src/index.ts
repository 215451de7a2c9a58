// @vetkit/core: the background-check engine. What a host uses lives here; the pure rules are in
// `@vetkit/core/domain`, the port interfaces in `@vetkit/core/ports`, notice templates in
// `@vetkit/core/mail`, encryption helpers in `@vetkit/core/crypto`, storage in `/knex` and
// `/pglite`, providers in `/checkr` and `/fake`, SMTP in `/smtp`, test helpers in `/testing`.

export { VETKIT_VERSION } from './version'

// The engine.
export { createVetkit } from './vetkit/create-vetkit'
export type { Vetkit, VetkitOptions } from './vetkit/create-vetkit'
export type { VetkitApi, WebhookIntake } from './vetkit/api'
export type { HealthReport } from './vetkit/health'
export type { SubjectStatus } from './vetkit/subject-status'
export type { EnvironmentOverrides, VetkitEnvironment } from './vetkit/environment-guards'
export type { WorkerOptions, RunResult, Worker } from './pipelines/worker/worker'
export type { WebhookRequest, WebhookResponse } from './pipelines/webhooks/receive-webhook'
export type { RecordConsentInput } from './pipelines/consent/record-consent'
export type { InviteInput, InviteResult } from './pipelines/invite/invite-subject'
export type { DecisionInput } from './pipelines/decisions/decide'
export type { ExpirySweepResult } from './pipelines/expiry/expiry-sweep'
export type { HostEvent, HostEventPayloads, HostEventType } from './domain/host-events'

// Errors.
export { VetkitError, ConfigurationError, InputError, ThrottledError } from './errors'
export { ERROR_CODES, isVetkitErrorCode } from './error-codes'
export type { VetkitErrorCode } from './error-codes'

// What the engine's answers are made of.
export { CHECK_STATUSES } from './domain/check-status'
export type { CheckStatus } from './domain/check-status'
export type { Actor } from './domain/check-events'
export type { CheckState, ClosedReason } from './domain/check-state'
export type { CheckRecord, CheckListItem, HistoryEntry, Page, WebhookRecord } from './ports/storage'
export type { ConsentRecord } from './domain/consent'

// The two ports a host wires in (every port type is in `@vetkit/core/ports`).
export type { Storage } from './ports/storage'
export type { ScreeningProvider } from './ports/provider'

// Settings.
export type { Policy, PolicyInput } from './domain/policy'
export { manualClock, systemClock } from './domain/clock'
export type { Clock, ManualClock } from './domain/clock'
export type { AdverseActionWaitProfile } from './domain/adverse-action/wait-profiles'
export { businessCalendar } from './domain/calendar/business-calendar'
export type { BusinessCalendar } from './domain/calendar/business-calendar'
export type { Logger, LogFields } from './ports/logger'
export type { LoggerLike } from './logging/resolve-logger'

// Provider-id encryption (more in `@vetkit/core/crypto`).
export { cryptoSettingsFromEnv, generateEncryptionKey } from './crypto/encryption-keys'
export { createFieldCipher } from './crypto/field-cipher'
export { createBlindIndex } from './crypto/blind-index'
export { createProviderIdSealer } from './crypto/provider-id-sealer'
export type { ProviderIdSealer } from './crypto/provider-id-sealer'

// Email (templates and rendering in `@vetkit/core/mail`, SMTP in `@vetkit/core/smtp`).
export { memoryMailer } from './mail/memory-mailer'
export type { MemoryMailer } from './mail/memory-mailer'
export type { EmailMessage, Mailer, SendResult } from './ports/mailer'
export type { EmailOptions } from './pipelines/email/email-sender'

// HTTP: the handler's options and the operation table (the adapters mount `vetkit.handler`).
export type { HttpActor, HttpOptions, RequestContext } from './http/http-options'
export type { TrustProxy } from './support/client-ip'
export { OPERATIONS } from './operations/operations'
export type { OperationContract, OperationName, OperationInput, OperationOutput } from './operations/operations'
