import type { FakeWebhookRecord } from '@vetkit/core/fake'
import type { OutageEngine } from './engine'

/** What a provider webhook is about, and whether vetkit has a check for its candidate. */
export interface WebhookOwner {
  eventId: string
  type: string
  candidateId: string | null
  /** vetkit's checks for that candidate (none: the provider has a candidate vetkit never stored). */
  checks: number
}

async function candidateOf(engine: OutageEngine, webhook: FakeWebhookRecord): Promise<string | null> {
  try {
    if (webhook.objectType === 'candidate') return webhook.objectId
    if (webhook.objectType === 'invitation') return (await engine.fake.getInvitation(webhook.objectId)).candidateId
    if (webhook.objectType === 'report') return (await engine.fake.getReport(webhook.objectId)).candidateId
  } catch {
    // Unknown to the fake itself: reported as null.
  }
  return null
}

export async function ownerOf(engine: OutageEngine, webhook: FakeWebhookRecord): Promise<WebhookOwner> {
  const candidateId = await candidateOf(engine, webhook)
  const checks = candidateId === null ? 0 : (await engine.storage.checks.findByProviderRef(engine.fake.name, 'candidate', candidateId)).length
  return { eventId: webhook.eventId, type: webhook.type, candidateId, checks }
}

/**
 * Invitations the provider created that no vetkit check refers to: an invite whose provider
 * calls succeeded inside a transaction that then failed (the database went away before the
 * commit). The candidate got an invitation vetkit does not know about.
 */
export async function orphanInvitations(engine: OutageEngine): Promise<WebhookOwner[]> {
  const seen = new Set<string>()
  const orphans: WebhookOwner[] = []
  for (const webhook of engine.fake.webhooksFor()) {
    if (webhook.objectType !== 'invitation' || seen.has(webhook.objectId)) continue
    seen.add(webhook.objectId)
    const known = await engine.storage.checks.findByProviderRef(engine.fake.name, 'invitation', webhook.objectId)
    if (known.length === 0) orphans.push(await ownerOf(engine, webhook))
  }
  return orphans
}
