import type { z } from 'zod'
import { VetkitError } from '../../errors'
import type { ProviderInvitation, ScreeningProvider, WorkLocation } from '../../ports/provider'
import { CheckrApiError } from './checkr-errors'
import { createCheckrTransport } from './checkr-http'
import { type CheckrProviderOptions, resolveCheckrOptions } from './checkr-options'
import { createOutboundLimiter } from './outbound-limiter'
import { adverseActionSchema, adverseItemSchema, candidateSchema, ignoredBody, invitationSchema, listSchema, reportSchema } from './schemas'
import { resolveCheckrWebhook } from './resolve-webhook'
import { parseCheckrWebhook } from './webhook-event'
import { verifyCheckrWebhook } from './webhook-signature'

/** Pages of adverse items read at most; a guard against a `next_href` that never ends. */
const MAX_PAGES = 50

/**
 * The Checkr implementation of the screening-provider port. Each instance has its own outbound
 * limiter, so create one per process and share it.
 */
export function checkrProvider(options: CheckrProviderOptions): ScreeningProvider {
  const config = resolveCheckrOptions(options)
  const limiter = createOutboundLimiter({
    maxPerWindow: config.maxRequestsPerMinute,
    windowMs: 60_000,
    now: config.now,
    sleep: config.sleep,
  })
  const http = createCheckrTransport({ ...config, limiter })
  const webhookAuth = { signingKeys: config.webhookSigningKeys, basicAuth: config.webhookBasicAuth }

  const getInvitation = async (invitationId: string): Promise<ProviderInvitation> => {
    const path = `/invitations/${segment(invitationId, 'invitationId')}`
    const invitation = await http.send({ method: 'GET', path, route: 'GET /invitations/{id}', query: { include_deleted: 'true' } }, invitationSchema)
    return toInvitation(invitation)
  }

  const provider: ScreeningProvider = {
    name: 'checkr',
    environment: config.environment,
    packageSlug: config.packageSlug,
    agency: config.agency,

    async createCandidate(input) {
      // The invitation flow needs only the email; Checkr collects the rest from the candidate.
      const body = compact({ email: input.email, first_name: input.firstName, last_name: input.lastName, custom_id: input.subjectId })
      const candidate = await http.send(
        { method: 'POST', path: '/candidates', route: 'POST /candidates', body, idempotencyKey: input.idempotencyKey },
        candidateSchema,
      )
      return { candidateId: candidate.id }
    },

    async createInvitation(input) {
      const body = compact({
        candidate_id: input.candidateId,
        package: config.packageSlug,
        work_locations: input.workLocations?.map(toWorkLocation),
      })
      const invitation = await http.send(
        { method: 'POST', path: '/invitations', route: 'POST /invitations', body, idempotencyKey: input.idempotencyKey },
        invitationSchema,
      )
      return toInvitation(invitation)
    },

    async cancelInvitation(invitationId) {
      const path = `/invitations/${segment(invitationId, 'invitationId')}`
      try {
        await http.send({ method: 'DELETE', path, route: 'DELETE /invitations/{id}' }, ignoredBody)
      } catch (error) {
        // Canceling is "make sure it is gone": 404 (or a refusal of an invitation already deleted) is done.
        if (error instanceof CheckrApiError && error.code === 'provider_not_found') return
        if (error instanceof CheckrApiError && isRefusal(error.code)) {
          if (await isGone(async () => (await getInvitation(invitationId)).deletedAt !== null)) return
        }
        throw error
      }
    },

    async getCandidate(candidateId) {
      const path = `/candidates/${segment(candidateId, 'candidateId')}`
      const candidate = await http.send({ method: 'GET', path, route: 'GET /candidates/{id}' }, candidateSchema)
      return { candidateId: candidate.id, reportIds: candidate.report_ids }
    },

    getInvitation,

    async getReport(reportId) {
      const path = `/reports/${segment(reportId, 'reportId')}`
      const report = await http.send({ method: 'GET', path, route: 'GET /reports/{id}' }, reportSchema)
      return {
        reportId: report.id,
        candidateId: report.candidate_id,
        status: report.status,
        result: report.result,
        assessment: report.assessment,
        adjudication: report.adjudication,
        completedAt: report.completed_at,
        createdAt: report.created_at,
        eta: report.estimated_completion_time,
      }
    },

    async listAdverseItems(reportId) {
      const path = `/reports/${segment(reportId, 'reportId')}/adverse_items`
      const items: { id: string; text: string }[] = []
      // Follow pages while Checkr says there are more; a partial list would under-notify the candidate.
      for (let page = 1; page <= MAX_PAGES; page++) {
        const query = page === 1 ? {} : { page: String(page) }
        const list = await http.send({ method: 'GET', path, route: 'GET /reports/{id}/adverse_items', query }, listSchema(adverseItemSchema))
        for (const item of list.data) items.push({ id: item.id, text: item.text })
        if (!list.next_href || list.data.length === 0) return items
      }
      throw new CheckrApiError('provider_bad_response', `Checkr GET /reports/{id}/adverse_items returned more than ${MAX_PAGES} pages`, {
        status: null,
        checkrMessage: null,
        attempts: MAX_PAGES,
      })
    },

    async createAdverseAction(input) {
      if (input.adverseItemIds.length === 0) {
        throw new VetkitError('invalid_argument', 'createAdverseAction needs at least one adverse item id', { field: 'adverseItemIds' })
      }
      if (Number.isNaN(input.postNoticeScheduledAt.getTime())) {
        throw new VetkitError('invalid_argument', 'postNoticeScheduledAt is not a valid date', { field: 'postNoticeScheduledAt' })
      }
      const path = `/reports/${segment(input.reportId, 'reportId')}/adverse_actions`
      const body = { adverse_item_ids: [...input.adverseItemIds], post_notice_scheduled_at: input.postNoticeScheduledAt.toISOString() }
      const action = await http.send(
        { method: 'POST', path, route: 'POST /reports/{id}/adverse_actions', body, idempotencyKey: input.idempotencyKey },
        adverseActionSchema,
      )
      return { adverseActionId: action.id, postNoticeScheduledAt: action.post_notice_scheduled_at }
    },

    async cancelAdverseAction(adverseActionId) {
      const path = `/adverse_actions/${segment(adverseActionId, 'adverseActionId')}`
      try {
        await http.send({ method: 'DELETE', path, route: 'DELETE /adverse_actions/{id}' }, ignoredBody)
      } catch (error) {
        // Already canceled (e.g. the replay of a DELETE whose first response was lost) is done.
        if (error instanceof CheckrApiError && isRefusal(error.code)) {
          const read = () => http.send({ method: 'GET', path, route: 'GET /adverse_actions/{id}' }, adverseActionSchema)
          if (await isGone(async () => (await read()).status === 'canceled')) return
        }
        throw error
      }
    },

    verifyWebhook: (request) => verifyCheckrWebhook(request, webhookAuth),
    parseWebhook: (rawBody) => parseCheckrWebhook(rawBody),
    resolveWebhook: (trigger) => resolveCheckrWebhook(provider, trigger),
    // The candidate's page lists their reports; it is the dashboard's stable deep link.
    reportUrl: ({ candidateId }) => (candidateId ? `${config.dashboardUrl}/candidates/${encodeURIComponent(candidateId)}` : null),
  }
  return provider
}

function toInvitation(invitation: z.output<typeof invitationSchema>): ProviderInvitation {
  return {
    invitationId: invitation.id,
    invitationUrl: invitation.invitation_url,
    status: invitation.status,
    candidateId: invitation.candidate_id,
    reportId: invitation.report_id,
    expiresAt: invitation.expires_at,
    deletedAt: invitation.deleted_at,
  }
}

function toWorkLocation(location: WorkLocation): Record<string, unknown> {
  return compact({ country: location.country, state: location.state, city: location.city })
}

/** An id as one path segment. An empty id would turn `GET /reports/{id}` into a list call. */
function segment(value: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new VetkitError('invalid_argument', `${field} must be a non-empty string`, { field })
  return encodeURIComponent(value)
}

/** Drops undefined members, so optional fields are absent rather than `null` in the body. */
function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined))
}

/** A 4xx refusal of the request or of the object's state. */
function isRefusal(code: string): boolean {
  return code === 'provider_rejected' || code === 'provider_state_conflict'
}

/** After a refused DELETE: re-reads the object; if that read fails too, the original error stands. */
async function isGone(check: () => Promise<boolean>): Promise<boolean> {
  try {
    return await check()
  } catch {
    return false
  }
}
