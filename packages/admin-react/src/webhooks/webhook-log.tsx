import { useId, useState } from 'react'
import { ErrorAlert } from '../components/error-alert'
import { LoadingStatus } from '../components/loading-status'
import { Pager } from '../components/pager'
import { useDebouncedValue } from '../hooks/use-debounced-value'
import { remoteData } from '../hooks/use-remote'
import { useWebhookLog } from '../hooks/use-webhook-log'
import { useLocaleTools } from '../provider/admin-context'
import { WebhookDetail } from './webhook-detail'
import { EMPTY_WEBHOOK_FILTERS, WebhookFilterForm, type WebhookFilterDraft } from './webhook-filter-form'
import { toWebhookFilters } from './webhook-filters'
import { WebhookTable } from './webhook-table'

export interface WebhookLogProps {
  /** Opens the check a delivery moved. */
  onSelectCheck?: (checkId: string) => void
  pageSize?: number
  /** The auto-refresh interval (10 s). */
  refreshIntervalMs?: number
  /** Whether auto-refresh starts on (off by default). */
  defaultAutoRefresh?: boolean
  /** How long typing must pause before a text filter applies (300 ms). */
  filterDebounceMs?: number
}

/** The webhook log: filters, auto-refresh, keyset pages, and each delivery's detail. */
export function WebhookLog({ onSelectCheck, pageSize = 25, refreshIntervalMs = 10_000, defaultAutoRefresh = false, filterDebounceMs = 300 }: WebhookLogProps) {
  const { t } = useLocaleTools()
  const autoId = useId()
  const [draft, setDraft] = useState<WebhookFilterDraft>(EMPTY_WEBHOOK_FILTERS)
  const [autoRefresh, setAutoRefresh] = useState(defaultAutoRefresh)
  const [openId, setOpenId] = useState<string | null>(null)
  const filters = useDebouncedValue(draft, filterDebounceMs)
  const log = useWebhookLog(toWebhookFilters(filters), { pageSize, refreshIntervalMs: autoRefresh ? refreshIntervalMs : 0 })
  const page = remoteData(log.remote)

  return (
    <div className="vk-stack">
      <h2 className="vk-heading">{t('webhooks.heading')}</h2>
      <WebhookFilterForm draft={draft} onChange={setDraft} />
      <div>
        <input id={autoId} type="checkbox" className="vk-checkbox" checked={autoRefresh} onChange={(event) => setAutoRefresh(event.target.checked)} />{' '}
        <label htmlFor={autoId}>{t('webhooks.autoRefresh', { seconds: Math.round(refreshIntervalMs / 100) / 10 })}</label>
      </div>
      {log.remote.kind === 'failed' && <ErrorAlert error={log.remote.error} />}
      {log.remote.kind === 'loading' && <LoadingStatus />}
      {page !== null &&
        (page.items.length === 0 ? (
          <p className="vk-muted">{t('webhooks.empty')}</p>
        ) : (
          <WebhookTable deliveries={page.items} onOpen={setOpenId} busy={log.remote.kind === 'ready' && log.remote.refreshing} />
        ))}
      <Pager label={t('webhooks.pages')} page={log.page} hasPrevious={log.hasPrevious} hasNext={log.hasNext} onPrevious={log.previous} onNext={log.next} />
      {openId !== null && <WebhookDetail webhookId={openId} onClose={() => setOpenId(null)} onSelectCheck={onSelectCheck} />}
    </div>
  )
}
