import type { WaitClock } from '../domain/adverse-action/wait-clock'
import { errorCodeInfo } from '../error-codes'
import { ThrottledError, VetkitError } from '../errors'
import { OPERATIONS } from '../operations/operations'
import { recordConsent, upsertSubject, type RecordConsentInput } from '../pipelines/consent/record-consent'
import { createDecisions } from '../pipelines/decisions/decide'
import type { EngineContext } from '../pipelines/engine-context'
import { inviteSubject, type InviteInput } from '../pipelines/invite/invite-subject'
import { parseInput } from '../pipelines/parse-input'
import { receiveWebhook, refuseDelivery, type WebhookRequest } from '../pipelines/webhooks/receive-webhook'
import { REVIEW_QUEUES, REVIEW_QUEUE_NAMES, type ReviewQueue } from '../operations/review-queues'
import { readDeliveryHeaders } from '../pipelines/webhooks/delivery-headers'
import type { CheckListFilter, CheckListQuery, CheckRecord, WebhookListQuery } from '../ports/storage'
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
    invite: (input: InviteInput) => countedInvite(ctx, inviteSubject(ctx, input, 'invite')),
    recheck: (input: InviteInput) => countedInvite(ctx, inviteSubject(ctx, input, 'recheck')),
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
    /** A check with its subject, history, the subject's consents, its emails and the provider's report link. */
    async getCheck(id: string) {
      const check = await loadCheck(id)
      const [subject, history, consents, emails] = await Promise.all([
        ctx.storage.subjects.get(check.subjectId),
        ctx.storage.history.listForCheck(check.id),
        ctx.storage.consents.listForSubject(check.subjectId, 10),
        ctx.storage.emails.listForCheck(check.id),
      ])
      const who = subject ? { id: subject.id, email: subject.email, displayName: subject.displayName } : null
      return { check, subject: who, history, consents, emails, reportUrl: reportUrl(check) }
    },
    /** The review list; `queue` selects one of the console's queues (`REVIEW_QUEUES`), combined with the other filters. */
    listChecks: (query: Omit<CheckListQuery, 'now'> & { queue?: ReviewQueue }) => {
      const { queue, ...rest } = query
      return ctx.storage.checks.list({ ...queueFilter(queue), ...rest, now: ctx.clock.now() })
    },
    /** How many checks each review queue holds (one indexed count per queue). */
    async countChecks(): Promise<Record<ReviewQueue, number>> {
      const now = ctx.clock.now()
      const counts = await Promise.all(REVIEW_QUEUE_NAMES.map((queue) => ctx.storage.checks.count({ ...queueFilter(queue), now })))
      return Object.fromEntries(REVIEW_QUEUE_NAMES.map((queue, i) => [queue, counts[i] ?? 0])) as Record<ReviewQueue, number>
    },
    /** The webhook log, newest first. */
    listWebhooks: (query: WebhookListQuery) => ctx.storage.webhooks.list(query),
    /** One delivery of the log: its redacted headers, and the check it moved with the entries it caused. */
    async getWebhook(id: string) {
      const webhook = await ctx.storage.webhooks.get(id)
      if (!webhook) throw new VetkitError('not_found', 'no such webhook delivery', { field: 'webhookId' })
      const sealed = webhook.authOutcome === 'ok' ? await ctx.storage.webhooks.readEvent(webhook.id) : null
      const check = webhook.checkId ? await ctx.storage.checks.get(webhook.checkId) : null
      const history = check ? (await ctx.storage.history.listForCheck(check.id)).filter((entry) => entry.webhookEventId === webhook.id) : []
      const summary = check ? ((await ctx.storage.checks.list({ now: ctx.clock.now(), search: check.id, limit: 5 })).items.find((item) => item.id === check.id) ?? null) : null
      return { webhook, headers: readDeliveryHeaders(sealed), check: summary, history }
    },
    /** The report's items an adverse action may be based on. */
    async listAdverseItems(id: string) {
      const check = await loadCheck(id)
      if (!check.state.reportId) return []
      return ctx.provider.listAdverseItems(check.state.reportId)
    },
    /** The wait a pre-adverse notice sent now (by email) would start, and when its final notice could go out. */
    async previewAdverseAction(id: string) {
      const check = await loadCheck(id)
      const now = ctx.clock.now()
      const due = ctx.transitions.earliestFinalNoticeAt({ jurisdiction: check.state.jurisdiction, preAdverseNoticeAt: now, medium: 'email', writtenDispute: false })
      return { waitBusinessDays: businessDaysUntil(ctx.transitions.waitClock(check.state.jurisdiction), now, due), finalNoticeDueIfStartedNow: due }
    },
    /**
     * Whole business days until the check's final notice may go out (0 once it may); null without
     * a running wait (none started, paused by a dispute, or finalized).
     */
    businessDaysRemaining(check: CheckRecord): number | null {
      const action = check.state.adverseAction
      if (!action || check.state.status !== 'pre_adverse' || action.finalNoticeDueAt === null) return null
      return businessDaysUntil(ctx.transitions.waitClock(check.state.jurisdiction), ctx.clock.now(), action.finalNoticeDueAt)
    },
  }

  function reportUrl(check: CheckRecord): string | null {
    if (check.provider !== ctx.provider.name || !ctx.provider.reportUrl) return null
    return ctx.provider.reportUrl({ candidateId: check.candidateId, reportId: check.state.reportId })
  }
}

/** The business days to wait from `from` until `to` has come: a part day counts as a whole one. */
function businessDaysUntil(clock: WaitClock, from: Date, to: Date): number {
  const whole = clock.elapsed(from, to)
  return clock.add(from, whole).getTime() < to.getTime() ? whole + 1 : whole
}

/** Counts an invitation request by how it ended (a fault, vetkit's own failure, is not an outcome). */
async function countedInvite<T extends { created: boolean }>(ctx: EngineContext, invite: Promise<T>): Promise<T> {
  try {
    const result = await invite
    ctx.metrics.count('invites', { outcome: result.created ? 'created' : 'existing' })
    return result
  } catch (error) {
    if (error instanceof ThrottledError) ctx.metrics.count('invites', { outcome: 'throttled' })
    else if (error instanceof VetkitError && !errorCodeInfo(error.code).fault) ctx.metrics.count('invites', { outcome: 'refused' })
    throw error
  }
}

function queueFilter(queue: ReviewQueue | undefined): Omit<CheckListFilter, 'now'> {
  return queue === undefined ? {} : REVIEW_QUEUES[queue]
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
    refuse: (httpStatus: number, code: string, clientIp: string | null) => {
      ctx.metrics.count('webhooks_received', { signature: 'malformed' })
      return refuseDelivery(ctx, { status: httpStatus, code, authOutcome: 'malformed', clientIp })
    },
  }
}

export type WebhookIntake = ReturnType<typeof createWebhookIntake>
