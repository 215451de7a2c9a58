import type { AuthOutcome, ProcessingOutcome, WebhookPage } from '../api/types'
import { useVetkitClient } from '../provider/admin-context'
import { useCursorStack } from './use-cursor-stack'
import { remoteData, useRemote, type Remote } from './use-remote'

export interface WebhookFilters {
  eventType?: string
  authOutcome?: AuthOutcome
  processingOutcome?: ProcessingOutcome
  httpStatus?: number
}

export interface WebhookLogOptions {
  pageSize?: number
  /** Load the page again every so many milliseconds (0 or absent: never). */
  refreshIntervalMs?: number
}

export interface WebhookLog {
  remote: Remote<WebhookPage>
  page: number
  hasPrevious: boolean
  hasNext: boolean
  next(): void
  previous(): void
  reload(): void
}

/** The webhook log, newest first, filtered, with next/previous over keyset cursors. */
export function useWebhookLog(filters: WebhookFilters, { pageSize = 25, refreshIntervalMs = 0 }: WebhookLogOptions = {}): WebhookLog {
  const client = useVetkitClient()
  const eventType = filters.eventType?.trim() ?? ''
  const query = {
    limit: pageSize,
    ...(eventType ? { eventType } : {}),
    ...(filters.authOutcome ? { authOutcome: filters.authOutcome } : {}),
    ...(filters.processingOutcome ? { processingOutcome: filters.processingOutcome } : {}),
    ...(filters.httpStatus === undefined ? {} : { httpStatus: filters.httpStatus }),
  }
  const filterKey = JSON.stringify(query)
  const pages = useCursorStack(filterKey)
  const { cursor } = pages
  const remote = useRemote(`${filterKey}|${cursor ?? ''}`, (signal) => client.listWebhooks({ query: { ...query, ...(cursor ? { cursor } : {}) } }, { signal }), {
    refreshIntervalMs,
  })
  const nextCursor = remoteData(remote)?.nextCursor ?? null
  return {
    remote,
    page: pages.page,
    hasPrevious: pages.page > 1,
    hasNext: nextCursor !== null,
    next: () => {
      if (nextCursor !== null) pages.push(nextCursor)
    },
    previous: pages.pop,
    reload: remote.reload,
  }
}
