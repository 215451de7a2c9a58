import type { OperationOutput } from '@vetkit/core/client'
import { IN_PROGRESS_STATUSES } from '../api/status-groups'
import type { CheckJson, CheckSummary, ConsentEvidence } from '../api/types'
import { addBusinessDays, businessDaysUntil } from './business-days'
import { countQueues, listCheckPage } from './check-list-query'
import { DECISIONS, type DecisionName } from './check-decisions'
import { buildCheck, buildHistoryEntry } from './fixture-builders'
import { FixtureProblem } from './fixture-problem'
import type { AdminFixtures, FixtureCheck } from './fixture-types'
import { sampleFixtures } from './sample-fixtures'
import { listWebhookPage } from './webhook-list-query'

export interface FixtureStoreOptions {
  /** The store's clock (the wait, "expiring soon", timestamps); the real time by default. */
  now?: () => Date
  /** The business days a pre-adverse notice waits (5). */
  waitBusinessDays?: number
  /** The admin the history names as the actor of decisions. */
  adminId?: string
}

export type AdminFixtureStore = ReturnType<typeof createAdminFixtureStore>

/**
 * An in-memory vetkit admin API over fixtures: the reads the console makes, and the decisions
 * with their state changes, history entries and refusals. It copies the fixtures it is given, so
 * one test's decisions never leak into another's.
 */
