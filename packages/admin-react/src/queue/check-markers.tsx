import type { CheckSummary } from '../api/types'
import { CLOSED_REASONS } from '../components/closed-reasons'
import { ToneBadge } from '../components/tone-badge'
import { useLocaleTools } from '../provider/admin-context'

/** What a row needs to say beyond its status: an open dispute, a screening that was canceled. */
export function CheckMarkers({ check }: { check: CheckSummary }) {
  const { t } = useLocaleTools()
  const closed = check.closedReason === null ? null : CLOSED_REASONS[check.closedReason]
  const canceled = closed?.canceledScreening ? closed : null
  if (!check.inDispute && canceled === null && !check.adverseActionPaused) return null
  return (
    <div className="vk-markers">
      {check.inDispute && <ToneBadge tone="warning">{t('marker.disputeOpen')}</ToneBadge>}
      {check.adverseActionPaused && <ToneBadge tone="info">{t('marker.finalNoticePaused')}</ToneBadge>}
      {canceled !== null && <ToneBadge tone="neutral">{t('marker.canceled', { reason: t(canceled.label) })}</ToneBadge>}
    </div>
  )
}
