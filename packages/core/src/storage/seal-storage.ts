import type { ProviderIdSealer } from '../crypto/provider-id-sealer'
import type { CheckBackend, SealedRef, SealedRefs, StorageBackend, StoredCheck, WebhookLedgerBackend } from '../ports/storage-backend'
import type { CheckRecord, CheckStore, ProviderRefKind, Storage, WebhookLedger } from '../ports/storage'

/**
 * Core's side of the storage seam: provider ids are sealed here, before any backend sees them.
 * Each id is encrypted under a per-provider, per-field context, so a ciphertext copied to another
 * column or provider does not decrypt; the looked-up ones also get a blind index.
 */

type RefField = ProviderRefKind | 'invitation_url' | 'adverse_action' | 'webhook_event'
const context = (provider: string, field: RefField): string => `${provider}.${field}`

/** The two stores that carry provider data, sealed over a backend's; the rest pass through. */
export function sealStores(backend: Pick<StorageBackend, 'checks' | 'webhooks'>, sealer: ProviderIdSealer): Pick<Storage, 'checks' | 'webhooks'> {
  return { checks: sealChecks(backend.checks, sealer), webhooks: sealLedger(backend.webhooks, sealer) }
}

/** A `Storage` over any backend: what a backend author hands to `createVetkit` and the conformance kit. */
export function sealStorage(backend: StorageBackend, sealer: ProviderIdSealer): Storage {
  return {
    ...backend,
    ...sealStores(backend, sealer),
    usesTestEncryptionKeys: sealer.testKeys === true,
    transaction: (fn) => backend.transaction((tx) => fn(sealStorage(tx, sealer))),
  }
}

function sealChecks(checks: CheckBackend, sealer: ProviderIdSealer): CheckStore {
  const ref = (provider: string, kind: ProviderRefKind, value: string | null): SealedRef | null => (value === null ? null : sealer.seal(value, context(provider, kind)))
  const cipher = (provider: string, field: RefField, value: string | null): string | null => (value === null ? null : sealer.seal(value, context(provider, field)).ciphertext)
  const open = (provider: string, field: RefField, value: string | null | undefined): string | null =>
    value == null ? null : sealer.open(value, context(provider, field))
  const toRecord = (stored: StoredCheck): CheckRecord => {
    const { refs, state, ...rest } = stored
    const p = stored.provider
    return {
      ...rest,
      state: { ...state, reportId: open(p, 'report', refs.report?.ciphertext) },
      candidateId: open(p, 'candidate', refs.candidate?.ciphertext),
      invitationId: open(p, 'invitation', refs.invitation?.ciphertext),
      invitationUrl: open(p, 'invitation_url', refs.invitationUrl),
      providerAdverseActionId: open(p, 'adverse_action', refs.adverseAction),
    }
  }
  const withoutReport = ({ reportId: _reportId, ...state }: CheckRecord['state']) => state
  const many = async (rows: Promise<StoredCheck[]>) => (await rows).map(toRecord)

  return {
    ...checks,
    async insert(check) {
      const { candidateId, invitationId, invitationUrl, state, ...rest } = check
      const p = check.provider
      const refs: SealedRefs = {
        candidate: ref(p, 'candidate', candidateId),
        invitation: ref(p, 'invitation', invitationId),
        report: ref(p, 'report', state.reportId),
        invitationUrl: cipher(p, 'invitation_url', invitationUrl),
        adverseAction: null,
      }
      await checks.insert({ ...rest, state: withoutReport(state), refs })
    },
    get: async (id) => {
      const stored = await checks.get(id)
      return stored ? toRecord(stored) : null
    },
    listForSubject: (subjectId) => many(checks.listForSubject(subjectId)),
    findByProviderRef: (provider, kind, value) => many(checks.findByProviderRef(provider, kind, sealer.index(value, context(provider, kind)))),
    compareAndSet(transition) {
      const { candidateId, invitationId, invitationUrl, providerAdverseActionId, state, ...rest } = transition
      const p = transition.provider
      const refs: Partial<SealedRefs> & Pick<SealedRefs, 'report'> = { report: ref(p, 'report', state.reportId) }
      if (candidateId !== undefined) refs.candidate = ref(p, 'candidate', candidateId)
      if (invitationId !== undefined) refs.invitation = ref(p, 'invitation', invitationId)
      if (invitationUrl !== undefined) refs.invitationUrl = cipher(p, 'invitation_url', invitationUrl)
      if (providerAdverseActionId !== undefined) refs.adverseAction = cipher(p, 'adverse_action', providerAdverseActionId)
      return checks.compareAndSet({ ...rest, state: withoutReport(state), refs })
    },
    listExpired: (now, limit) => many(checks.listExpired(now, limit)),
    listDueReminders: (now, limit) => many(checks.listDueReminders(now, limit)),
    listDueFinalNotices: (now, limit) => many(checks.listDueFinalNotices(now, limit)),
  }
}

function sealLedger(ledger: WebhookLedgerBackend, sealer: ProviderIdSealer): WebhookLedger {
  return {
    ...ledger,
    // The parsed event holds provider ids: it is kept sealed, and the job refers to its row.
    recordAndEnqueue: (receipt, event, job) =>
      ledger.recordAndEnqueue(receipt, sealer.seal(JSON.stringify(event), context(receipt.provider, 'webhook_event')).ciphertext, job),
    async readEvent(id) {
      const row = await ledger.readEvent(id)
      if (!row) return null
      const parsed: unknown = JSON.parse(sealer.open(row.sealedEvent, context(row.provider, 'webhook_event')))
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null
    },
  }
}
