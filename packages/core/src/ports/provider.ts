/**
 * The screening-provider port. `checkrProvider` (`@vetkit/core/checkr`) talks to Checkr;
 * `fakeProvider` (`@vetkit/core/fake`) simulates it for development, demos and tests. Enums from
 * the provider stay open strings: unknown values are kept, never rejected.
 */
export interface ScreeningProvider {
  /** Stored with each check; scopes provider ids, e.g. `checkr`, `fake`. */
  readonly name: string
  /** `production` or a test environment (staging, simulator): checked by the environment guards. */
  readonly environment: 'production' | 'staging' | 'simulator'

  createCandidate(input: CreateCandidateInput): Promise<{ candidateId: string }>
  createInvitation(input: CreateInvitationInput): Promise<ProviderInvitation>
  cancelInvitation(invitationId: string): Promise<void>
  getInvitation(invitationId: string): Promise<ProviderInvitation>
  getReport(reportId: string): Promise<ProviderReport>
  listAdverseItems(reportId: string): Promise<ProviderAdverseItem[]>
  createAdverseAction(input: CreateAdverseActionInput): Promise<{ adverseActionId: string; postNoticeScheduledAt: Date | null }>
  cancelAdverseAction(adverseActionId: string): Promise<void>

  /** Checks a webhook's authenticity over the raw bytes, before anything is parsed. Fails closed. */
  verifyWebhook(request: { headers: Headers; rawBody: Uint8Array }): WebhookVerification
  /** Parses an authenticated webhook body into a provider-neutral event. Throws on malformed input. */
  parseWebhook(rawBody: Uint8Array): ProviderWebhookEvent
}

export interface CreateCandidateInput {
  /** The host's subject id (Checkr `custom_id`), so the candidate can be found from either side. */
  subjectId: string
  email: string
  firstName?: string
  lastName?: string
  /** Same key, same result: a retried call never creates a second candidate. */
  idempotencyKey: string
}

export interface WorkLocation {
  country: string
  state?: string
  city?: string
}

export interface CreateInvitationInput {
  candidateId: string
  packageSlug: string
  workLocations?: WorkLocation[]
  idempotencyKey: string
}

export interface ProviderInvitation {
  invitationId: string
  invitationUrl: string
  /** `pending`, `completed`, `expired` (open). */
  status: string
  candidateId: string
  reportId: string | null
  expiresAt: Date | null
  deletedAt: Date | null
}

export interface ProviderReport {
  reportId: string
  candidateId: string
  /** `pending`, `complete`, `suspended`, `dispute`, `canceled`, `paused` (open). */
  status: string
  result: string | null
  assessment: string | null
  adjudication: string | null
  completedAt: Date | null
  createdAt: Date | null
}

export interface ProviderAdverseItem {
  id: string
  text: string
}

export interface CreateAdverseActionInput {
  reportId: string
  adverseItemIds: readonly string[]
  /** When the provider should send the final (post-adverse) notice. */
  postNoticeScheduledAt: Date
  idempotencyKey: string
}

export type WebhookVerification =
  | { ok: true }
  | { ok: false; outcome: 'bad_signature' | 'placeholder_signature' | 'bad_basic_auth'; message: string }

/** A webhook, normalised. Carries no PII: only ids, types, times and the report verdict. */
export interface ProviderWebhookEvent {
  eventId: string
  /** The provider's event type, e.g. `report.completed`. */
  type: string
  occurredAt: Date
  /** The object the event is about: `report`, `invitation`, `candidate`, ... */
  objectType: string
  objectId: string
  candidateId: string | null
  reportId: string | null
  invitationId: string | null
  /** Report fields when the payload carried the full object (`include_object`); null when thin. */
  report: Pick<ProviderReport, 'status' | 'result' | 'assessment' | 'completedAt'> | null
}
