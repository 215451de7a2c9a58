import type { ProviderCheckEvent, ReportSnapshot } from '../../domain/check-events'
import { VetkitError } from '../../errors'
import type { ResolvedWebhook, WebhookTrigger } from '../../ports/provider'
import { UnknownCheckError } from './unknown-check-error'

/**
 * The state machine's event for a resolved trigger. Completions take their verdict and
 * completion time from the re-read report while it is complete (a later dispute may have changed
 * its status since: then from the payload, then from what the API still shows).
 */
export function toCheckEvent(trigger: WebhookTrigger, resolved: ResolvedWebhook, occurredAt: Date): ProviderCheckEvent {
  const { reportId, current, carried } = resolved
  const base = { source: 'provider' as const, occurredAt }
  switch (trigger.event) {
    case 'invitation.completed':
      return { ...base, type: 'invitation.completed', reportId }
    case 'invitation.expired':
    case 'invitation.canceled':
      return { ...base, type: trigger.event }
    default:
      break
  }
  // A candidate-level event whose candidate has no report yet names no report: nothing to match.
  if (reportId === null) throw new UnknownCheckError()
  const report = { ...base, reportId, eta: (current ?? carried)?.eta ?? null }
  switch (trigger.event) {
    case 'report.completed':
    case 'report.engaged': {
      const complete = current?.status === 'complete' ? current : null
      const completedAt = complete?.completedAt ?? carried?.completedAt ?? current?.completedAt ?? null
      if (!completedAt) throw new VetkitError('report_incomplete', 'the provider has no completion time for this report yet')
      if (trigger.event === 'report.engaged') return { ...report, type: 'report.engaged', completedAt }
      const verdict: ReportSnapshot | null = complete ?? carried ?? current
      return { ...report, type: 'report.completed', completedAt, result: verdict?.result ?? null, assessment: verdict?.assessment ?? null }
    }
    case 'report.updated': {
      if (!current) throw new VetkitError('report_incomplete', 'a report revision is judged on a fresh read of the report')
      return { ...report, type: 'report.updated', report: current }
    }
    default:
      return { ...report, type: trigger.event }
  }
}
