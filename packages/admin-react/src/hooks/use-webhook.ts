import type { WebhookDetailData } from '../api/types'
import { useVetkitClient } from '../provider/admin-context'
import { useRemote, type Remote } from './use-remote'

/** One delivery: its headers, outcome, the check it moved and the history it wrote (`getWebhook`). */
export function useWebhook(webhookId: string | null): Remote<WebhookDetailData> & { reload(): void } {
  const client = useVetkitClient()
  return useRemote(`webhook:${webhookId ?? ''}`, (signal) => client.getWebhook({ params: { webhookId: webhookId ?? '' } }, { signal }), {
    enabled: webhookId !== null,
  })
}
