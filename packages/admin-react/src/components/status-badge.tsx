import type { CheckStatus } from '@vetkit/core/client'
import { useLocaleTools } from '../provider/admin-context'
import { STATUS_BADGES } from './status-badges'
import { ToneBadge } from './tone-badge'

export interface StatusBadgeProps {
  status: CheckStatus
}

/** A check's status as text on a tone: readable without color. */
export function StatusBadge({ status }: StatusBadgeProps) {
  const { t } = useLocaleTools()
  const badge = STATUS_BADGES[status]
  return <ToneBadge tone={badge.tone}>{t(badge.label)}</ToneBadge>
}
