import type { CheckListSort, ReviewQueue } from '@vetkit/core/client'
import type { CheckPage } from '../api/types'
import { useVetkitClient } from '../provider/admin-context'
import { keysetPages, useCursorStack, type KeysetPages } from './use-cursor-stack'
import { useRemote } from './use-remote'

export interface CheckListOptions {
  queue: ReviewQueue
  /** A name prefix, an email prefix, a subject id or a check id. */
  search?: string
  /** Absent: the server's order for the queue. */
  sort?: CheckListSort | null
  pageSize?: number
  refreshIntervalMs?: number
}

export type CheckList = KeysetPages<CheckPage>

/** One page of a review queue, with next/previous over keyset cursors. */
export function useCheckList({ queue, search, sort, pageSize = 25, refreshIntervalMs }: CheckListOptions): CheckList {
  const client = useVetkitClient()
  const term = search?.trim() ?? ''
  const filterKey = JSON.stringify([queue, term, sort ?? null, pageSize])
  const pages = useCursorStack(filterKey)
  const { cursor } = pages
  const remote = useRemote(
    `${filterKey}|${cursor ?? ''}`,
    (signal) =>
      client.listChecks(
        { query: { queue, limit: pageSize, ...(term ? { search: term } : {}), ...(sort ? { sort } : {}), ...(cursor ? { cursor } : {}) } },
        { signal },
      ),
    refreshIntervalMs === undefined ? {} : { refreshIntervalMs },
  )
  return keysetPages(remote, pages)
}
