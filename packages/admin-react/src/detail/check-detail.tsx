import { useId } from 'react'
import { ErrorAlert } from '../components/error-alert'
import { LoadingStatus } from '../components/loading-status'
import { StatusBadge } from '../components/status-badge'
import { useCheck } from '../hooks/use-check'
import { remoteData } from '../hooks/use-remote'
import { useLocaleTools } from '../provider/admin-context'
import { AdverseActionSummary } from './adverse-action-summary'
import { CheckActionsPanel } from './check-actions-panel'
import { CheckFacts } from './check-facts'
import { CheckTimeline } from './check-timeline'
import { ConsentEvidence } from './consent-evidence'
import { DetailSection } from './detail-section'
import { EmailList } from './email-list'

export interface CheckDetailProps {
  checkId: string
  /** Shows a "back" button that calls it. */
  onBack?: () => void
  /** Opens another check (a re-check's new one, the previous check). */
  onSelectCheck?: (checkId: string) => void
}

/** One check: its facts, the decisions its status offers, the adverse action, consent evidence, emails and history. */
export function CheckDetail({ checkId, onBack, onSelectCheck }: CheckDetailProps) {
  const { t } = useLocaleTools()
  const headingId = useId()
  const remote = useCheck(checkId)
  const detail = remoteData(remote)

  return (
    <article aria-labelledby={headingId} aria-busy={remote.kind === 'loading' || (remote.kind === 'ready' && remote.refreshing)} className="vk-stack">
      <div className="vk-toolbar">
        {onBack && (
          <button type="button" className="vk-button" onClick={onBack}>
            {t('detail.back')}
          </button>
        )}
        <h2 id={headingId} className="vk-heading">
          {t('detail.heading', { subject: detail ? (detail.subject?.displayName ?? detail.check.subjectId) : checkId })}
        </h2>
        {detail && <StatusBadge status={detail.check.status} />}
      </div>
      {remote.kind === 'loading' && <LoadingStatus />}
      {remote.kind === 'failed' && <ErrorAlert error={remote.error} />}
      {detail && (
        <>
          <CheckFacts detail={detail} onSelectCheck={onSelectCheck} />
          <CheckActionsPanel check={detail.check} onSelectCheck={onSelectCheck} />
          {detail.check.adverseAction !== null && (
            <DetailSection title={t('detail.adverseAction')}>
              <AdverseActionSummary check={detail.check} />
            </DetailSection>
          )}
          <DetailSection title={t('detail.consents')}>
            <ConsentEvidence consents={detail.consents} />
          </DetailSection>
          <DetailSection title={t('detail.emails')}>
            <EmailList emails={detail.emails} />
          </DetailSection>
          <DetailSection title={t('detail.history')}>
            <CheckTimeline history={detail.history} />
          </DetailSection>
        </>
      )}
    </article>
  )
}
