/**
 * Every operation of vetkit's HTTP API, declared once: method, path, who may call it, its success
 * status, and the zod schemas of its path parameters, query, body and answer. The Fetch handler,
 * the OpenAPI document, the typed browser client (`@vetkit/core/client`) and the engine's own
 * input validation (`vetkit.api.*` take the same fields) all derive from this table.
 * Browser-safe: zod only.
 */
import { z } from 'zod'
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
import { checkJson, checkStatus, checkSummary, closedReason, consentJson, historyJson, page, statusJson, webhookJson } from './json-shapes'

const status = checkStatus
const intFromQuery = (max: number) => z.coerce.number().int().min(0).max(max)
const boolFromQuery = z.enum(['true', 'false']).transform((v) => v === 'true')
const note = noteField
const inviteResult = z.object({ check: checkJson, created: z.boolean() })
const inviteBody = z.object({ jurisdiction: jurisdictionField.optional(), workLocations: workLocationsField.optional() }).strict()
const reasonBody = z.object({ reason: note.optional() }).strict()
const subjectParams = z.object({ subjectId: subjectIdField })
const checkParams = z.object({ checkId: checkIdField })

export type Access = 'subject' | 'admin'

export interface OperationContract {
  method: 'GET' | 'POST'
  /** OpenAPI-style path template under the mount point, e.g. `/admin/checks/{checkId}`. */
  path: string
  summary: string
  access: Access
  params?: z.ZodObject
  query?: z.ZodObject
  body?: z.ZodType
  response: z.ZodType
  /** The success status; `created_or_ok` answers 201 when the result says `created: true`, else 200. */
  status: 200 | 201 | 'created_or_ok'
}

export const OPERATIONS = {
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
    status: 'created_or_ok',
  },
  recheck: {
    method: 'POST',
    path: '/subjects/{subjectId}/recheck',
    summary: 'Start a re-check of the subject',
    access: 'subject',
    params: subjectParams,
    body: inviteBody,
    response: inviteResult,
    status: 'created_or_ok',
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
    status: 'created_or_ok',
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
} as const satisfies Record<string, OperationContract>

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
