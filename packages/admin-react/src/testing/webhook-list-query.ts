import type { WebhookEntry, WebhookPage } from '../api/types'
import { AUTH_OUTCOME_NAMES, PROCESSING_OUTCOME_NAMES } from '../webhooks/webhook-outcomes'
import type { FixtureWebhook } from './fixture-types'
import { keysetPage } from './keyset-cursor'
import { oneOf, wholeNumber } from './query-params'

const key = (row: WebhookEntry) => Date.parse(row.receivedAt)

/** `listWebhooks`: newest first, each filter exact, a keyset cursor. */
export function listWebhookPage(deliveries: readonly FixtureWebhook[], query: URLSearchParams): WebhookPage {
  const eventType = query.get('eventType')?.trim() ?? ''
  const auth = oneOf(query, 'authOutcome', AUTH_OUTCOME_NAMES)
  const processing = oneOf(query, 'processingOutcome', PROCESSING_OUTCOME_NAMES)
  const httpStatus = wholeNumber(query, 'httpStatus', 100, 599)
  const limit = wholeNumber(query, 'limit', 1, 200) ?? 50
  const rows = deliveries
    .map((delivery) => delivery.webhook)
    .filter(
      (row) =>
        (eventType === '' || row.eventType === eventType) &&
        (auth === null || row.authOutcome === auth) &&
        (processing === null || row.processingOutcome === processing) &&
        (httpStatus === null || row.httpStatus === httpStatus),
    )
    .sort((a, b) => key(b) - key(a) || b.id.localeCompare(a.id))
  return keysetPage(rows, { sort: 'received_desc', cursor: query.get('cursor'), limit, key, descending: true })
}