export function createAdminFixtureStore(fixtures: AdminFixtures = sampleFixtures(), options: FixtureStoreOptions = {}) {
  const data: AdminFixtures = structuredClone(fixtures)
  const clock = options.now ?? (() => new Date())
  const waitBusinessDays = options.waitBusinessDays ?? 5
  const adminId = options.adminId ?? 'admin@example.test'

  const find = (checkId: string): FixtureCheck => {
    const found = data.checks.find((entry) => entry.check.id === checkId)
    if (!found) throw new FixtureProblem(404, 'not_found', 'no such check', 'checkId')
    return found
  }
  const consentsOf = (subjectId: string): ConsentEvidence[] =>
    data.consents.filter((consent) => consent.subjectId === subjectId).sort((a, b) => Date.parse(b.signedAt) - Date.parse(a.signedAt))

  /** The check as the API answers it now: the days still to wait are counted at read time. */
  const present = (check: CheckJson): CheckJson => {
    const action = check.adverseAction
    if (action === null) return check
    const running = check.status === 'pre_adverse' && action.finalNoticeDueAt !== null
    return { ...check, adverseAction: { ...action, businessDaysRemaining: running && action.finalNoticeDueAt !== null ? businessDaysUntil(clock(), new Date(action.finalNoticeDueAt)) : null } }
  }

  const summary = ({ check, subject }: FixtureCheck): CheckSummary => ({
    id: check.id,
    subjectId: check.subjectId,
    subjectEmail: subject.email,
    subjectName: subject.name,
    status: check.status,
    outcome: check.outcome,
    jurisdiction: check.jurisdiction,
    provider: check.provider,
    createdAt: check.createdAt,
    updatedAt: check.updatedAt,
    reportCompletedAt: check.reportCompletedAt,
    reportEta: check.reportEta,
    validUntil: check.validUntil,
    finalNoticeDueAt: check.adverseAction?.finalNoticeDueAt ?? null,
    adverseActionPaused: check.adverseAction?.paused ?? false,
    inDispute: check.inDispute,
    disputeOpenedAt: check.dispute?.openedAt ?? null,
    closedReason: check.closedReason,
    consentSignedAt: consentsOf(check.subjectId)[0]?.signedAt ?? null,
  })

  function decide(name: DecisionName, checkId: string, body: { reason?: unknown; adverseItemIds?: unknown; writtenDispute?: unknown }): CheckJson {
    const entry = find(checkId)
    const now = clock()
    const reason = typeof body.reason === 'string' ? body.reason : null
    const adverseItemIds = Array.isArray(body.adverseItemIds) ? body.adverseItemIds.filter((id): id is string => typeof id === 'string') : []
    const result = DECISIONS[name](
      present(entry.check),
      { reason, adverseItemIds, knownItemIds: entry.adverseItems.map((item) => item.id), writtenDispute: body.writtenDispute === true, waitBusinessDays },
      now,
    )
    const at = now.toISOString()
    entry.history.push(
      buildHistoryEntry({ eventType: result.eventType, fromStatus: entry.check.status, toStatus: result.check.status, actorKind: 'admin', actorId: adminId, reason, occurredAt: at, recordedAt: at }),
    )
    if (result.email !== null) entry.emails.push({ id: globalThis.crypto.randomUUID(), template: result.email, status: 'queued', attempts: 0, lastError: null, createdAt: at, sentAt: null })
    entry.check = { ...result.check, version: entry.check.version + 1, updatedAt: at }
    return present(entry.check)
  }

  return {
    /** The fixtures as they are now (decisions applied), for a test's assertions. */
    snapshot: (): AdminFixtures => structuredClone(data),
    listChecks: (query: URLSearchParams): OperationOutput<'listChecks'> => listCheckPage(data.checks.map(summary), query, clock().getTime()),
    countChecks: (): OperationOutput<'countChecks'> => ({ counts: countQueues(data.checks.map(summary), clock().getTime()) }),
    getCheck(checkId: string): OperationOutput<'getCheck'> {
      const entry = find(checkId)
      const subject = { id: entry.check.subjectId, email: entry.subject.email, displayName: entry.subject.name }
      return { check: present(entry.check), subject, history: entry.history, consents: consentsOf(entry.check.subjectId), emails: entry.emails, reportUrl: entry.reportUrl }
    },
    listAdverseItems(checkId: string): OperationOutput<'listAdverseItems'> {
      const entry = find(checkId)
      return { items: entry.adverseItems, waitBusinessDays, finalNoticeDueIfStartedNow: addBusinessDays(clock(), waitBusinessDays).toISOString() }
    },
    decide,
    /** A re-check for the subject: the open check if there is one, else a new invited check (needs a consent). */
    adminRecheck(subjectId: string): OperationOutput<'adminRecheck'> {
      const mine = data.checks.filter((entry) => entry.check.subjectId === subjectId).sort((a, b) => Date.parse(b.check.createdAt) - Date.parse(a.check.createdAt))
      const newest = mine[0]
      if (newest === undefined) throw new FixtureProblem(404, 'not_found', 'no such subject', 'subjectId')
      if (IN_PROGRESS_STATUSES.includes(newest.check.status)) return { check: present(newest.check), created: false }
      if (consentsOf(subjectId).length === 0) throw new FixtureProblem(409, 'consent_required', 'the subject has not signed the disclosure and authorization; ask them to sign it first')
      const at = clock().toISOString()
      const check = buildCheck({ subjectId, status: 'invited', jurisdiction: newest.check.jurisdiction, previousCheckId: newest.check.id, invitationUrl: `https://apply.checkr-staging.test/invite/${subjectId}`, createdAt: at, updatedAt: at })
      data.checks.push({
        check,
        subject: newest.subject,
        history: [buildHistoryEntry({ eventType: 'check.invited', fromStatus: null, toStatus: 'invited', actorKind: 'admin', actorId: adminId, occurredAt: at, recordedAt: at })],
        emails: [],
        adverseItems: [],
        reportUrl: null,
      })
      return { check, created: true }
    },
    listWebhooks: (query: URLSearchParams): OperationOutput<'listWebhooks'> => listWebhookPage(data.webhooks, query),
    getWebhook(webhookId: string): OperationOutput<'getWebhook'> {
      const delivery = data.webhooks.find((entry) => entry.webhook.id === webhookId)
      if (!delivery) throw new FixtureProblem(404, 'not_found', 'no such webhook delivery', 'webhookId')
      const entry = delivery.webhook.checkId === null ? undefined : data.checks.find((c) => c.check.id === delivery.webhook.checkId)
      return {
        webhook: delivery.webhook,
        headers: delivery.headers,
        check: entry ? summary(entry) : null,
        history: entry ? entry.history.filter((h) => h.webhookEventId === webhookId) : [],
      }
    },
  }
}
