import type { WebhookFilters } from '../hooks/use-webhook-log'
import type { WebhookFilterDraft } from './webhook-filter-form'

/** The filters to query with: an HTTP status counts once it is a whole number from 100 to 599. */
export function toWebhookFilters(draft: WebhookFilterDraft): WebhookFilters {
  const status = /^\d{3}$/.test(draft.httpStatus.trim()) ? Number(draft.httpStatus.trim()) : null
  return {
    ...(draft.eventType.trim() ? { eventType: draft.eventType.trim() } : {}),
    ...(draft.authOutcome ? { authOutcome: draft.authOutcome } : {}),
    ...(draft.processingOutcome ? { processingOutcome: draft.processingOutcome } : {}),
    ...(status !== null && status >= 100 && status <= 599 ? { httpStatus: status } : {}),
  }
}
