import type { ReportSnapshot } from '../../domain/check-events'
import type { ProviderRefs, ProviderReport, ScreeningProvider, WebhookTrigger } from '../../ports/provider'

/** A trigger after the provider was asked: the ids to match on, and the report as it is now. */
export interface ResolvedTrigger {
  refs: ProviderRefs
  /** The report as the provider's API returns it now; null when it was not re-read. */
  current: ReportSnapshot | null
  /** The report as the payload carried it; null for a thin payload. */
  carried: ReportSnapshot | null
}

/** Events whose verdict must come from the API whatever the payload says (it may be stale). */
const REREAD_REPORT: ReadonlySet<WebhookTrigger['event']> = new Set(['report.completed', 'report.engaged', 'report.updated'])

/**
 * The webhook is a trigger and the provider's API the source of truth. A thin payload is re-read
 * (`GET /v1/reports/{id}`, `/v1/invitations/{id}`, `/v1/candidates/{id}`) before the event is
 * matched to a check, so thin and full payloads take one path; a completion or revision always
 * re-reads the report, so a stale full payload and a thin one are judged alike.
 */
export async function resolveTrigger(provider: ScreeningProvider, trigger: WebhookTrigger): Promise<ResolvedTrigger> {
  const { kind, id } = trigger.object
  const carried = trigger.report
  switch (kind) {
    case 'report': {
      if (!trigger.thin && !REREAD_REPORT.has(trigger.event)) return { refs: trigger.refs, current: null, carried }
      const report = await provider.getReport(id)
      return { refs: { ...trigger.refs, reportId: report.reportId, candidateId: report.candidateId }, current: snapshotOf(report), carried }
    }
    case 'invitation': {
      if (!trigger.thin) return { refs: trigger.refs, current: null, carried }
      const invitation = await provider.getInvitation(id)
      return { refs: { invitationId: invitation.invitationId, candidateId: invitation.candidateId, reportId: invitation.reportId }, current: null, carried }
    }
    case 'candidate': {
      if (!trigger.thin) return { refs: trigger.refs, current: null, carried }
      // A candidate-level event is about the candidate's most recent report.
      const candidate = await provider.getCandidate(id)
      return { refs: { candidateId: candidate.candidateId, invitationId: null, reportId: candidate.reportIds.at(-1) ?? null }, current: null, carried }
    }
  }
}

function snapshotOf(report: ProviderReport): ReportSnapshot {
  return {
    status: report.status,
    result: report.result,
    assessment: report.assessment,
    adjudication: report.adjudication,
    completedAt: report.completedAt,
    eta: report.eta,
  }
}
