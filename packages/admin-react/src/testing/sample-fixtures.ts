import { addBusinessDays } from './business-days'
import { buildAdverseAction, buildConsent, buildEmail, buildFixtureCheck, buildFixtureWebhook, buildHistoryEntry } from './fixture-builders'
import type { AdminFixtures } from './fixture-types'

const DAY_MS = 86_400_000

/** Stable ids of the sample checks, for tests that open one. */
export const SAMPLE_CHECK_IDS = {
  consider: 'chk-consider-ada',
  pending: 'chk-pending-grace',
  invited: 'chk-invited-alan',
  preAdverseWaiting: 'chk-pre-adverse-katherine',
  preAdverseDue: 'chk-pre-adverse-dorothy',
  disputed: 'chk-disputed-mary',
  passedExpiring: 'chk-passed-hedy',
  passedDisputed: 'chk-passed-annie',
  reportCanceled: 'chk-canceled-margaret',
  invitationExpired: 'chk-expired-radia',
  failed: 'chk-failed-joan',
} as const

/**
 * A review desk's worth of checks, one or more in every queue, with history, consents, emails
 * and webhook deliveries, dated relative to `now`.
 */
export function sampleFixtures(now: Date = new Date()): AdminFixtures {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString()
  const ids = SAMPLE_CHECK_IDS
  const katherineStarted = new Date(now.getTime() - 1 * DAY_MS)
  const dorothyStarted = new Date(now.getTime() - 12 * DAY_MS)
  const subject = (key: string, name: string) => ({ subjectId: `sub-${key}`, name, email: `${key}@example.test` })
  const people = {
    ada: subject('ada', 'Ada Lovelace'),
    grace: subject('grace', 'Grace Hopper'),
    alan: subject('alan', 'Alan Turing'),
    katherine: subject('katherine', 'Katherine Johnson'),
    dorothy: subject('dorothy', 'Dorothy Vaughan'),
    mary: subject('mary', 'Mary Jackson'),
    hedy: subject('hedy', 'Hedy Lamarr'),
    annie: subject('annie', 'Annie Easley'),
    margaret: subject('margaret', 'Margaret Hamilton'),
    radia: subject('radia', 'Radia Perlman'),
    joan: subject('joan', 'Joan Clarke'),
  }
  const who = (p: { subjectId: string; name: string; email: string }) => ({ subject: { name: p.name, email: p.email } })
  const items = [
    { id: 'item-1', text: 'Misdemeanor: petty theft (2019), Travis County, TX' },
    { id: 'item-2', text: 'Motor vehicle: license suspended (2024)' },
  ]

  return {
    checks: [
      buildFixtureCheck({
        ...who(people.ada),
        check: { id: ids.consider, subjectId: people.ada.subjectId, status: 'consider', outcome: 'consider', createdAt: ago(6), updatedAt: ago(1), reportCompletedAt: ago(1) },
        adverseItems: items,
        emails: [buildEmail({ template: 'invitation', createdAt: ago(6), sentAt: ago(6) })],
        history: [
          buildHistoryEntry({ id: 'h-ada-1', eventType: 'check.invited', fromStatus: null, toStatus: 'invited', actorKind: 'host', actorId: 'onboarding', occurredAt: ago(6), recordedAt: ago(6) }),
          buildHistoryEntry({ id: 'h-ada-2', eventType: 'report.created', fromStatus: 'invited', toStatus: 'pending', occurredAt: ago(4), recordedAt: ago(4) }),
          buildHistoryEntry({ id: 'h-ada-3', eventType: 'report.completed', fromStatus: 'pending', toStatus: 'consider', occurredAt: ago(1), recordedAt: ago(1), webhookEventId: '1001' }),
        ],
      }),
      buildFixtureCheck({
        ...who(people.grace),
        check: { id: ids.pending, subjectId: people.grace.subjectId, status: 'pending', createdAt: ago(3), updatedAt: ago(2), reportEta: new Date(now.getTime() + 2 * DAY_MS).toISOString() },
      }),
      buildFixtureCheck({
        ...who(people.alan),
        check: { id: ids.invited, subjectId: people.alan.subjectId, status: 'invited', createdAt: ago(2), updatedAt: ago(2), invitationUrl: 'https://apply.checkr-staging.test/invite/alan' },
        reportUrl: null,
      }),
      buildFixtureCheck({
        ...who(people.katherine),
        check: {
          id: ids.preAdverseWaiting,
          subjectId: people.katherine.subjectId,
          status: 'pre_adverse',
          outcome: 'consider',
          createdAt: ago(9),
          updatedAt: ago(1),
          reportCompletedAt: ago(3),
          adverseAction: buildAdverseAction({ startedAt: katherineStarted.toISOString(), adverseItemIds: ['item-1'], finalNoticeDueAt: addBusinessDays(katherineStarted, 5).toISOString() }),
        },
        adverseItems: items,
        emails: [buildEmail({ template: 'pre_adverse_notice', createdAt: ago(1), sentAt: ago(1) })],
        history: [
          buildHistoryEntry({ id: 'h-katherine-1', eventType: 'report.completed', fromStatus: 'pending', toStatus: 'consider', occurredAt: ago(3), recordedAt: ago(3) }),
          buildHistoryEntry({ id: 'h-katherine-2', eventType: 'adverse.started', fromStatus: 'consider', toStatus: 'pre_adverse', actorKind: 'admin', actorId: 'reviewer@example.test', reason: 'theft conviction within 7 years; role handles payments', occurredAt: ago(1), recordedAt: ago(1) }),
        ],
      }),
      buildFixtureCheck({
        ...who(people.dorothy),
        check: {
          id: ids.preAdverseDue,
          subjectId: people.dorothy.subjectId,
          status: 'pre_adverse',
          outcome: 'consider',
          createdAt: ago(20),
          updatedAt: ago(12),
          reportCompletedAt: ago(14),
          adverseAction: buildAdverseAction({ startedAt: dorothyStarted.toISOString(), adverseItemIds: ['item-2'], finalNoticeDueAt: addBusinessDays(dorothyStarted, 5).toISOString() }),
        },
        adverseItems: items,
        emails: [buildEmail({ template: 'pre_adverse_notice', status: 'failed', attempts: 3, lastError: 'SMTP 550: mailbox unavailable', createdAt: ago(12), sentAt: null })],
      }),
      buildFixtureCheck({
        ...who(people.mary),
        check: {
          id: ids.disputed,
          subjectId: people.mary.subjectId,
          status: 'disputed',
          outcome: 'consider',
          createdAt: ago(15),
          updatedAt: ago(2),
          reportCompletedAt: ago(10),
          inDispute: true,
          dispute: { openedAt: ago(2), source: 'vetkit', writtenDispute: true },
          adverseAction: buildAdverseAction({ startedAt: ago(5), businessDaysElapsed: 2, paused: true, writtenDispute: true }),
        },
        adverseItems: items,
      }),
      buildFixtureCheck({
        ...who(people.hedy),
        check: { id: ids.passedExpiring, subjectId: people.hedy.subjectId, status: 'passed', outcome: 'clear', createdAt: ago(345), updatedAt: ago(340), reportCompletedAt: ago(340), clearedAt: ago(340), validUntil: new Date(now.getTime() + 20 * DAY_MS).toISOString() },
      }),
      buildFixtureCheck({
        ...who(people.annie),
        check: {
          id: ids.passedDisputed,
          subjectId: people.annie.subjectId,
          status: 'passed',
          outcome: 'clear',
          createdAt: ago(30),
          updatedAt: ago(1),
          reportCompletedAt: ago(25),
          clearedAt: ago(25),
          validUntil: new Date(now.getTime() + 340 * DAY_MS).toISOString(),
          inDispute: true,
          dispute: { openedAt: ago(1), source: 'provider', writtenDispute: false },
        },
      }),
      buildFixtureCheck({
        ...who(people.margaret),
        check: { id: ids.reportCanceled, subjectId: people.margaret.subjectId, status: 'canceled', createdAt: ago(8), updatedAt: ago(4), closedAt: ago(4), closedReason: 'report_canceled' },
        history: [
          buildHistoryEntry({ id: 'h-margaret-1', eventType: 'report.created', fromStatus: 'invited', toStatus: 'pending', occurredAt: ago(7), recordedAt: ago(7) }),
          buildHistoryEntry({ id: 'h-margaret-2', eventType: 'report.canceled', fromStatus: 'pending', toStatus: 'canceled', reason: 'candidate withdrew', occurredAt: ago(4), recordedAt: ago(4), webhookEventId: '1005' }),
        ],
      }),
      buildFixtureCheck({
        ...who(people.radia),
        check: { id: ids.invitationExpired, subjectId: people.radia.subjectId, status: 'canceled', createdAt: ago(40), updatedAt: ago(33), closedAt: ago(33), closedReason: 'invitation_expired' },
        reportUrl: null,
      }),
      buildFixtureCheck({
        ...who(people.joan),
        check: {
          id: ids.failed,
          subjectId: people.joan.subjectId,
          status: 'failed',
          outcome: 'consider',
          createdAt: ago(50),
          updatedAt: ago(30),
          reportCompletedAt: ago(45),
          finalAdverseAt: ago(30),
          closedAt: ago(30),
          closedReason: 'adverse_action',
        },
      }),
    ],
    consents: [
      buildConsent({ subjectId: people.ada.subjectId, signatureName: people.ada.name, signedAt: ago(7) }),
      buildConsent({ subjectId: people.grace.subjectId, signatureName: people.grace.name, signedAt: ago(3) }),
      buildConsent({ subjectId: people.katherine.subjectId, signatureName: people.katherine.name, signedAt: ago(10) }),
      buildConsent({ subjectId: people.dorothy.subjectId, signatureName: people.dorothy.name, signedAt: ago(21) }),
      buildConsent({ subjectId: people.mary.subjectId, signatureName: people.mary.name, signedAt: ago(16) }),
      buildConsent({ subjectId: people.margaret.subjectId, signatureName: people.margaret.name, signedAt: ago(9) }),
      buildConsent({ subjectId: people.joan.subjectId, signatureName: people.joan.name, signedAt: ago(51) }),
    ],
    webhooks: [
      buildFixtureWebhook({ id: '1001', eventType: 'report.completed', receivedAt: ago(1), processedAt: ago(1), checkId: ids.consider }),
      buildFixtureWebhook({ id: '1002', eventType: 'report.completed', receivedAt: ago(0.9), httpStatus: 401, authOutcome: 'bad_signature', processingOutcome: 'not_processed', processedAt: null, errorCode: 'invalid_webhook' }, {}),
      buildFixtureWebhook({ id: '1003', eventType: 'report.created', receivedAt: ago(0.8), httpStatus: 401, authOutcome: 'placeholder_signature', processingOutcome: 'not_processed', processedAt: null, errorCode: 'invalid_webhook' }, {}),
      buildFixtureWebhook({ id: '1004', eventType: null, eventId: null, receivedAt: ago(0.7), httpStatus: 400, authOutcome: 'malformed', processingOutcome: 'not_processed', processedAt: null, errorCode: 'malformed_json' }, {}),
      buildFixtureWebhook({ id: '1005', eventType: 'report.canceled', receivedAt: ago(4), processedAt: ago(4), checkId: ids.reportCanceled }),
      buildFixtureWebhook({ id: '1006', eventType: 'invitation.completed', receivedAt: ago(0.1), httpStatus: 200, processingOutcome: 'dead', attempts: 8, errorCode: 'unknown_check' }),
      buildFixtureWebhook({ id: '1007', eventType: 'report.suspended', receivedAt: ago(0.05), httpStatus: 200, processingOutcome: 'queued', processedAt: null }),
    ],
  }
}
