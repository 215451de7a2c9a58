import type { ProviderCheckEvent, ReportSnapshot } from '../domain/check-events'

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
  /** What every invitation orders (Checkr's package slug), recorded on each check. */
  readonly packageSlug: string
  /** The consumer reporting agency, named in the notices FCRA requires (§ 615(a)). */
  readonly agency: AgencyContact

  createCandidate(input: CreateCandidateInput): Promise<{ candidateId: string }>
  createInvitation(input: CreateInvitationInput): Promise<ProviderInvitation>
  cancelInvitation(invitationId: string): Promise<void>
  getCandidate(candidateId: string): Promise<ProviderCandidate>
  getInvitation(invitationId: string): Promise<ProviderInvitation>
  getReport(reportId: string): Promise<ProviderReport>
  listAdverseItems(reportId: string): Promise<ProviderAdverseItem[]>
  createAdverseAction(input: CreateAdverseActionInput): Promise<{ adverseActionId: string; postNoticeScheduledAt: Date | null }>
  cancelAdverseAction(adverseActionId: string): Promise<void>

  /** Checks a webhook's authenticity over the raw bytes, before anything is parsed. Fails closed. */
  verifyWebhook(request: { headers: Headers; rawBody: Uint8Array }): WebhookVerification
  /**
   * Parses an authenticated webhook body into a provider-neutral event: what it triggers (or null
   * when it concerns no check), the object it is about and the ids it carried. Throws on malformed input.
   */
  parseWebhook(rawBody: Uint8Array): ProviderWebhookEvent
  /**
   * Prepares a parsed trigger for the engine: re-reads from the API what the payload cannot be
   * trusted for (a thin payload, a verdict that may be stale), and says where its check is found.
   */
  resolveWebhook(trigger: WebhookTrigger): Promise<ResolvedWebhook>
  /**
   * Where a reviewer reads this check's report on the provider's own site (its sandbox for a test
   * environment), or null when there is no such page. Optional: without it the console shows no link.
   */
  reportUrl?(refs: { candidateId: string | null; reportId: string | null }): string | null
}

export interface AgencyContact {
  name: string
  address: string
  phone: string
  website: string
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

/** A candidate, as far as vetkit reads it: no PII, only the ids that link it to its reports. */
export interface ProviderCandidate {
  candidateId: string
  /** Oldest first: the last one is the candidate's most recent report. */
  reportIds: string[]
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
  /** The provider's estimate of the completion (Checkr `estimated_completion_time`). */
  eta: Date | null
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

/**
 * The three provider ids a check keeps, each a lookup key: the person (`candidate`), what they
 * were asked to complete (`invitation`), and the result (`report`). A provider maps its own
 * objects onto these (for Checkr they are its candidate, invitation and report).
 */
export type ProviderObjectKind = 'report' | 'invitation' | 'candidate'

/** The provider ids an event carried (or a re-read found), each null when unknown. */
export interface ProviderRefs {
  candidateId: string | null
  invitationId: string | null
  reportId: string | null
}

/**
 * What a webhook asks vetkit to do with one check: the state-machine event it stands for, the
 * object it is about, and what its payload carried. The engine re-reads the object from the API
 * (the source of truth) when the payload is thin, and always for a completion or a revision.
 */
export interface WebhookTrigger {
  event: ProviderCheckEvent['type']
  object: { kind: ProviderObjectKind; id: string }
  /** The ids in the payload; a thin payload has only `object.id`. */
  refs: ProviderRefs
  /** The report as the payload carried it; null when thin or not about a report. */
  report: ReportSnapshot | null
  /** The payload had only the object's id (Checkr with `include_object` off): re-read before matching. */
  thin: boolean
}

/** A webhook, normalised. Carries no PII: only ids, types, times and the report verdict. */
export interface ProviderWebhookEvent {
  eventId: string
  /** The provider's own event type, e.g. `report.completed`, kept for the webhook log. */
  type: string
  occurredAt: Date
  /** What it triggers; null when it concerns no check (`package.*`, `candidate.updated`, unknown types). */
  trigger: WebhookTrigger | null
}

/** One place to look for a trigger's check: checks whose provider id of this kind is `id`. */
export interface CheckLookup {
  kind: ProviderObjectKind
  id: string
  /**
   * Several checks may share the id (a candidate re-checked): take the newest one not yet bound
   * to a report, or bound to the trigger's own report.
   */
  newestOpen?: boolean
}

/** A trigger the provider has prepared: what to match on, and the report as it is now. */
export interface ResolvedWebhook {
  /** The report the event is about (bound to the check it matches); null when there is none yet. */
  reportId: string | null
  /** Where the check is, in order: the first lookup that finds one wins. */
  match: readonly CheckLookup[]
  /** The report as the provider's API returns it now; null when it was not re-read. */
  current: ReportSnapshot | null
  /** The report as the payload carried it; null for a thin payload. */
  carried: ReportSnapshot | null
}
