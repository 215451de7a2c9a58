import type { AuthOutcome, ProcessingOutcome, WebhookPage } from '../api/types'
import { useVetkitClient } from '../provider/admin-context'
import { keysetPages, useCursorStack, type KeysetPages } from './use-cursor-stack'
import { useRemote } from './use-remote'

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

export type WebhookLog = KeysetPages<WebhookPage>

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
  return keysetPages(remote, pages)
}
