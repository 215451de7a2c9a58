import { useEffect, useId, useRef } from 'react'
import type { WebhookDetailData } from '../api/types'
import { DateText } from '../components/date-text'
import { ErrorAlert } from '../components/error-alert'
import { LoadingStatus } from '../components/loading-status'
import { StatusBadge } from '../components/status-badge'
import { CheckTimeline } from '../detail/check-timeline'
import { useWebhook } from '../hooks/use-webhook'
import { useLocaleTools } from '../provider/admin-context'
import { AuthOutcomeBadge, ProcessingOutcomeBadge } from './outcome-badges'

export interface WebhookDetailProps {
  webhookId: string
  onClose?: () => void
  onSelectCheck?: ((checkId: string) => void) | undefined
}

/** One delivery: its outcome, the headers it came with (secrets redacted by the server), the check it moved and how. */
export function WebhookDetail({ webhookId, onClose, onSelectCheck }: WebhookDetailProps) {
  const { t } = useLocaleTools()
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const remote = useWebhook(webhookId)
  // Focus goes to the detail when it opens, and back to the row that opened it when it closes.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    heading.current?.focus()
    return () => {
      if (opener?.isConnected) opener.focus()
    }
  }, [webhookId])

  return (
    <section aria-labelledby={headingId} className="vk-section vk-stack">
      <div className="vk-toolbar">
        <h3 id={headingId} ref={heading} tabIndex={-1} className="vk-subheading">
          {t('webhook.heading', { id: webhookId })}
        </h3>
        {onClose && (
          <button type="button" className="vk-button" onClick={onClose}>
            {t('common.close')}
          </button>
        )}
      </div>
      {remote.kind === 'loading' && <LoadingStatus />}
      {remote.kind === 'failed' && <ErrorAlert error={remote.error} />}
      {remote.kind === 'ready' && <WebhookDetailBody data={remote.data} onSelectCheck={onSelectCheck} />}
    </section>
  )
}

function WebhookDetailBody({ data, onSelectCheck }: { data: WebhookDetailData; onSelectCheck?: ((checkId: string) => void) | undefined }) {
  const { t } = useLocaleTools()
  const { webhook, headers, check, history } = data
  const headerNames = Object.keys(headers).sort()
  return (
    <>
      <dl className="vk-dl">
        <dt>{t('webhooks.eventType')}</dt>
        <dd className="vk-code">{webhook.eventType ?? t('webhooks.unknownEvent')}</dd>
        <dt>{t('webhook.eventId')}</dt>
        <dd className="vk-code">{webhook.eventId ?? t('common.none')}</dd>
        <dt>{t('webhook.provider')}</dt>
        <dd>{webhook.provider}</dd>
        <dt>{t('webhooks.receivedAt')}</dt>
        <dd>
          <DateText iso={webhook.receivedAt} />
        </dd>
        <dt>{t('webhook.processedAt')}</dt>
        <dd>
          <DateText iso={webhook.processedAt} />
        </dd>
        <dt>{t('webhooks.httpStatus')}</dt>
        <dd>{webhook.httpStatus}</dd>
        <dt>{t('webhooks.authOutcome')}</dt>
        <dd>
          <AuthOutcomeBadge outcome={webhook.authOutcome} />
        </dd>
        <dt>{t('webhooks.processingOutcome')}</dt>
        <dd>
          <ProcessingOutcomeBadge outcome={webhook.processingOutcome} />
        </dd>
        <dt>{t('webhooks.errorCode')}</dt>
        <dd className="vk-code">{webhook.errorCode ?? t('common.none')}</dd>
        <dt>{t('webhooks.attempts')}</dt>
        <dd>{webhook.attempts}</dd>
      </dl>
      <h4 className="vk-subheading">{t('webhook.headers')}</h4>
      {headerNames.length === 0 ? (
        <p className="vk-muted">{t('webhook.noHeaders')}</p>
      ) : (
        <table className="vk-table">
          <caption className="vk-sr-only">{t('webhook.headers')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('webhook.headerName')}</th>
              <th scope="col">{t('webhook.headerValue')}</th>
            </tr>
          </thead>
          <tbody>
            {headerNames.map((name) => (
              <tr key={name}>
                <th scope="row" className="vk-code">
                  {name}
                </th>
                <td className="vk-code">{headers[name]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4 className="vk-subheading">{t('webhook.check')}</h4>
      {check === null ? (
        <p className="vk-muted">{t('webhook.noCheck')}</p>
      ) : (
        <div className="vk-toolbar">
          <span>{check.subjectName ?? check.subjectEmail ?? check.subjectId}</span>
          <StatusBadge status={check.status} />
          {onSelectCheck && (
            <button type="button" className="vk-button" onClick={() => onSelectCheck(check.id)}>
              {t('webhook.openCheck')}
            </button>
          )}
        </div>
      )}
      <h4 className="vk-subheading">{t('webhook.history')}</h4>
      <CheckTimeline history={history} label={t('webhook.history')} />
    </>
  )
}
