/**
 * The JSON the HTTP API answers with, as zod schemas: the OpenAPI document and the typed client
 * read them. Dates are ISO strings. Browser-safe: zod only.
 */
import { z } from 'zod'
import { CLOSED_REASONS } from '../domain/check-state'
import { CHECK_STATUSES } from '../domain/check-status'
import { REVIEW_QUEUES, type ReviewQueue } from './review-queues'

export const iso = z.iso.datetime({ offset: true })
export const checkStatus = z.enum(CHECK_STATUSES)
export const closedReason = z.enum(CLOSED_REASONS)
const status = checkStatus


export const checkSummary = z.object({
  id: z.string(),
  subjectId: z.string(),
  subjectEmail: z.string().nullable(),
  subjectName: z.string().nullable(),
  status,
  outcome: z.enum(['clear', 'consider']).nullable(),
  jurisdiction: z.string(),
  provider: z.string(),
  createdAt: iso,
  updatedAt: iso,
  reportCompletedAt: iso.nullable(),
  /** The provider's completion estimate while the report screens. */
  reportEta: iso.nullable(),
  validUntil: iso.nullable(),
  /** The date that gates the final notice; null while a dispute pauses it. */
  finalNoticeDueAt: iso.nullable(),
  adverseActionPaused: z.boolean(),
  /** An open dispute, on a disputed check or on a pass whose report is disputed. */
  inDispute: z.boolean(),
  disputeOpenedAt: iso.nullable(),
  closedReason: closedReason.nullable(),
  /** When the subject's newest consent was signed (consent recency). */
  consentSignedAt: iso.nullable(),
})

export const adverseActionJson = z.object({
  startedAt: iso,
  adverseItemIds: z.array(z.string()),
  medium: z.enum(['email', 'postal']),
  writtenDispute: z.boolean(),
  /** The wait, in whole business days of the check's jurisdiction. */
  waitBusinessDays: z.number().int(),
  /** Whole business days run before the current run (banked by each dispute). */
  businessDaysElapsed: z.number().int(),
  /** A dispute stopped the clock: `finalNoticeDueAt` is null until it is resolved. */
  paused: z.boolean(),
  /** The one date that gates finalize; kept on a failed check for the audit. */
  finalNoticeDueAt: iso.nullable(),
  /** Whole business days until `finalNoticeDueAt` (0 once it has come); null while paused or finalized. */
  businessDaysRemaining: z.number().int().nullable(),
})

export const checkJson = z.object({
  id: z.string(),
  subjectId: z.string(),
  provider: z.string(),
  packageSlug: z.string(),
  version: z.number().int(),
  status,
  jurisdiction: z.string(),
  outcome: z.enum(['clear', 'consider']).nullable(),
  reportCompletedAt: iso.nullable(),
  reportEta: iso.nullable(),
  clearedAt: iso.nullable(),
  validUntil: iso.nullable(),
  adverseAction: adverseActionJson.nullable(),
  dispute: z.object({ openedAt: iso, source: z.enum(['provider', 'vetkit']), writtenDispute: z.boolean() }).nullable(),
  inDispute: z.boolean(),
  finalAdverseAt: iso.nullable(),
  closedAt: iso.nullable(),
  closedReason: closedReason.nullable(),
  /** The provider's hosted flow, while the check waits for the subject. */
  invitationUrl: z.string().nullable(),
  previousCheckId: z.string().nullable(),
  nextReminderAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
})

export const historyJson = z.object({
  id: z.string(),
  eventType: z.string(),
  fromStatus: status.nullable(),
  toStatus: status,
  actorKind: z.enum(['admin', 'subject', 'system', 'host', 'provider']),
  actorId: z.string(),
  reason: z.string().nullable(),
  webhookEventId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  occurredAt: iso,
  recordedAt: iso,
})

export const consentJson = z.object({
  id: z.string(),
  subjectId: z.string(),
  disclosureVersion: z.string(),
  authorizationTextHash: z.string(),
  signatureName: z.string(),
  signedAt: iso,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
})

export const statusJson = z.object({
  subjectId: z.string(),
  status: z.union([status, z.literal('not_started')]),
  eligible: z.boolean(),
  eligibleUntil: iso.nullable(),
  reason: z.string(),
  checkId: z.string().nullable(),
  invitationUrl: z.string().nullable(),
  validUntil: iso.nullable(),
  /** The provider's completion estimate, while the newest check screens. */
  reportEta: iso.nullable(),
  renewal: z.enum(['not_due', 'due', 'expired']).nullable(),
  consent: z.object({ valid: z.boolean(), reusableUntil: iso.nullable() }),
})

export const webhookJson = z.object({
  id: z.string(),
  provider: z.string(),
  eventId: z.string().nullable(),
  eventType: z.string().nullable(),
  receivedAt: iso,
  httpStatus: z.number().int(),
  authOutcome: z.enum(['ok', 'bad_signature', 'placeholder_signature', 'bad_basic_auth', 'malformed']),
  processingOutcome: z.enum(['queued', 'applied', 'ignored', 'rejected', 'parked', 'failed', 'dead', 'not_processed']),
  processedAt: iso.nullable(),
  errorCode: z.string().nullable(),
  checkId: z.string().nullable(),
  attempts: z.number().int(),
})

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() })

export const emailJson = z.object({
  id: z.string(),
  template: z.string(),
  status: z.enum(['queued', 'sent', 'failed', 'suppressed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: iso,
  sentAt: iso.nullable(),
})

export const checkDetailJson = z.object({
  check: checkJson,
  /** The subject as the host last described it (for the reviewer; never logged). */
  subject: z.object({ id: z.string(), email: z.string().nullable(), displayName: z.string().nullable() }).nullable(),
  history: z.array(historyJson),
  consents: z.array(consentJson),
  /** The emails vetkit queued for this check, oldest first. */
  emails: z.array(emailJson),
  /** The report on the provider's dashboard (its sandbox when the provider runs in test mode). */
  reportUrl: z.string().nullable(),
})

export const adverseItemsJson = z.object({
  items: z.array(z.object({ id: z.string(), text: z.string() })),
  /** The wait a pre-adverse notice sent now would start, in business days of the check's jurisdiction. */
  waitBusinessDays: z.number().int(),
  /** When the final notice could go out if the pre-adverse notice is sent now (by email). */
  finalNoticeDueIfStartedNow: iso,
})

export const queueCountsJson = z.object({
  counts: z.object(Object.fromEntries(Object.keys(REVIEW_QUEUES).map((q) => [q, z.number().int()])) as Record<ReviewQueue, z.ZodNumber>),
})

export const webhookDetailJson = z.object({
  webhook: webhookJson,
  /** The delivery's request headers as received, with credentials and signatures redacted; empty for refusals. */
  headers: z.record(z.string(), z.string()),
  check: checkSummary.nullable(),
  /** The history entries this delivery caused. */
  history: z.array(historyJson),
})
