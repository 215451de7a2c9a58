import type { ReportSnapshot } from '../../domain/check-events'
import type { CheckLookup, ProviderRefs, ProviderReport, ResolvedWebhook, ScreeningProvider, WebhookTrigger } from '../../ports/provider'

/** Events whose verdict must come from the API whatever the payload says (it may be stale). */
const REREAD_REPORT: ReadonlySet<WebhookTrigger['event']> = new Set(['report.completed', 'report.engaged', 'report.updated'])

type CheckrReads = Pick<ScreeningProvider, 'getCandidate' | 'getInvitation' | 'getReport'>

/**
 * Checkr's webhook is a trigger and its API the source of truth. A thin payload is re-read
 * (`GET /v1/reports/{id}`, `/v1/invitations/{id}`, `/v1/candidates/{id}`) before the event is
 * matched to a check, so thin and full payloads take one path; a completion or revision always
 * re-reads the report, so a stale full payload and a thin one are judged alike.
 *
 * The check is found by report id, then by invitation id, then through the candidate (reused
 * across re-checks): its newest check not yet bound to a report.
 */
export async function resolveCheckrWebhook(api: CheckrReads, trigger: WebhookTrigger): Promise<ResolvedWebhook> {
  const carried = trigger.report
  const { refs, current } = await reread(api, trigger)
  return { reportId: refs.reportId, match: lookups(refs), current, carried }
}

async function reread(api: CheckrReads, trigger: WebhookTrigger): Promise<{ refs: ProviderRefs; current: ReportSnapshot | null }> {
  const { kind, id } = trigger.object
  switch (kind) {
    case 'report': {
      if (!trigger.thin && !REREAD_REPORT.has(trigger.event)) return { refs: trigger.refs, current: null }
      const report = await api.getReport(id)
      return { refs: { ...trigger.refs, reportId: report.reportId, candidateId: report.candidateId }, current: snapshotOf(report) }
    }
    case 'invitation': {
      if (!trigger.thin) return { refs: trigger.refs, current: null }
      const invitation = await api.getInvitation(id)
      return { refs: { invitationId: invitation.invitationId, candidateId: invitation.candidateId, reportId: invitation.reportId }, current: null }
    }
    case 'candidate': {
      if (!trigger.thin) return { refs: trigger.refs, current: null }
      // A candidate-level event is about the candidate's most recent report.
      const candidate = await api.getCandidate(id)
      return { refs: { candidateId: candidate.candidateId, invitationId: null, reportId: candidate.reportIds.at(-1) ?? null }, current: null }
    }
  }
}

function lookups(refs: ProviderRefs): CheckLookup[] {
  const match: CheckLookup[] = []
  if (refs.reportId) match.push({ kind: 'report', id: refs.reportId })
  if (refs.invitationId) match.push({ kind: 'invitation', id: refs.invitationId })
  if (refs.candidateId) match.push({ kind: 'candidate', id: refs.candidateId, newestOpen: true })
  return match
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
