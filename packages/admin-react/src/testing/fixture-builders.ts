import type { AdverseActionJson, CheckJson, ConsentEvidence, EmailRecord, HistoryEntry, WebhookEntry } from '../api/types'
import type { FixtureCheck, FixtureWebhook } from './fixture-types'

const EPOCH = '2026-01-05T15:00:00.000Z'
const newId = () => globalThis.crypto.randomUUID()

/** A check as the API answers it: a pending Checkr check unless overridden. */
export function buildCheck(overrides: Partial<CheckJson> = {}): CheckJson {
  return {
    id: newId(),
    subjectId: `subject-${newId().slice(0, 8)}`,
    provider: 'checkr',
    packageSlug: 'tasker_standard',
    version: 1,
    status: 'pending',
    jurisdiction: 'us-fcra',
    outcome: null,
    reportCompletedAt: null,
    reportEta: null,
    clearedAt: null,
    validUntil: null,
    adverseAction: null,
    dispute: null,
    inDispute: false,
    finalAdverseAt: null,
    closedAt: null,
    closedReason: null,
    invitationUrl: null,
    previousCheckId: null,
    nextReminderAt: null,
    createdAt: EPOCH,
    updatedAt: EPOCH,
    ...overrides,
  }
}

/** An adverse action whose wait runs (five business days unless overridden). */
export function buildAdverseAction(overrides: Partial<AdverseActionJson> = {}): AdverseActionJson {
  return {
    startedAt: EPOCH,
    adverseItemIds: ['item-1'],
    medium: 'email',
    writtenDispute: false,
    waitBusinessDays: 5,
    businessDaysElapsed: 0,
    paused: false,
    finalNoticeDueAt: null,
    businessDaysRemaining: null,
    ...overrides,
  }
}

export function buildHistoryEntry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: newId(),
    eventType: 'report.created',
    fromStatus: 'invited',
    toStatus: 'pending',
    actorKind: 'provider',
    actorId: 'checkr',
    reason: null,
    webhookEventId: null,
    details: null,
    occurredAt: EPOCH,
    recordedAt: EPOCH,
    ...overrides,
  }
}

export function buildConsent(overrides: Partial<ConsentEvidence> = {}): ConsentEvidence {
  return {
    id: newId(),
    subjectId: 'subject-1',
    disclosureVersion: 'fcra-2026-01',
    authorizationTextHash: 'sha256:5d41402abc4b2a76b9719d911017c592ae3f0c1f4c1b0b6a5e0d4f4e6f1a2b3c',
    signatureName: 'Subject One',
    signedAt: EPOCH,
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/146.0',
    ...overrides,
  }
}

export function buildEmail(overrides: Partial<EmailRecord> = {}): EmailRecord {
  return { id: newId(), template: 'invitation', status: 'sent', attempts: 1, lastError: null, createdAt: EPOCH, sentAt: EPOCH, ...overrides }
}

/** A check with its subject, history, emails, report items and report link. */
export function buildFixtureCheck(parts: Partial<Omit<FixtureCheck, 'check'>> & { check?: Partial<CheckJson> } = {}): FixtureCheck {
  const check = buildCheck(parts.check)
  return {
    check,
    subject: parts.subject ?? { name: null, email: null },
    history: parts.history ?? [],
    emails: parts.emails ?? [],
    adverseItems: parts.adverseItems ?? [],
    reportUrl: parts.reportUrl === undefined ? `https://dashboard.checkr-staging.test/reports/${check.id}` : parts.reportUrl,
  }
}

export function buildWebhook(overrides: Partial<WebhookEntry> = {}): WebhookEntry {
  return {
    id: String(Math.floor(Math.random() * 1e9)),
    provider: 'checkr',
    eventId: `evt_${newId().slice(0, 12)}`,
    eventType: 'report.completed',
    receivedAt: EPOCH,
    httpStatus: 200,
    authOutcome: 'ok',
    processingOutcome: 'applied',
    processedAt: EPOCH,
    errorCode: null,
    checkId: null,
    attempts: 1,
    ...overrides,
  }
}

export function buildFixtureWebhook(overrides: Partial<WebhookEntry> = {}, headers?: Record<string, string>): FixtureWebhook {
  return {
    webhook: buildWebhook(overrides),
    headers: headers ?? { 'content-type': 'application/json', 'user-agent': 'Checkr-Webhook/1.0', 'x-checkr-signature': '[redacted]' },
  }
}
