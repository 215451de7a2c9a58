import type { QueueCounts } from '../api/types'
import { useVetkitClient } from '../provider/admin-context'
import { useRemote, type Remote } from './use-remote'

export interface QueueCountsOptions {
  /** Default 30 s; counts also reload after every action. 0 turns the interval off. */
  refreshIntervalMs?: number
}

/** How many checks each review queue holds (`countChecks`). */
export function useQueueCounts({ refreshIntervalMs = 30_000 }: QueueCountsOptions = {}): Remote<QueueCounts> & { reload(): void } {
  const client = useVetkitClient()
  return useRemote('counts', async (signal) => (await client.countChecks({}, { signal })).counts, { refreshIntervalMs })
}
