import type { Logger } from '../ports/logger'
import { errorFields } from '../support/error-fields'
import { VetkitError } from '../errors'

/**
 * Tracks whether the database is reachable, so an outage is logged once when it starts and once
 * when it ends, not once per request or worker poll (thousands of identical lines that bury the
 * one that matters).
 */
export interface OutageMonitor {
  /** True when `error` is an outage (`storage_unavailable`); the first one after a good spell is logged. */
  failed(error: unknown): boolean
  /** Something reached the database: the end of an outage is logged. */
  ok(): void
  readonly down: boolean
}

export function createOutageMonitor(logger: Logger, now: () => Date): OutageMonitor {
  let downSince: Date | null = null
  return {
    failed(error) {
      if (!(error instanceof VetkitError) || error.code !== 'storage_unavailable') return false
      if (downSince === null) {
        downSince = now()
        logger.error('database unreachable: requests answer 503 with Retry-After until it is back', { code: error.code, err: errorFields(error) })
      }
      return true
    },
    ok() {
      if (downSince === null) return
      const seconds = Math.round((now().getTime() - downSince.getTime()) / 1000)
      downSince = null
      logger.warn('database reachable again', { downSeconds: seconds })
    },
    get down() {
      return downSince !== null
    },
  }
}
