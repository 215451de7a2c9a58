import type { CheckState, ClosedReason } from '../domain/check-state'
import type { CheckStatus } from '../domain/check-status'
import type { ConsentRecord } from '../domain/consent'
import type { CheckListSort } from '../domain/check-list-sort'
import type { ThrottleCounter } from '../domain/throttle'

/**
 * The storage port: small, semantic operations built on atomic primitives (compare-and-set,
 * insert-if-absent, one-statement counters, SKIP LOCKED claims), never read-then-write. vetkit
 * ships one implementation on knex (`@vetkit/core/knex`) for PostgreSQL, MySQL/MariaDB and PGlite.
 *
 * Every method runs in the storage's current transaction when it is bound to one
 * (`transaction(fn)` passes a bound storage to `fn`), and otherwise on its own.
 * Times are `Date`s; ids are strings.
 */
export interface Storage {
  readonly subjects: SubjectStore
  readonly consents: ConsentStore
  readonly checks: CheckStore
  readonly history: HistoryStore
  readonly webhooks: WebhookLedger
  readonly throttles: ThrottleStore
  readonly emails: EmailStore
  readonly outbox: OutboxStore
  readonly jobs: JobQueue
  /** Counts for the metrics' gauges, read at scrape time. */
  readonly stats: StatsStore
  /** True when provider ids are sealed with the public test keys (`@vetkit/core/testing`). */
  readonly usesTestEncryptionKeys: boolean
  /** Runs `fn` in one database transaction; nested calls reuse the outer transaction. */
  transaction<T>(fn: (tx: Storage) => Promise<T>): Promise<T>
  /** One round trip to the database; throws `storage_unavailable` when it cannot be reached. */
  ping(): Promise<void>
  /** Whether the schema matches this vetkit (migrations pending otherwise). */
  schemaState(): Promise<{ current: boolean; pending: string[] }>
}

// ---------------------------------------------------------------------------------------------
// Stats (the metrics' gauges)

/** What the gauges show, read in one call; each count comes from an index, none scans the history. */
export interface StorageStats {
  checksByStatus: Record<CheckStatus, number>
  /** Invited, pending or suspended, created at least 7 days before `now`. */
  pendingOver7d: number
  /** Queued jobs due at `now`. */
  jobsBacklog: number
  /** How long the oldest of those has been due, in seconds (0 with none). */
  oldestJobAgeSeconds: number
  jobsDead: number
  /** `pre_adverse` checks; `adverseOverdue`: those whose final notice was due at or before `now`. */
  adverseWaiting: number
  adverseOverdue: number
  /**
   * Rows of the host's gated table that are live while their subject is not eligible at `now`;
   * null when the storage knows no gated table. The gate makes this 0: anything else is an alarm.
   */
  liveWithoutValidCheck: number | null
  /** Passed checks whose validity ends within 30 days after `now`. */
  passesExpiring30d: number
}

export interface StatsStore {
  snapshot(now: Date): Promise<StorageStats>
  /** Whether `snapshot` counts `liveWithoutValidCheck` (the storage knows a gated host table). */
  readonly tracksLiveRows: boolean
}

// ---------------------------------------------------------------------------------------------
// Subjects

export interface SubjectRecord {
  /** The host's own id for its worker. */
  id: string
  email: string | null
  displayName: string | null
  /** Materialised eligibility: the go-live gate on the host's table compares against it. */
  eligibleUntil: Date | null
  createdAt: Date
  updatedAt: Date
}

export interface SubjectStore {
  /** Creates the subject, or updates its email and name when given. Returns the stored row. */
  upsert(input: { id: string; email?: string | null; displayName?: string | null; now: Date }): Promise<SubjectRecord>
  get(id: string): Promise<SubjectRecord | null>
  /**
   * Locks the subject's row until the transaction ends (SELECT ... FOR UPDATE), so decisions
   * about one subject (invites, eligibility) are serialised. Must be called inside a transaction.
   */
  lock(id: string): Promise<SubjectRecord | null>
  setEligibleUntil(id: string, eligibleUntil: Date | null, now: Date): Promise<void>
  /**
   * Takes the subject's row in the host's gated table offline (live flag off), when the storage
   * knows that table (`goLiveGate` option). Returns the rows changed: 0 when none was live or no
   * table is configured (the host then acts on the `subject.eligibility_changed` event).
   */
  takeOffline(id: string): Promise<number>
  /** Ids of subjects whose `eligibleUntil` is set and at or before `now` (uses an index). */
  listEligibilityLapsed(now: Date, limit: number): Promise<string[]>
}

