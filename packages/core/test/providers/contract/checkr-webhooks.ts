import { signCheckrPayload } from '../../../src/providers/checkr'
import type { WebhookDelivery } from '../../../src/testing/provider-contract'

let sequence = 0

/** A Checkr event envelope (full or thin `data.object`), signed with `key` as Checkr signs it. */
export function checkrDelivery(key: string, type: string, object: Record<string, unknown> & { id: string; object: string }, thin = false): WebhookDelivery {
  const data = thin ? { id: object.id, object: object.object, uri: `/v1/${object.object}s/${object.id}` } : object
  const body = JSON.stringify({
    id: `evt_contract_${++sequence}_${Date.now().toString(36)}`,
    object: 'event',
    type,
    created_at: '2026-01-20T12:00:00Z',
    webhook_url: 'https://example.com/webhooks/checkr',
    data: { object: data },
  })
  return { headers: new Headers({ 'content-type': 'application/json', 'X-Checkr-Signature': signCheckrPayload(body, key) }), rawBody: new TextEncoder().encode(body) }
}

export function checkrContractWebhooks(key: string) {
  return {
    invitationCompleted: (ids: { invitationId: string; candidateId: string }, options: { thin?: boolean } = {}) =>
      checkrDelivery(key, 'invitation.completed', { id: ids.invitationId, object: 'invitation', status: 'completed', candidate_id: ids.candidateId, report_id: null }, options.thin),
    unrelated: () => checkrDelivery(key, 'package.created', { id: 'pkg_contract', object: 'package', slug: 'tasker_standard' }),
  }
}
