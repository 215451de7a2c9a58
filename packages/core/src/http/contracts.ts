/**
 * The HTTP contract of vetkit, declared once per route: method, path, access, and zod schemas of
 * the path parameters, query, body and response. The server handler, the OpenAPI document and the
 * typed browser client (`@vetkit/core/client`) all derive from this table. Browser-safe: zod only.
 */
import { z } from 'zod'
import { CLOSED_REASONS } from '../domain/check-state'
import { CHECK_STATUSES } from '../domain/check-status'
import {
  adverseItemIdsField,
  authorizationTextField,
  checkIdField,
  disclosureVersionField,
  displayNameField,
  emailField,
  jurisdictionField,
  noteField,
  signatureNameField,
  subjectIdField,
  text,
  workLocationsField,
} from '../support/input-fields'

const id = subjectIdField
const iso = z.iso.datetime({ offset: true })
const note = noteField
const status = z.enum(CHECK_STATUSES)
const closedReason = z.enum(CLOSED_REASONS)
const intFromQuery = (max: number) => z.coerce.number().int().min(0).max(max)
const boolFromQuery = z.enum(['true', 'false']).transform((v) => v === 'true')

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
})

const adverseActionJson = z.object({
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

const historyJson = z.object({
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

const consentJson = z.object({
  id: z.string(),
  subjectId: z.string(),
  disclosureVersion: z.string(),
  authorizationTextHash: z.string(),
  signatureName: z.string(),
  signedAt: iso,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
})

const statusJson = z.object({
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

const webhookJson = z.object({
  id: z.string(),
  provider: z.string(),
  eventId: z.string().nullable(),
  eventType: z.string().nullable(),
  receivedAt: iso,
  httpStatus: z.number().int(),
  authOutcome: z.string(),
  processingOutcome: z.string(),
  processedAt: iso.nullable(),
  errorCode: z.string().nullable(),
  checkId: z.string().nullable(),
  attempts: z.number().int(),
})

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() })
const inviteResult = z.object({ check: checkJson, created: z.boolean() })
const inviteBody = z.object({ jurisdiction: jurisdictionField.optional(), workLocations: workLocationsField.optional() }).strict()
const reasonBody = z.object({ reason: note.optional() }).strict()
const subjectParams = z.object({ subjectId: id })
const checkParams = z.object({ checkId: checkIdField })

export type Access = 'subject' | 'admin'

export interface RouteContract {
  method: 'GET' | 'POST'
  /** OpenAPI-style path template under the mount point, e.g. `/admin/checks/{checkId}`. */
  path: string
  summary: string
  access: Access
  params?: z.ZodObject
  query?: z.ZodObject
  body?: z.ZodType
  response: z.ZodType
  status: 200 | 201
}

export const ROUTES = {
  recordConsent: {
    method: 'POST',
    path: '/subjects/{subjectId}/consents',
    summary: 'Record the subject\'s FCRA disclosure and authorization signature',
    access: 'subject',
    params: subjectParams,
    body: z
      .object({
        disclosureVersion: disclosureVersionField,
        authorizationText: authorizationTextField,
        signatureName: signatureNameField,
        email: emailField.optional(),
        displayName: displayNameField.optional(),
      })
      .strict(),
    response: consentJson,
    status: 201,
  },
  getStatus: {
    method: 'GET',
    path: '/subjects/{subjectId}/status',
    summary: 'The subject\'s background-check status and eligibility (`not_started` when none)',
    access: 'subject',
    params: subjectParams,
    response: statusJson,
    status: 200,
  },
  listSubjectChecks: {
    method: 'GET',
    path: '/subjects/{subjectId}/checks',
    summary: 'The subject\'s checks, newest first (re-checks included)',
    access: 'subject',
    params: subjectParams,
    response: z.object({ items: z.array(checkJson) }),
    status: 200,
  },
  invite: {
    method: 'POST',
    path: '/subjects/{subjectId}/invite',
    summary: 'Invite the subject to a background check (returns the one in progress, if any)',
    access: 'subject',
    params: subjectParams,
    body: inviteBody,
    response: inviteResult,
    status: 201,
  },
  recheck: {
    method: 'POST',
    path: '/subjects/{subjectId}/recheck',
    summary: 'Start a re-check of the subject',
    access: 'subject',
    params: subjectParams,
    body: inviteBody,
    response: inviteResult,
    status: 201,
  },
  listChecks: {
    method: 'GET',
    path: '/admin/checks',
    summary: 'The review list: filters, search and a keyset cursor',
    access: 'admin',
    query: z
      .object({
        status: z
          .string()
          .transform((v) => v.split(',').filter(Boolean))
          .pipe(z.array(status).max(10))
          .optional(),
        inDispute: boolFromQuery.optional(),
        closedReason: closedReason.optional(),
        awaitingAdverseAction: boolFromQuery.optional(),
        pendingLongerThanDays: intFromQuery(3650).optional(),
        expiringWithinDays: intFromQuery(3650).optional(),
        search: text({ max: 320 }).optional(),
        limit: z.coerce.number().int().min(1).max(200).optional(),
        cursor: z.string().min(1).max(512).optional(),
      })
      .strict(),
    response: page(checkSummary),
    status: 200,
  },
  getCheck: {
    method: 'GET',
    path: '/admin/checks/{checkId}',
    summary: 'A check with its history and the subject\'s consent evidence',
    access: 'admin',
    params: checkParams,
    response: z.object({ check: checkJson, history: z.array(historyJson), consents: z.array(consentJson) }),
    status: 200,
  },
  listAdverseItems: {
    method: 'GET',
    path: '/admin/checks/{checkId}/adverse-items',
    summary: 'The report items an adverse action may be based on',
    access: 'admin',
    params: checkParams,
    response: z.object({ items: z.array(z.object({ id: z.string(), text: z.string() })) }),
    status: 200,
  },
  clear: {
    method: 'POST',
    path: '/admin/checks/{checkId}/clear',
    summary: 'Clear a check after review (valid from the report completion)',
    access: 'admin',
    params: checkParams,
    body: reasonBody,
    response: checkJson,
    status: 200,
  },
  startAdverseAction: {
    method: 'POST',
    path: '/admin/checks/{checkId}/adverse-action',
    summary: 'Send the pre-adverse notice on chosen report items and start the wait',
    access: 'admin',
    params: checkParams,
    body: z
      .object({ adverseItemIds: adverseItemIdsField, medium: z.enum(['email', 'postal']).optional(), reason: note.optional() })
      .strict(),
    response: checkJson,
    status: 200,
  },
  finalizeAdverseAction: {
    method: 'POST',
    path: '/admin/checks/{checkId}/adverse-action/finalize',
    summary: 'Send the final adverse-action notice (only after the wait, never during a dispute)',
    access: 'admin',
    params: checkParams,
    body: reasonBody,
    response: checkJson,
    status: 200,
  },
  cancelAdverseAction: {
    method: 'POST',
    path: '/admin/checks/{checkId}/adverse-action/cancel',
    summary: 'Withdraw the adverse action',
    access: 'admin',
    params: checkParams,
    body: reasonBody,
    response: checkJson,
    status: 200,
  },
  openDispute: {
    method: 'POST',
    path: '/admin/checks/{checkId}/dispute',
    summary: 'Record a dispute (pauses the final notice)',
    access: 'admin',
    params: checkParams,
    body: z.object({ reason: note, writtenDispute: z.boolean().optional() }).strict(),
    response: checkJson,
    status: 200,
  },
  resolveDispute: {
    method: 'POST',
    path: '/admin/checks/{checkId}/dispute/resolve',
    summary: 'Resolve the dispute with a note (the review resumes)',
    access: 'admin',
    params: checkParams,
    body: z.object({ reason: note }).strict(),
    response: checkJson,
    status: 200,
  },
  cancelCheck: {
    method: 'POST',
    path: '/admin/checks/{checkId}/cancel',
    summary: 'Cancel a check in progress',
    access: 'admin',
    params: checkParams,
    body: reasonBody,
    response: checkJson,
    status: 200,
  },
  adminRecheck: {
    method: 'POST',
    path: '/admin/subjects/{subjectId}/recheck',
    summary: 'Start a re-check on the subject\'s behalf (needs a recent consent)',
    access: 'admin',
    params: subjectParams,
    body: inviteBody,
    response: inviteResult,
    status: 201,
  },
  listWebhooks: {
    method: 'GET',
    path: '/admin/webhooks',
    summary: 'The webhook log: every delivery with the status answered and its processing outcome',
    access: 'admin',
    query: z
      .object({
        eventType: text({ max: 100 }).optional(),
        processingOutcome: z.enum(['queued', 'applied', 'ignored', 'rejected', 'parked', 'failed', 'dead', 'not_processed']).optional(),
        authOutcome: z.enum(['ok', 'bad_signature', 'placeholder_signature', 'bad_basic_auth', 'malformed']).optional(),
        httpStatus: z.coerce.number().int().min(100).max(599).optional(),
        limit: z.coerce.number().int().min(1).max(200).optional(),
        cursor: z.string().min(1).max(512).optional(),
      })
      .strict(),
    response: page(webhookJson),
    status: 200,
  },
} as const satisfies Record<string, RouteContract>

export type RouteName = keyof typeof ROUTES
type Contract<N extends RouteName> = (typeof ROUTES)[N]
type InputOf<C, K extends string> = C extends Record<K, infer S extends z.ZodType> ? z.input<S> : undefined

/** What a caller sends to a route: path parameters, query and body, each typed by its schema. */
export type RouteInput<N extends RouteName> = {
  params: InputOf<Contract<N>, 'params'>
  query: InputOf<Contract<N>, 'query'>
  body: InputOf<Contract<N>, 'body'>
}
/** What a route answers (dates as ISO strings). */
export type RouteOutput<N extends RouteName> = z.output<Contract<N>['response']>