// ---------------------------------------------------------------------------------------------
// Consents (append-only)

export type NewConsent = ConsentRecord

export interface ConsentStore {
  append(consent: NewConsent): Promise<void>
  /** Newest first. */
  listForSubject(subjectId: string, limit: number): Promise<ConsentRecord[]>
}

// ---------------------------------------------------------------------------------------------
// Checks

export interface CheckRecord {
  id: string
  subjectId: string
  /** Provider name, e.g. `checkr` or `fake`. */
  provider: string
  /** Provider package (Checkr package slug). */
  packageSlug: string
  /** Compare-and-set version: every successful transition increments it. */
  version: number
  state: CheckState
  /** Provider ids, in plaintext here; storage keeps them encrypted with a blind index. */
  candidateId: string | null
  invitationId: string | null
  /** The candidate's link to the provider's hosted flow (kept encrypted). */
  invitationUrl: string | null
  /** The provider's adverse action, when the provider sends the notices (kept encrypted). */
  providerAdverseActionId: string | null
  /** The check this one re-checks, if any. */
  previousCheckId: string | null
  /** When the next expiry reminder is due; null when none is pending. */
  nextReminderAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export type NewCheck = Omit<CheckRecord, 'version' | 'updatedAt' | 'providerAdverseActionId'>

export type ProviderRefKind = 'candidate' | 'invitation' | 'report'

export interface CheckTransition {
  id: string
  /** The check's provider (from the record read before deciding): it scopes the sealed ids. */
  provider: string
  /** The version read before deciding; the write succeeds only if it is still current. */
  expectedVersion: number
  state: CheckState
  /** Provider ids learnt with this transition (the report id lives in `state.reportId`). */
  candidateId?: string | null
  invitationId?: string | null
  invitationUrl?: string | null
  providerAdverseActionId?: string | null
  nextReminderAt?: Date | null
  now: Date
}

export interface CheckStore {
  insert(check: NewCheck): Promise<void>
  get(id: string): Promise<CheckRecord | null>
  /** Oldest first. */
  listForSubject(subjectId: string): Promise<CheckRecord[]>
  /** Finds checks by a provider id through its blind index (never by decrypting rows). */
  findByProviderRef(provider: string, kind: ProviderRefKind, value: string): Promise<CheckRecord[]>
  /**
   * Compare-and-set: writes the new state and increments the version only if the stored version
   * equals `expectedVersion`. Returns false when another writer won.
   */
  compareAndSet(transition: CheckTransition): Promise<boolean>
  /** Sets the next reminder time without a state change (the expiry sweep). */
  setNextReminderAt(id: string, nextReminderAt: Date | null, now: Date): Promise<void>
  /** Passed checks whose `validUntil` is at or before `now`, oldest end first. Uses an index. */
  listExpired(now: Date, limit: number): Promise<CheckRecord[]>
  /** Checks whose next reminder is due at or before `now`. Uses an index: cost follows the number due. */
  listDueReminders(now: Date, limit: number): Promise<CheckRecord[]>
  /** Pre-adverse checks whose final notice is due at or before `now`. */
  listDueFinalNotices(now: Date, limit: number): Promise<CheckRecord[]>
  /** The admin review list: filters, search and a keyset cursor. */
  list(query: CheckListQuery): Promise<Page<CheckListItem>>
  /** How many checks the list's filters and search match (its `sort`, `limit` and `cursor` are ignored). */
  count(query: CheckListFilter): Promise<number>
}

/** What the admin list selects; `CheckListQuery` adds the order and the page. */
export interface CheckListFilter {
  now: Date
  statuses?: readonly CheckStatus[]
  /** An open dispute: `disputed` checks, and passes whose report is disputed at the provider. */
  inDispute?: boolean
  /** Closed for this reason, e.g. `invitation_expired`. */
  closedReason?: ClosedReason
  awaitingAdverseAction?: boolean
  /** Still screening (invited, pending, suspended) and created at least this many days ago. */
  pendingLongerThanDays?: number
  /** Passed and expiring within this many days (sorted by expiry, soonest first). */
  expiringWithinDays?: number
  /**
   * With an `@`: an email prefix (case-insensitive). Otherwise an exact subject id, an exact
   * check id, or a prefix of the subject's name (case-insensitive).
   */
  search?: string
}

export interface CheckListQuery extends CheckListFilter {
  /** Default `created_desc`; `valid_until_asc` (soonest expiry) when `expiringWithinDays` is set. */
  sort?: CheckListSort
  /** Default 50, at most 200. */
  limit?: number
  /** From the previous page's `nextCursor`. Malformed cursors (or one from another sort) are rejected (`invalid_cursor`). */
  cursor?: string | null
}

export interface CheckListItem {
  id: string
  subjectId: string
  subjectEmail: string | null
  subjectName: string | null
  status: CheckStatus
  outcome: CheckState['outcome']
  jurisdiction: string
  provider: string
  createdAt: Date
  updatedAt: Date
  reportCompletedAt: Date | null
  /** The provider's completion estimate, while the report screens. */
  reportEta: Date | null
  validUntil: Date | null
  /** The date that gates the final notice; null while paused or without an adverse action. */
  finalNoticeDueAt: Date | null
  /** An adverse action whose wait a dispute has paused. */
  adverseActionPaused: boolean
  inDispute: boolean
  disputeOpenedAt: Date | null
  closedReason: ClosedReason | null
  /** When the subject's newest consent was signed; null when none is on record. */
  consentSignedAt: Date | null
}

export interface Page<T> {
  items: T[]
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null
}

// ---------------------------------------------------------------------------------------------
// History (append-only)

export interface HistoryEntry {
  checkId: string
  subjectId: string
  /** The event type (or transition key) that caused the entry. */
  eventType: string
  fromStatus: CheckStatus | null
  toStatus: CheckStatus
  actorKind: 'admin' | 'subject' | 'system' | 'host' | 'provider'
  actorId: string
  reason: string | null
  /** The webhook ledger entry that carried the event, for provider events. */
  webhookEventId: string | null
  /** Structured context (chosen adverse items, due dates, ...). Never PII. */
  details: Record<string, unknown> | null
  /** When it happened (provider time for provider events). */
  occurredAt: Date
  recordedAt: Date
}

export interface StoredHistoryEntry extends HistoryEntry {
  /** A decimal integer that increases in append order (the audit's sequence; the conformance kit checks it). */
  id: string
}

export interface HistoryStore {
  append(entry: HistoryEntry): Promise<void>
  /** Oldest first. */
  listForCheck(checkId: string): Promise<StoredHistoryEntry[]>
}

// ---------------------------------------------------------------------------------------------
// Webhook ledger

export type WebhookAuthOutcome = 'ok' | 'bad_signature' | 'placeholder_signature' | 'bad_basic_auth' | 'malformed'
export type WebhookProcessingOutcome = 'queued' | 'applied' | 'ignored' | 'rejected' | 'parked' | 'failed' | 'dead' | 'not_processed'

export interface WebhookReceipt {
  provider: string
  /** The provider's event id; null when the request could not be authenticated or parsed. */
  eventId: string | null
  eventType: string | null
  receivedAt: Date
  /** The HTTP status vetkit actually answered. */
  httpStatus: number
  authOutcome: WebhookAuthOutcome
  processingOutcome: WebhookProcessingOutcome
}

export interface WebhookRecord extends WebhookReceipt {
  id: string
  processedAt: Date | null
  /** A stable error code for failed or rejected processing (never a payload excerpt). */
  errorCode: string | null
  checkId: string | null
  /** Processing attempts; on a refusal row, the deliveries it counts. */
  attempts: number
  /** Where a refused delivery came from (the client address, IPv6 by /56); null for accepted ones. */
  source: string | null
  /** The last delivery a refusal row counts. */
  lastReceivedAt: Date | null
}

/** A delivery refused before it was authenticated or parsed. */
export interface WebhookRefusal {
  provider: string
  httpStatus: number
  authOutcome: Exclude<WebhookAuthOutcome, 'ok'>
  /** The client address (IPv6 by /56), or null when unknown. */
  source: string | null
  receivedAt: Date
  /** Refusals of one source, reason and status within one window share a row. */
  windowMs: number
}

export interface WebhookListQuery {
  provider?: string
  eventType?: string
  processingOutcome?: WebhookProcessingOutcome
  authOutcome?: WebhookAuthOutcome
  httpStatus?: number
  /** Default 50, at most 200. */
  limit?: number
  cursor?: string | null
}

export interface WebhookLedger {
  /**
   * Records a delivery. With an event id, insert-if-absent on (provider, event id): a duplicate
   * returns `{ inserted: false }` with the existing id. Without one (auth failures) always inserts.
   */
  record(receipt: WebhookReceipt): Promise<{ inserted: boolean; id: string }>
  /**
   * Counts a refused delivery on the row of its source, reason and window (one row per window,
   * however many arrive), so refusals stay visible without growing the table per request.
   * Returns how many that row counts now.
   */
  recordRefusal(refusal: WebhookRefusal): Promise<{ count: number }>
  /**
   * Records an authenticated delivery and, only when it is new, enqueues its processing job, in
   * one atomic step (a single statement on PostgreSQL). The parsed event is kept on the ledger
   * row, encrypted (it holds provider ids); the job refers to that row by its `ref` (the ledger
   * id) and holds no provider data. A duplicate inserts nothing.
   */
  recordAndEnqueue(
    receipt: WebhookReceipt & { eventId: string },
    event: Record<string, unknown>,
    job: Omit<NewJob, 'ref'>,
  ): Promise<{ inserted: boolean }>
  /** The event `recordAndEnqueue` kept for a ledger row, decrypted; null when there is none. */
  readEvent(id: string): Promise<Record<string, unknown> | null>
  setProcessingOutcome(
    id: string,
    update: { outcome: WebhookProcessingOutcome; processedAt: Date; errorCode?: string | null; checkId?: string | null },
  ): Promise<void>
  get(id: string): Promise<WebhookRecord | null>
  /** Newest first. */
  list(query: WebhookListQuery): Promise<Page<WebhookRecord>>
}

// ---------------------------------------------------------------------------------------------
// Throttles

export interface ThrottleStore {
  /**
   * One atomic hit on `key`: opens a new window when the current one (anchored at its first hit)
   * has closed, else increments. Returns the counter including this hit.
   */
  consume(key: string, windowSeconds: number, now: Date): Promise<ThrottleCounter>
  /** Gives back one hit of the window `counter` belongs to (e.g. the provider call failed). */
  release(key: string, counter: ThrottleCounter): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Emails

export type EmailStatus = 'queued' | 'sent' | 'failed' | 'suppressed'

export interface EmailRecord {
  id: string
  /** Unique: the same notice is never queued twice (e.g. `check:<id>:expiry_reminder_30d`). */
  dedupeKey: string
  subjectId: string
  checkId: string | null
  template: string
  /** Template data. Addresses are resolved at send time from the subject. */
  data: Record<string, unknown>
  status: EmailStatus
  attempts: number
  lastError: string | null
  providerMessageId: string | null
  createdAt: Date
  sentAt: Date | null
}

export type NewEmail = Pick<EmailRecord, 'id' | 'dedupeKey' | 'subjectId' | 'checkId' | 'template' | 'data' | 'createdAt'>

export interface EmailStore {
  /** Insert-if-absent on the dedupe key. Returns false when that email already exists. */
  insertIfAbsent(email: NewEmail): Promise<boolean>
  get(id: string): Promise<EmailRecord | null>
  getByDedupeKey(dedupeKey: string): Promise<EmailRecord | null>
  /** The emails of one check, oldest first. */
  listForCheck(checkId: string): Promise<EmailRecord[]>
  markSent(id: string, update: { sentAt: Date; providerMessageId: string | null }): Promise<void>
  markFailed(id: string, update: { error: string; final: boolean }): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Outbox (host events)

export interface OutboxEvent {
  id: string
  type: string
  subjectId: string | null
  checkId: string | null
  payload: Record<string, unknown>
  createdAt: Date
}

export interface OutboxStore {
  append(event: Omit<OutboxEvent, 'id'>): Promise<{ id: string }>
  get(id: string): Promise<OutboxEvent | null>
  /** Events with an id greater than `afterId`, in order: for hosts that poll. */
  listAfter(afterId: string | null, limit: number): Promise<OutboxEvent[]>
}

// ---------------------------------------------------------------------------------------------
// Jobs

export type JobStatus = 'queued' | 'running' | 'completed' | 'dead'

export interface NewJob {
  type: string
  payload: Record<string, unknown>
  /** Not before this time (default: now). */
  runAt: Date
  /** At most one job ever exists per dedupe key; enqueueing it again returns the existing one. */
  dedupeKey?: string | null
  /** Attempts before the job is dead-lettered (default 5). */
  maxAttempts?: number
  /** The id of the row the job works on (a webhook's ledger row), as a column rather than in the payload. */
  ref?: string | null
  now: Date
}

export interface JobRecord {
  id: string
  type: string
  payload: Record<string, unknown>
  status: JobStatus
  runAt: Date
  attempts: number
  maxAttempts: number
  dedupeKey: string | null
  ref: string | null
  lockedBy: string | null
  lockedUntil: Date | null
  lastError: string | null
  createdAt: Date
  updatedAt: Date
  completedAt: Date | null
}

/** A job held under a lease. `claimToken` fences late writes from a worker whose lease expired. */
export interface ClaimedJob extends JobRecord {
  claimToken: string
}

export interface ClaimOptions {
  /** Identifies the worker in `lockedBy` (diagnostics only). */
  workerId: string
  limit: number
  leaseMs: number
  now: Date
  /** Only these job types (default: all). */
  types?: readonly string[]
}

export interface JobQueue {
  enqueue(job: NewJob): Promise<{ id: string; inserted: boolean }>
  /**
   * Claims up to `limit` due jobs (`FOR UPDATE SKIP LOCKED`): concurrent claimers never get the
   * same job. Each claim increments `attempts` and holds a lease until `now + leaseMs`.
   */
  claim(options: ClaimOptions): Promise<ClaimedJob[]>
  /** Marks the job completed. False when the lease was lost (another worker reclaimed it). */
  complete(job: ClaimedJob, now: Date): Promise<boolean>
  /**
   * Records a failure: retried at `retryAt`, or dead-lettered when attempts are exhausted (or
   * `final`). Returns the outcome, or `lease_lost` when the claim is no longer this worker's.
   */
  fail(job: ClaimedJob, failure: { error: string; retryAt: Date; now: Date; final?: boolean }): Promise<'retrying' | 'dead' | 'lease_lost'>
  /** Extends a held lease. False when it was lost. */
  extendLease(job: ClaimedJob, until: Date, now: Date): Promise<boolean>
  /** Extends the lease of every job still held under one claim (one statement). Returns how many. */
  renewClaim(claimToken: string, until: Date, now: Date): Promise<number>
  /**
   * Returns jobs whose lease expired to the queue (a worker died), first in line (their run time
   * is kept), or dead-letters them when their attempts are exhausted; those are returned, so the
   * engine can record what they were for as dead too.
   */
  reclaimExpired(now: Date): Promise<{ requeued: number; dead: number; deadJobs: JobRecord[] }>
  /** Puts a dead job back in the queue with fresh attempts. False unless it was dead. */
  redrive(id: string, now: Date): Promise<boolean>
  get(id: string): Promise<JobRecord | null>
  getByDedupeKey(dedupeKey: string): Promise<JobRecord | null>
  /** Newest first. */
  listDead(query: { limit?: number; cursor?: string | null }): Promise<Page<JobRecord>>
  countByStatus(): Promise<Record<JobStatus, number>>
  /** When the earliest queued job is due (a worker may sleep until then); null when none is queued. */
  nextRunAt(): Promise<Date | null>
  /**
   * Deletes up to `limit` completed jobs finished before `completedBefore` and dead jobs last
   * touched before `deadBefore` (an index range each). Returns how many went.
   */
  prune(options: { completedBefore: Date; deadBefore: Date; limit: number }): Promise<{ deleted: number }>
}
