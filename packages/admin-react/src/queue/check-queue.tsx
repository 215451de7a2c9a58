import { useId, useState } from 'react'
import type { CheckListSort, ReviewQueue } from '@vetkit/core/client'
import { ErrorAlert } from '../components/error-alert'
import { LoadingStatus } from '../components/loading-status'
import { Pager } from '../components/pager'
import { useCheckList } from '../hooks/use-check-list'
import { useDebouncedValue } from '../hooks/use-debounced-value'
import { useQueueCounts } from '../hooks/use-queue-counts'
import { remoteData } from '../hooks/use-remote'
import { useLocaleTools } from '../provider/admin-context'
import { CheckTable } from './check-table'
import { QueueTabs } from './queue-tabs'
import { QUEUE_TABS } from './queue-tabs-table'

export interface CheckQueueProps {
  /** Called when the admin opens a check (its subject's name is a button). */
  onSelectCheck?: (checkId: string) => void
  /** The tab shown first; `needs_review` by default. */
  initialQueue?: ReviewQueue
  /** Rows per page (25). */
  pageSize?: number
  /** How often the tab counts reload (30 s); they also reload after every action. */
  countsRefreshIntervalMs?: number
  /** How long typing must pause before the search runs (300 ms). */
  searchDebounceMs?: number
}

type SortChoice = { queue: ReviewQueue; sort: CheckListSort }

/** The review queues: tabs with counts, search, sortable columns and keyset pages. */
export function CheckQueue({ onSelectCheck, initialQueue = 'needs_review', pageSize = 25, countsRefreshIntervalMs = 30_000, searchDebounceMs = 300 }: CheckQueueProps) {
  const { t } = useLocaleTools()
  const idBase = useId()
  const searchId = useId()
  const [queue, setQueue] = useState<ReviewQueue>(initialQueue)
  const [typed, setTyped] = useState('')
  // A chosen order belongs to the tab it was chosen on; another tab starts in its own order.
  const [choice, setChoice] = useState<SortChoice | null>(null)
  const sort = choice !== null && choice.queue === queue ? choice.sort : QUEUE_TABS[queue].defaultSort
  const search = useDebouncedValue(typed, searchDebounceMs)
  const counts = useQueueCounts({ refreshIntervalMs: countsRefreshIntervalMs })
  const list = useCheckList({ queue, search, sort, pageSize })
  const page = remoteData(list.remote)
  const term = search.trim()

  return (
    <div className="vk-stack">
      {counts.kind === 'failed' && <ErrorAlert error={counts.error} />}
      <QueueTabs queue={queue} counts={remoteData(counts)} onChange={setQueue} idBase={idBase} />
      <div role="tabpanel" id={`${idBase}-panel`} aria-labelledby={`${idBase}-tab-${queue}`} className="vk-stack">
        <div className="vk-field">
          <label htmlFor={searchId}>{t('queue.search')}</label>
          <input id={searchId} type="search" className="vk-input" value={typed} placeholder={t('queue.searchPlaceholder')} onChange={(event) => setTyped(event.target.value)} />
        </div>
        {list.remote.kind === 'failed' && <ErrorAlert error={list.remote.error} />}
        {list.remote.kind === 'loading' && <LoadingStatus />}
        {page !== null &&
          (page.items.length === 0 ? (
            <p className="vk-muted">{term ? t('queue.noMatches', { search: term }) : t('queue.empty')}</p>
          ) : (
            <CheckTable
              caption={t(QUEUE_TABS[queue].label)}
              checks={page.items}
              sort={sort}
              onSort={(next) => setChoice({ queue, sort: next })}
              onSelectCheck={onSelectCheck}
              busy={list.remote.kind === 'ready' && list.remote.refreshing}
            />
          ))}
        <Pager label={t('queue.pages')} page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
      </div>
    </div>
  )
}
