import type { CheckDetailData } from '../api/types'
import { useVetkitClient } from '../provider/admin-context'
import { useRemote, type Remote } from './use-remote'

/** A check with its history, consents, emails and report link (`getCheck`). */
export function useCheck(checkId: string): Remote<CheckDetailData> & { reload(): void } {
  const client = useVetkitClient()
  return useRemote(`check:${checkId}`, (signal) => client.getCheck({ params: { checkId } }, { signal }))
}
