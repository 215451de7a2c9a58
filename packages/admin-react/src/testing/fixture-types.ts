import type { AdverseItem, CheckJson, ConsentEvidence, EmailRecord, HistoryEntry, WebhookEntry } from '../api/types'

/** A check as the fixture store keeps it: the API's check plus what other answers derive from it. */
export interface FixtureCheck {
  check: CheckJson
  subject: { name: string | null; email: string | null }
  history: HistoryEntry[]
  emails: EmailRecord[]
  /** The report's items an adverse action may name. */
  adverseItems: AdverseItem[]
  reportUrl: string | null
}

/** A delivery of the webhook log with the (already redacted) headers `getWebhook` shows. */
export interface FixtureWebhook {
  webhook: WebhookEntry
  headers: Record<string, string>
}

/** Everything the handlers answer from. Consents belong to subjects, so they sit beside the checks. */
export interface AdminFixtures {
  checks: FixtureCheck[]
  consents: ConsentEvidence[]
  webhooks: FixtureWebhook[]
}
