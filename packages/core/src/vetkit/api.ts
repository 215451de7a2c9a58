import { VetkitError } from '../errors'
import { OPERATIONS } from '../operations/operations'
import { recordConsent, upsertSubject, type RecordConsentInput } from '../pipelines/consent/record-consent'
import { createDecisions } from '../pipelines/decisions/decide'
import type { EngineContext } from '../pipelines/engine-context'
import { inviteSubject, type InviteInput } from '../pipelines/invite/invite-subject'
import { parseInput } from '../pipelines/parse-input'
import { receiveWebhook, refuseDelivery, type WebhookRequest } from '../pipelines/webhooks/receive-webhook'
import type { CheckListQuery, WebhookListQuery } from '../ports/storage'
import { subjectStatus } from './subject-status'

/**
 * `vetkit.api`: the engine's operations, typed, for server-side callers (and the HTTP handler).
 * Every one validates its input with the fields of its operation in `OPERATIONS`, so a host
 * calling it directly gets the same 4xx-class errors, naming the field, as an HTTP client.
 */
export function createApi(ctx: EngineContext) {
  const decisions = createDecisions(ctx)
  const subjectId = (raw: string) => parseInput(OPERATIONS.getStatus.params, { subjectId: raw }).subjectId
  const checkId = (raw: string) => parseInput(OPERATIONS.getCheck.params, { checkId: raw }).checkId
  const loadCheck = async (raw: string) => {
    const check = await ctx.storage.checks.get(checkId(raw))
    if (!check) throw new VetkitError('not_found', 'no such check', { field: 'checkId' })
    return check
  }

  return {
    recordConsent: (input: RecordConsentInput) => recordConsent(ctx, input),
    invite: (input: InviteInput) => inviteSubject(ctx, input, 'invite'),
    recheck: (input: InviteInput) => inviteSubject(ctx, input, 'recheck'),
    getStatus: (id: string) => subjectStatus(ctx, subjectId(id)),
    /** The subject's checks, newest first (re-checks included). */
    async listSubjectChecks(id: string) {
      return (await ctx.storage.checks.listForSubject(subjectId(id))).reverse()
    },
    /**
     * Creates or updates a subject from the host's own records (the email the invitation goes
     * to, the name shown to reviewers), so they need not come from the client.
     */
    upsertSubject: (input: { subjectId: string; email?: string | null; displayName?: string | null }) => upsertSubject(ctx, input),
    ...decisions,
    async getCheck(id: string) {
      const check = await loadCheck(id)
      const [history, consents] = await Promise.all([ctx.storage.history.listForCheck(check.id), ctx.storage.consents.listForSubject(check.subjectId, 10)])
      return { check, history, consents }
    },
    listChecks: (query: Omit<CheckListQuery, 'now'>) => ctx.storage.checks.list({ ...query, now: ctx.clock.now() }),
    /** The webhook log, newest first. */
    listWebhooks: (query: WebhookListQuery) => ctx.storage.webhooks.list(query),
    /** The report's items an adverse action may be based on. */
    async listAdverseItems(id: string) {
      const check = await loadCheck(id)
      if (!check.state.reportId) return []
      return ctx.provider.listAdverseItems(check.state.reportId)
    },
  }
}

export type VetkitApi = ReturnType<typeof createApi>

/** `vetkit.webhooks`: intake for the provider's webhooks, and the webhook log. */
export function createWebhookIntake(ctx: EngineContext) {
  return {
    /** Verify, record, enqueue, acknowledge. */
    receive: (request: WebhookRequest, options?: { maxBytes?: number }) => receiveWebhook(ctx, request, options),
    list: (query: WebhookListQuery) => ctx.storage.webhooks.list(query),
    /**
     * Records a delivery the HTTP layer refused before reading it (a 413), for the webhook log;
     * the answer is a 429 instead when its source is over the refusal limit.
     */
    refuse: (httpStatus: number, code: string, clientIp: string | null) => refuseDelivery(ctx, { status: httpStatus, code, authOutcome: 'malformed', clientIp }),
  }
}

export type WebhookIntake = ReturnType<typeof createWebhookIntake>
