import { useRef, type KeyboardEvent } from 'react'
import { REVIEW_QUEUE_NAMES, type ReviewQueue } from '@vetkit/core/client'
import type { QueueCounts } from '../api/types'
import { useLocaleTools } from '../provider/admin-context'
import { QUEUE_TABS } from './queue-tabs-table'

export interface QueueTabsProps {
  queue: ReviewQueue
  counts: QueueCounts | null
  onChange(queue: ReviewQueue): void
  /** Ids derive from it: `${idBase}-tab-${queue}` and the panel `${idBase}-panel`. */
  idBase: string
}

const STEP: Partial<Record<string, (index: number, count: number) => number>> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
}

/**
 * The queues as a tab list: one tab stop, arrow keys (and Home, End) move and select, each tab
 * with its live count.
 */
export function QueueTabs({ queue, counts, onChange, idBase }: QueueTabsProps) {
  const { t } = useLocaleTools()
  const tabs = useRef(new Map<ReviewQueue, HTMLButtonElement>())

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = STEP[event.key]
    if (!step) return
    event.preventDefault()
    const target = REVIEW_QUEUE_NAMES[step(REVIEW_QUEUE_NAMES.indexOf(queue), REVIEW_QUEUE_NAMES.length)]
    if (target === undefined) return
    onChange(target)
    tabs.current.get(target)?.focus()
  }

  return (
    <div role="tablist" aria-label={t('queue.tablist')} className="vk-tablist" onKeyDown={onKeyDown}>
      {REVIEW_QUEUE_NAMES.map((name) => {
        const selected = name === queue
        const count = counts?.[name]
        return (
          <button
            key={name}
            ref={(element) => {
              if (element) tabs.current.set(name, element)
              else tabs.current.delete(name)
            }}
            type="button"
            role="tab"
            id={`${idBase}-tab-${name}`}
            aria-selected={selected}
            aria-controls={`${idBase}-panel`}
            tabIndex={selected ? 0 : -1}
            className="vk-tab"
            onClick={() => onChange(name)}
          >
            {t(QUEUE_TABS[name].label)}
            {count !== undefined && <span className="vk-count">{count}</span>}
          </button>
        )
      })}
    </div>
  )
}
