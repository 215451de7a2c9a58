import type { CheckState } from '../domain/check-state'
import type { CheckRecord, CheckStore, CheckTransition, NewJob, ProviderRefKind, Storage, WebhookLedger, WebhookReceipt } from './storage'

/**
 * What a storage backend implements. It is the storage port with every provider id already
 * sealed: core encrypts the ids and computes their blind indexes (`sealStorage`), so a backend
 * stores and compares opaque strings and never holds a key. Everything else is the `Storage`
 * port unchanged.
 */

/** A provider id as a backend keeps it: AES-256-GCM ciphertext, and the HMAC blind index it is found by. */
export interface SealedRef {
  ciphertext: string
  index: string
}

/** A check's provider ids, sealed. The URL and the adverse-action id are never looked up: ciphertext only. */
export interface SealedRefs {
  candidate: SealedRef | null
  invitation: SealedRef | null
  report: SealedRef | null
  invitationUrl: string | null
  adverseAction: string | null
}

type PlainRefFields = 'candidateId' | 'invitationId' | 'invitationUrl' | 'providerAdverseActionId'

/** The check state without the report id, which travels sealed in `refs.report`. */
export type StoredCheckState = Omit<CheckState, 'reportId'>

export interface StoredCheck extends Omit<CheckRecord, PlainRefFields | 'state'> {
  state: StoredCheckState
  refs: SealedRefs
}

export type NewStoredCheck = Omit<StoredCheck, 'version' | 'updatedAt'>

export interface StoredCheckTransition extends Omit<CheckTransition, PlainRefFields | 'state'> {
  state: StoredCheckState
  /** `report` is always written; each other ref only when present (a transition learns them one at a time). */
  refs: Partial<SealedRefs> & Pick<SealedRefs, 'report'>
}

type SealedCheckMethods = 'insert' | 'get' | 'listForSubject' | 'findByProviderRef' | 'compareAndSet' | 'listExpired' | 'listDueReminders' | 'listDueFinalNotices'

export interface CheckBackend extends Omit<CheckStore, SealedCheckMethods> {
  insert(check: NewStoredCheck): Promise<void>
  get(id: string): Promise<StoredCheck | null>
  listForSubject(subjectId: string): Promise<StoredCheck[]>
  /** The checks of `provider` whose `kind` ref has this blind index (an index lookup, never a scan). */
  findByProviderRef(provider: string, kind: ProviderRefKind, index: string): Promise<StoredCheck[]>
  compareAndSet(transition: StoredCheckTransition): Promise<boolean>
  listExpired(now: Date, limit: number): Promise<StoredCheck[]>
  listDueReminders(now: Date, limit: number): Promise<StoredCheck[]>
  listDueFinalNotices(now: Date, limit: number): Promise<StoredCheck[]>
}

export interface WebhookLedgerBackend extends Omit<WebhookLedger, 'recordAndEnqueue' | 'readEvent'> {
  /** As `WebhookLedger.recordAndEnqueue`, with the event already sealed. */
  recordAndEnqueue(receipt: WebhookReceipt & { eventId: string }, sealedEvent: string, job: Omit<NewJob, 'ref'>): Promise<{ inserted: boolean }>
  /** The sealed event kept on a ledger row, with the provider it is sealed under; null when none. */
  readEvent(id: string): Promise<{ provider: string; sealedEvent: string } | null>
}

export interface StorageBackend extends Omit<Storage, 'checks' | 'webhooks' | 'transaction' | 'usesTestEncryptionKeys'> {
  readonly checks: CheckBackend
  readonly webhooks: WebhookLedgerBackend
  /** Runs `fn` in one database transaction; nested calls reuse the outer transaction. */
  transaction<T>(fn: (tx: StorageBackend) => Promise<T>): Promise<T>
}
