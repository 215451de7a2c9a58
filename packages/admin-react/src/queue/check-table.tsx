import type { CheckListSort } from '@vetkit/core/client'
import type { CheckSummary } from '../api/types'
import { DateText } from '../components/date-text'
import { StatusBadge } from '../components/status-badge'
import { useNow } from '../hooks/use-now'
import { useLocaleTools } from '../provider/admin-context'
import { CheckMarkers } from './check-markers'
import { SortHeader } from './sort-header'

export interface CheckTableProps {
  caption: string
  checks: readonly CheckSummary[]
  sort: CheckListSort | null
  onSort(sort: CheckListSort): void
  onSelectCheck?: ((checkId: string) => void) | undefined
  busy: boolean
}

/** One page of checks: who, status with markers, report ETA, consent recency, created and updated. */
export function CheckTable({ caption, checks, sort, onSort, onSelectCheck, busy }: CheckTableProps) {
  const { t, dates } = useLocaleTools()
  const now = useNow()
  return (
    <table className="vk-table" aria-busy={busy}>
      <caption className="vk-sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('column.subject')}</th>
          <th scope="col">{t('column.status')}</th>
          <th scope="col">{t('column.reportEta')}</th>
          <th scope="col">{t('column.consent')}</th>
          <SortHeader column="created" sort={sort} onSort={onSort} />
          <SortHeader column="updated" sort={sort} onSort={onSort} />
        </tr>
      </thead>
      <tbody>
        {checks.map((check) => {
          const name = check.subjectName ?? check.subjectEmail ?? check.subjectId
          return (
            <tr key={check.id}>
              <th scope="row">
                {onSelectCheck ? (
                  <button type="button" className="vk-link" onClick={() => onSelectCheck(check.id)}>
                    {name}
                  </button>
                ) : (
                  name
                )}
                {check.subjectEmail !== null && check.subjectEmail !== name && <div className="vk-muted">{check.subjectEmail}</div>}
              </th>
              <td>
                <StatusBadge status={check.status} />
                <CheckMarkers check={check} />
              </td>
              <td>
                <DateText iso={check.reportEta} />
              </td>
              <td>
                {check.consentSignedAt === null ? (
                  <span className="vk-muted">{t('queue.noConsent')}</span>
                ) : (
                  <time dateTime={check.consentSignedAt} title={dates.dateTime(check.consentSignedAt)}>
                    {t('queue.consentAgo', { ago: dates.relativeDays(check.consentSignedAt, now) })}
                  </time>
                )}
              </td>
              <td>
                <DateText iso={check.createdAt} />
              </td>
              <td>
                <DateText iso={check.updatedAt} />
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
