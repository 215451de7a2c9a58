import type { ProviderCheckEvent } from '../../domain/check-events'
import { VetkitError } from '../../errors'
import type { ProviderReport, ProviderWebhookEvent, ScreeningProvider } from '../../ports/provider'

const REPORT_EVENTS = {
  'report.created': 'report.created',
  'report.suspended': 'report.suspended',
  'report.resumed': 'report.resumed',
  'report.canceled': 'report.canceled',
  'report.disputed': 'report.disputed',
  'report.pre_adverse_action': 'report.pre_adverse_action',
  'report.post_adverse_action': 'report.post_adverse_action',
} as const

/**
 * Turns a provider webhook into the state machine's event, or null for events vetkit does not act
 * on (candidate.*, verification.*, report.updated, ...). Completions are re-read from the provider:
 * the webhook is a trigger, the API the source of truth, so a thin payload or one overtaken by a
 * dispute's re-completion still yields the report's real verdict and completion time.
 */
export async function toCheckEvent(provider: ScreeningProvider, event: ProviderWebhookEvent): Promise<ProviderCheckEvent | null> {
  const occurredAt = event.occurredAt
  switch (event.type) {
    case 'invitation.completed':
      return { source: 'provider', type: 'invitation.completed', occurredAt, reportId: event.reportId }
    case 'invitation.expired':
      return { source: 'provider', type: 'invitation.expired', occurredAt }
    case 'invitation.deleted':
      return { source: 'provider', type: 'invitation.canceled', occurredAt }
    case 'report.completed':
    case 'report.engaged': {
      const reportId = requireReportId(event)
      const report = await provider.getReport(reportId)
      const fresh = report.status === 'complete' ? report : null
      const completedAt = fresh?.completedAt ?? event.report?.completedAt ?? report.completedAt
      if (!completedAt) throw new VetkitError('report_incomplete', 'the provider has no completion time for this report yet')
      if (event.type === 'report.engaged') return { source: 'provider', type: 'report.engaged', occurredAt, reportId, completedAt }
      return { source: 'provider', type: 'report.completed', occurredAt, reportId, completedAt, ...verdict(fresh, event) }
    }
    default: {
      const type = REPORT_EVENTS[event.type as keyof typeof REPORT_EVENTS] as ProviderCheckEvent['type'] | undefined
      if (type === undefined) return null
      return { source: 'provider', type, occurredAt, reportId: requireReportId(event) } as ProviderCheckEvent
    }
  }
}

function verdict(fresh: ProviderReport | null, event: ProviderWebhookEvent): { result: string | null; assessment: string | null } {
  if (fresh) return { result: fresh.result, assessment: fresh.assessment }
  return { result: event.report?.result ?? null, assessment: event.report?.assessment ?? null }
}

function requireReportId(event: ProviderWebhookEvent): string {
  if (!event.reportId) throw new VetkitError('invalid_webhook', `${event.type} carries no report id`)
  return event.reportId
}
