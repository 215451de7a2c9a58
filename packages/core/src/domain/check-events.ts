/**
 * The events that move a check. Provider events are normalised from the provider's webhooks (and,
 * when a payload is thin or stale, from a fresh read of the report); vetkit events are decisions
 * taken in this system by an admin, the host or a scheduled job.
 */

/** Who caused a vetkit event: kept in the history of every transition. */
export interface Actor {
  kind: 'admin' | 'subject' | 'system' | 'host'
  id: string
}

interface ProviderEventBase {
  source: 'provider'
  /** When the provider produced the event (Checkr: the event's `created_at`). Orders delivery. */
  occurredAt: Date
}

interface ReportEventBase extends ProviderEventBase {
  reportId: string
  /** The provider's estimate of when the report completes, when the event carried one. */
  eta?: Date | null
}

/** A report as the provider's API returns it now: what a revision (`report.updated`) is judged on. */
export interface ReportSnapshot {
  /** `pending`, `complete`, `suspended`, `dispute`, `canceled`, ... (open). */
  status: string
  result: string | null
  assessment: string | null
  /** `engaged`, `pre_adverse_action`, `post_adverse_action` or null (open). */
  adjudication: string | null
  completedAt: Date | null
  eta: Date | null
}

export type ProviderCheckEvent =
  | (ProviderEventBase & { type: 'invitation.completed'; reportId: string | null })
  | (ProviderEventBase & { type: 'invitation.expired' })
  | (ProviderEventBase & { type: 'invitation.canceled' })
  | (ReportEventBase & { type: 'report.created' })
  | (ReportEventBase & { type: 'report.suspended' })
  | (ReportEventBase & { type: 'report.resumed' })
  | (ReportEventBase & { type: 'report.canceled' })
  | (ReportEventBase & {
      type: 'report.completed'
      result: string | null
      assessment: string | null
      /** The report's own completion time: validity is counted from it, never from receipt. */
      completedAt: Date
    })
  | (ReportEventBase & { type: 'report.engaged'; completedAt: Date })
  /**
   * The report changed after the fact (an assessment applied, a new result or adjudication, a new
   * ETA). It is judged by the same rules as the event it implies (a completion, an engagement, an
   * adverse action); one that changes nothing but the ETA is no transition.
   */
  | (ReportEventBase & { type: 'report.updated'; report: ReportSnapshot })
  | (ReportEventBase & { type: 'report.disputed' })
  | (ReportEventBase & { type: 'report.pre_adverse_action' })
  | (ReportEventBase & { type: 'report.post_adverse_action' })

interface VetkitEventBase {
  source: 'vetkit'
  at: Date
  actor: Actor
  reason?: string
}

export type NoticeMedium = 'email' | 'postal'

export type VetkitCheckEvent =
  | (VetkitEventBase & { type: 'review.cleared' })
  | (VetkitEventBase & {
      type: 'adverse.started'
      adverseItemIds: readonly string[]
      medium: NoticeMedium
    })
  | (VetkitEventBase & { type: 'adverse.finalized' })
  | (VetkitEventBase & { type: 'adverse.canceled' })
  | (VetkitEventBase & { type: 'dispute.opened'; writtenDispute: boolean })
  | (VetkitEventBase & { type: 'dispute.resolved' })
  | (VetkitEventBase & { type: 'check.canceled' })
  | (VetkitEventBase & { type: 'validity.expired' })

export type CheckEvent = ProviderCheckEvent | VetkitCheckEvent
export type CheckEventType = CheckEvent['type']

/** Event time, whatever its source. */
export function eventTime(event: CheckEvent): Date {
  return event.source === 'provider' ? event.occurredAt : event.at
}
