import type { HistoryEntry } from '../api/types'
import { DateText } from '../components/date-text'
import { StatusBadge } from '../components/status-badge'
import { useLocaleTools } from '../provider/admin-context'
import { ACTOR_LABELS } from './timeline-labels'

export interface CheckTimelineProps {
  history: readonly HistoryEntry[]
  /** The list's accessible name; "History" by default. */
  label?: string
}

/** A check's history, oldest first: who did what, when, why, and the status it moved from and to. */
export function CheckTimeline({ history, label }: CheckTimelineProps) {
  const { t } = useLocaleTools()
  if (history.length === 0) return <p className="vk-muted">{t('timeline.empty')}</p>
  const entries = [...history].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.id.localeCompare(b.id))
  return (
    <ol className="vk-timeline" aria-label={label ?? t('timeline.label')}>
      {entries.map((entry) => (
        <li key={entry.id} className="vk-timeline-entry">
          <div className="vk-toolbar">
            <strong className="vk-code">{entry.eventType}</strong>
            <DateText iso={entry.occurredAt} />
          </div>
          <div className="vk-toolbar">
            {entry.fromStatus === null ? <span>{t('timeline.created')}</span> : <StatusBadge status={entry.fromStatus} />}
            <span aria-hidden="true">→</span>
            <span className="vk-sr-only">{t('timeline.to')}</span>
            <StatusBadge status={entry.toStatus} />
          </div>
          <div className="vk-muted">{t('timeline.actor', { kind: t(ACTOR_LABELS[entry.actorKind]), id: entry.actorId })}</div>
          {entry.reason !== null && <div>{t('timeline.reason', { reason: entry.reason })}</div>}
          {entry.webhookEventId !== null && <div className="vk-muted">{t('timeline.viaWebhook', { id: entry.webhookEventId })}</div>}
        </li>
      ))}
    </ol>
  )
}
