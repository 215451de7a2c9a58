import type { WebhookEntry } from '../api/types'
import { DateText } from '../components/date-text'
import { useLocaleTools } from '../provider/admin-context'
import { AuthOutcomeBadge, ProcessingOutcomeBadge } from './outcome-badges'

export interface WebhookTableProps {
  deliveries: readonly WebhookEntry[]
  onOpen(webhookId: string): void
  busy: boolean
}

/** One page of the webhook log; each delivery's time is the button that opens its detail. */
export function WebhookTable({ deliveries, onOpen, busy }: WebhookTableProps) {
  const { t, dates } = useLocaleTools()
  return (
    <table className="vk-table" aria-busy={busy}>
      <caption className="vk-sr-only">{t('webhooks.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('webhooks.receivedAt')}</th>
          <th scope="col">{t('webhooks.eventType')}</th>
          <th scope="col">{t('webhooks.httpStatus')}</th>
          <th scope="col">{t('webhooks.authOutcome')}</th>
          <th scope="col">{t('webhooks.processingOutcome')}</th>
          <th scope="col">{t('webhooks.errorCode')}</th>
          <th scope="col">{t('webhooks.attempts')}</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <th scope="row">
              <button
                type="button"
                className="vk-link"
                aria-label={t('webhooks.open', { eventType: delivery.eventType ?? t('webhooks.unknownEvent'), time: dates.dateTime(delivery.receivedAt) })}
                onClick={() => onOpen(delivery.id)}
              >
                <DateText iso={delivery.receivedAt} />
              </button>
            </th>
            <td className="vk-code">{delivery.eventType ?? t('webhooks.unknownEvent')}</td>
            <td>{delivery.httpStatus}</td>
            <td>
              <AuthOutcomeBadge outcome={delivery.authOutcome} />
            </td>
            <td>
              <ProcessingOutcomeBadge outcome={delivery.processingOutcome} />
            </td>
            <td className="vk-code">{delivery.errorCode ?? t('common.none')}</td>
            <td>{delivery.attempts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
