import type { ProviderInvitation, ProviderReport } from '../../ports/provider'
import type { AdverseActionRecord, InvitationRecord, ReportRecord } from './records'
import type { WebhookEntry } from './webhook-log'

// Read-only copies of the simulator's records, so callers cannot change its state by mutation.

export function invitationView(i: InvitationRecord): ProviderInvitation {
  return {
    invitationId: i.id,
    invitationUrl: i.url,
    status: i.status,
    candidateId: i.candidateId,
    reportId: i.reportId,
    expiresAt: new Date(i.expiresAt),
    deletedAt: i.deletedAt ? new Date(i.deletedAt) : null,
  }
}

export function reportView(r: ReportRecord): ProviderReport {
  return {
    reportId: r.id,
    candidateId: r.candidateId,
    status: r.status,
    result: r.result,
    assessment: r.assessment,
    adjudication: r.adjudication,
    completedAt: r.completedAt ? new Date(r.completedAt) : null,
    createdAt: new Date(r.createdAt),
    eta: new Date(r.estimatedCompletionAt),
  }
}

/** A generated webhook, for tests and demos. `body` is the exact signed JSON. */
export interface FakeWebhookRecord {
  eventId: string
  type: string
  /** `report`, `invitation` or `candidate`: the object in `data.object`. */
  objectType: string
  objectId: string
  /** The event's `created_at`. */
  createdAt: Date
  body: string
  delivered: boolean
  attempts: number
}

export function webhookView(e: WebhookEntry): FakeWebhookRecord {
  return {
    eventId: e.eventId,
    type: e.type,
    objectType: e.objectType,
    objectId: e.objectId,
    createdAt: new Date(e.createdAt),
    body: e.body,
    delivered: e.delivered,
    attempts: e.attempts,
  }
}

/** An adverse action as Checkr's `GET /adverse_actions/{id}` would describe it. */
export interface FakeAdverseAction {
  adverseActionId: string
  reportId: string
  /** `pending` (post notice scheduled), `complete` (sent), `dispute`, `canceled`. */
  status: string
  createdAt: Date
  postNoticeScheduledAt: Date
  postNoticeReadyAt: Date
  canceledAt: Date | null
  adverseItemIds: string[]
}

export function adverseActionView(a: AdverseActionRecord): FakeAdverseAction {
  return {
    adverseActionId: a.id,
    reportId: a.reportId,
    status: a.status,
    createdAt: new Date(a.createdAt),
    postNoticeScheduledAt: new Date(a.postNoticeScheduledAt),
    postNoticeReadyAt: new Date(a.postNoticeReadyAt),
    canceledAt: a.canceledAt ? new Date(a.canceledAt) : null,
    adverseItemIds: [...a.adverseItemIds],
  }
}
