import type { ProviderIdSealer } from '../../crypto/provider-id-sealer'
import type { CheckState } from '../../domain/check-state'
import type { CheckRecord, ProviderRefKind } from '../../ports/storage'
import { fromJson, msOrNull, toBool, toDate, toDateOrNull, toInt, toJson } from './values'

/**
 * Maps a check between its domain shape and its columns. Provider ids never reach a column in
 * plaintext: each is sealed (AES-256-GCM ciphertext plus blind index) under a per-provider,
 * per-column context, so a ciphertext copied to another column or provider does not decrypt.
 */
type Row = Record<string, unknown>

export const refContext = (provider: string, kind: ProviderRefKind | 'invitation_url' | 'adverse_action'): string => `${provider}.${kind}`

export function sealedRef(sealer: ProviderIdSealer, provider: string, kind: ProviderRefKind, value: string | null): Row {
  if (value === null) return { [`${kind}_id_enc`]: null, [`${kind}_id_idx`]: null }
  const sealed = sealer.seal(value, refContext(provider, kind))
  return { [`${kind}_id_enc`]: sealed.ciphertext, [`${kind}_id_idx`]: sealed.index }
}

export function sealedUrl(sealer: ProviderIdSealer, provider: string, value: string | null): Row {
  return { invitation_url_enc: value === null ? null : sealer.seal(value, refContext(provider, 'invitation_url')).ciphertext }
}

/** The provider's adverse-action id: encrypted, and never looked up (no blind index). */
export function sealedAdverseAction(sealer: ProviderIdSealer, provider: string, value: string | null): Row {
  return { adverse_action_id_enc: value === null ? null : sealer.seal(value, refContext(provider, 'adverse_action')).ciphertext }
}

/** The columns that hold a check's state. */
export function stateColumns(state: CheckState): Row {
  const aa = state.adverseAction
  const dispute = state.dispute
  return {
    status: state.status,
    jurisdiction: state.jurisdiction,
    outcome: state.outcome,
    report_completed_at: msOrNull(state.reportCompletedAt),
    cleared_at: msOrNull(state.clearedAt),
    valid_until: msOrNull(state.validUntil),
    report_eta: msOrNull(state.reportEta),
    final_adverse_at: msOrNull(state.finalAdverseAt),
    closed_at: msOrNull(state.closedAt),
    closed_reason: state.closedReason,
    cursor_at: msOrNull(state.providerCursor?.at),
    cursor_rank: state.providerCursor?.rank ?? null,
    adverse_started_at: msOrNull(aa?.startedAt),
    adverse_items: aa ? toJson(aa.adverseItemIds) : null,
    adverse_medium: aa?.medium ?? null,
    adverse_written_dispute: aa ? aa.writtenDispute : null,
    adverse_earliest_final_at: msOrNull(aa?.earliestFinalAt),
    adverse_final_due_at: msOrNull(aa?.finalNoticeDueAt),
    adverse_wait_days: aa ? aa.waitBusinessDays : null,
    adverse_days_elapsed: aa ? aa.businessDaysElapsed : null,
    adverse_running_since: msOrNull(aa?.runningSince),
    dispute_opened_at: msOrNull(dispute?.openedAt),
    dispute_source: dispute?.source ?? null,
    dispute_written: dispute ? dispute.writtenDispute : null,
    in_dispute: dispute !== null,
  }
}

function openRef(sealer: ProviderIdSealer, provider: string, kind: ProviderRefKind | 'invitation_url' | 'adverse_action', value: unknown): string | null {
  return value == null ? null : sealer.open(String(value), refContext(provider, kind))
}

export function toCheckRecord(row: Row, sealer: ProviderIdSealer): CheckRecord {
  const provider = String(row.provider)
  const state: CheckState = {
    status: row.status as CheckState['status'],
    jurisdiction: String(row.jurisdiction),
    reportId: openRef(sealer, provider, 'report', row.report_id_enc),
    outcome: (row.outcome as CheckState['outcome']) ?? null,
    reportCompletedAt: toDateOrNull(row.report_completed_at),
    clearedAt: toDateOrNull(row.cleared_at),
    validUntil: toDateOrNull(row.valid_until),
    reportEta: toDateOrNull(row.report_eta),
    providerCursor: row.cursor_at == null ? null : { at: toDate(row.cursor_at), rank: toInt(row.cursor_rank) },
    adverseAction:
      row.adverse_started_at == null
        ? null
        : {
            startedAt: toDate(row.adverse_started_at),
            adverseItemIds: fromJson<string[]>(row.adverse_items, []),
            medium: row.adverse_medium === 'postal' ? 'postal' : 'email',
            writtenDispute: toBool(row.adverse_written_dispute),
            earliestFinalAt: toDate(row.adverse_earliest_final_at),
            waitBusinessDays: toInt(row.adverse_wait_days),
            businessDaysElapsed: toInt(row.adverse_days_elapsed),
            runningSince: toDateOrNull(row.adverse_running_since),
            finalNoticeDueAt: toDateOrNull(row.adverse_final_due_at),
          },
    dispute:
      row.dispute_opened_at == null
        ? null
        : {
            openedAt: toDate(row.dispute_opened_at),
            source: row.dispute_source === 'provider' ? 'provider' : 'vetkit',
            writtenDispute: toBool(row.dispute_written),
          },
    finalAdverseAt: toDateOrNull(row.final_adverse_at),
    closedAt: toDateOrNull(row.closed_at),
    closedReason: (row.closed_reason as CheckState['closedReason']) ?? null,
  }
  return {
    id: String(row.id),
    subjectId: String(row.subject_id),
    provider,
    packageSlug: String(row.package_slug),
    version: toInt(row.version),
    state,
    candidateId: openRef(sealer, provider, 'candidate', row.candidate_id_enc),
    invitationId: openRef(sealer, provider, 'invitation', row.invitation_id_enc),
    invitationUrl: openRef(sealer, provider, 'invitation_url', row.invitation_url_enc),
    providerAdverseActionId: openRef(sealer, provider, 'adverse_action', row.adverse_action_id_enc),
    previousCheckId: (row.previous_check_id as string | null) ?? null,
    nextReminderAt: toDateOrNull(row.next_reminder_at),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  }
}

