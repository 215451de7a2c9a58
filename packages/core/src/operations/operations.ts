/**
 * Every operation of vetkit's HTTP API, declared once: method, path, who may call it, its success
 * status, and the zod schemas of its path parameters, query, body and answer. The Fetch handler,
 * the OpenAPI document, the typed browser client (`@vetkit/core/client`) and the engine's own
 * input validation (`vetkit.api.*` take the same fields) all derive from this table.
 * Browser-safe: zod only.
 */
import { z } from 'zod'
import { CHECK_LIST_SORTS } from '../domain/check-list-sort'
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
import { REVIEW_QUEUE_NAMES } from './review-queues'
import { ROUTES, type Route, type RouteName } from './routes'
import { adverseItemsJson, checkDetailJson, checkJson, checkStatus, checkSummary, closedReason, consentJson, page, queueCountsJson, statusJson, webhookDetailJson, webhookJson } from './json-shapes'

const status = checkStatus
const intFromQuery = (max: number) => z.coerce.number().int().min(0).max(max)
const boolFromQuery = z.enum(['true', 'false']).transform((v) => v === 'true')
const note = noteField
const inviteResult = z.object({ check: checkJson, created: z.boolean() })
const inviteBody = z.object({ jurisdiction: jurisdictionField.optional(), workLocations: workLocationsField.optional() }).strict()
const reasonBody = z.object({ reason: note.optional() }).strict()
const subjectParams = z.object({ subjectId: subjectIdField })
const checkParams = z.object({ checkId: checkIdField })

export type { Access } from './routes'

/** A route (`ROUTES`) with its summary and the schemas of its parts and answer. */
export interface OperationContract extends Route {
  summary: string
  params?: z.ZodObject
  query?: z.ZodObject
  body?: z.ZodType
  response: z.ZodType
}

export const OPERATIONS = {
  recordConsent: {
    ...ROUTES.recordConsent,
    summary: 'Record the subject\'s FCRA disclosure and authorization signature',
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
  },
  getStatus: {
    ...ROUTES.getStatus,
    summary: 'The subject\'s background-check status and eligibility (`not_started` when none)',
    params: subjectParams,
    response: statusJson,
  },
  listSubjectChecks: {
    ...ROUTES.listSubjectChecks,
    summary: 'The subject\'s checks, newest first (re-checks included)',
    params: subjectParams,
    response: z.object({ items: z.array(checkJson) }),
  },
  invite: {
    ...ROUTES.invite,
    summary: 'Invite the subject to a background check (returns the one in progress, if any)',
    params: subjectParams,
    body: inviteBody,
    response: inviteResult,
  },
  recheck: {
    ...ROUTES.recheck,
    summary: 'Start a re-check of the subject',
    params: subjectParams,
    body: inviteBody,
    response: inviteResult,
  },
  listChecks: {
    ...ROUTES.listChecks,
    summary: 'The review list: filters, search and a keyset cursor',
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
        queue: z.enum(REVIEW_QUEUE_NAMES).optional(),
        search: text({ max: 320 }).optional(),
        sort: z.enum(CHECK_LIST_SORTS).optional(),
        limit: z.coerce.number().int().min(1).max(200).optional(),
        cursor: z.string().min(1).max(512).optional(),
      })
      .strict(),
    response: page(checkSummary),
  },
  countChecks: {
    ...ROUTES.countChecks,
    summary: 'How many checks each review queue holds (the console\'s tab counts)',
    response: queueCountsJson,
  },
  getCheck: {
    ...ROUTES.getCheck,
    summary: 'A check with its history, the subject\'s consent evidence, its emails and the report link',
    params: checkParams,
    response: checkDetailJson,
  },
  listAdverseItems: {
    ...ROUTES.listAdverseItems,
    summary: 'The report items an adverse action may be based on',
    params: checkParams,
    response: adverseItemsJson,
  },
  clear: {
    ...ROUTES.clear,
    summary: 'Clear a check after review (valid from the report completion)',
    params: checkParams,
    body: reasonBody,
    response: checkJson,
  },
  startAdverseAction: {
    ...ROUTES.startAdverseAction,
    summary: 'Send the pre-adverse notice on chosen report items and start the wait',
    params: checkParams,
    body: z
      .object({ adverseItemIds: adverseItemIdsField, medium: z.enum(['email', 'postal']).optional(), reason: note.optional() })
      .strict(),
    response: checkJson,
  },
  finalizeAdverseAction: {
    ...ROUTES.finalizeAdverseAction,
    summary: 'Send the final adverse-action notice (only after the wait, never during a dispute)',
    params: checkParams,
    body: reasonBody,
    response: checkJson,
  },
  cancelAdverseAction: {
    ...ROUTES.cancelAdverseAction,
    summary: 'Withdraw the adverse action',
    params: checkParams,
    body: reasonBody,
    response: checkJson,
  },
  openDispute: {
    ...ROUTES.openDispute,
    summary: 'Record a dispute (pauses the final notice)',
    params: checkParams,
    body: z.object({ reason: note, writtenDispute: z.boolean().optional() }).strict(),
    response: checkJson,
  },
  resolveDispute: {
    ...ROUTES.resolveDispute,
    summary: 'Resolve the dispute with a note (the review resumes)',
    params: checkParams,
    body: z.object({ reason: note }).strict(),
    response: checkJson,
  },
  cancelCheck: {
    ...ROUTES.cancelCheck,
    summary: 'Cancel a check in progress',
    params: checkParams,
    body: reasonBody,
    response: checkJson,
  },
  adminRecheck: {
    ...ROUTES.adminRecheck,
    summary: 'Start a re-check on the subject\'s behalf (needs a recent consent)',
    params: subjectParams,
    body: inviteBody,
    response: inviteResult,
  },
  listWebhooks: {
    ...ROUTES.listWebhooks,
    summary: 'The webhook log: every delivery with the status answered and its processing outcome',
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
  },
  getWebhook: {
    ...ROUTES.getWebhook,
    summary: 'One delivery of the webhook log: its headers (secrets redacted), outcome, and the check it moved',
    params: z.object({ webhookId: z.string().regex(/^\d{1,18}$/, 'a webhook log id') }),
    response: webhookDetailJson,
  },
} as const satisfies Record<RouteName, OperationContract>

export type OperationName = keyof typeof OPERATIONS
type Contract<N extends OperationName> = (typeof OPERATIONS)[N]
type InputOf<C, K extends string> = C extends Record<K, infer S extends z.ZodType> ? z.input<S> : undefined

/** What a caller sends to a route: path parameters, query and body, each typed by its schema. */
export type OperationInput<N extends OperationName> = {
  params: InputOf<Contract<N>, 'params'>
  query: InputOf<Contract<N>, 'query'>
  body: InputOf<Contract<N>, 'body'>
}
/** What a route answers (dates as ISO strings). */
export type OperationOutput<N extends OperationName> = z.output<Contract<N>['response']>
