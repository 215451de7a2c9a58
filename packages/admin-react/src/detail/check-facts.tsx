import type { CheckDetailData } from '../api/types'
import { CLOSED_REASONS } from '../components/closed-reasons'
import { DateText } from '../components/date-text'
import { useLocaleTools } from '../provider/admin-context'

export interface CheckFactsProps {
  detail: CheckDetailData
  onSelectCheck?: ((checkId: string) => void) | undefined
}

/** The check's identity and dates, the provider's report link and the dispute, as a description list. */
export function CheckFacts({ detail, onSelectCheck }: CheckFactsProps) {
  const { t } = useLocaleTools()
  const { check, reportUrl } = detail
  const previousCheckId = check.previousCheckId
  return (
    <dl className="vk-dl">
      <dt>{t('detail.checkId')}</dt>
      <dd className="vk-code">{check.id}</dd>
      <dt>{t('detail.subjectId')}</dt>
      <dd className="vk-code">{check.subjectId}</dd>
      <dt>{t('detail.provider')}</dt>
      <dd>
        {check.provider} · <span className="vk-code">{check.packageSlug}</span>
      </dd>
      <dt>{t('detail.jurisdiction')}</dt>
      <dd>{check.jurisdiction}</dd>
      <dt>{t('detail.report')}</dt>
      <dd>
        {reportUrl === null ? (
          <span className="vk-muted">{t('detail.noReportLink')}</span>
        ) : (
          <a className="vk-link" href={reportUrl} target="_blank" rel="noopener noreferrer">
            {t('detail.openReport', { provider: check.provider })}
          </a>
        )}
      </dd>
      <dt>{t('detail.createdAt')}</dt>
      <dd>
        <DateText iso={check.createdAt} />
      </dd>
      <dt>{t('detail.updatedAt')}</dt>
      <dd>
        <DateText iso={check.updatedAt} />
      </dd>
      <dt>{t('detail.reportEta')}</dt>
      <dd>
        <DateText iso={check.reportEta} />
      </dd>
      <dt>{t('detail.reportCompletedAt')}</dt>
      <dd>
        <DateText iso={check.reportCompletedAt} />
      </dd>
      <dt>{t('detail.validUntil')}</dt>
      <dd>
        <DateText iso={check.validUntil} />
      </dd>
      {check.dispute !== null && (
        <>
          <dt>{t('detail.dispute')}</dt>
          <dd>
            {t('detail.disputeOpened', { source: t(check.dispute.source === 'provider' ? 'detail.disputeSource.provider' : 'detail.disputeSource.vetkit') })} <DateText iso={check.dispute.openedAt} />
          </dd>
        </>
      )}
      {check.closedReason !== null && (
        <>
          <dt>{t('detail.closedReason')}</dt>
          <dd>
            {t(CLOSED_REASONS[check.closedReason].label)} <DateText iso={check.closedAt} />
          </dd>
        </>
      )}
      {previousCheckId !== null && (
        <>
          <dt>{t('detail.previousCheck')}</dt>
          <dd>
            {onSelectCheck ? (
              <button type="button" className="vk-link vk-code" onClick={() => onSelectCheck(previousCheckId)}>
                {previousCheckId}
              </button>
            ) : (
              <span className="vk-code">{previousCheckId}</span>
            )}
          </dd>
        </>
      )}
    </dl>
  )
}
