import type { AdverseItemsData } from '../api/types'
import { useVetkitClient } from '../provider/admin-context'
import { useRemote, type Remote } from './use-remote'

/** The report items an adverse action may name, and when its final notice could go out. */
export function useAdverseItems(checkId: string, enabled: boolean): Remote<AdverseItemsData> & { reload(): void } {
  const client = useVetkitClient()
  return useRemote(`adverse-items:${checkId}`, (signal) => client.listAdverseItems({ params: { checkId } }, { signal }), { enabled })
}
