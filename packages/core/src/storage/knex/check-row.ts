import type { CheckState } from '../../domain/check-state'
import type { SealedRef, SealedRefs, StoredCheck, StoredCheckState } from '../../ports/storage-backend'
import { fromJson, msOrNull, toBool, toDate, toDateOrNull, toInt, toJson } from './values'

/**
 * Maps a check between its stored shape and its columns. Provider ids arrive sealed by core
 * (`sealStorage`): this file writes and reads opaque ciphertexts and blind indexes.
 */
type Row = Record<string, unknown>

/** The columns of the refs present in `refs` (absent ones are left as they are). */
export function refColumns(refs: Partial<SealedRefs>): Row {
  const row: Row = {}
  for (const kind of ['candidate', 'invitation', 'report'] as const) {
    const ref = refs[kind]
    if (ref === undefined) continue
    row[`${kind}_id_enc`] = ref?.ciphertext ?? null
    row[`${kind}_id_idx`] = ref?.index ?? null
  }
  if (refs.invitationUrl !== undefined) row.invitation_url_enc = refs.invitationUrl
  if (refs.adverseAction !== undefined) row.adverse_action_id_enc = refs.adverseAction
  return row
}

/** The columns that hold a check's state. */
export function stateColumns(state: StoredCheckState): Row {
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

const textOrNull = (value: unknown): string | null => (value == null ? null : String(value))
const sealedOrNull = (ciphertext: unknown, index: unknown): SealedRef | null =>
  ciphertext == null ? null : { ciphertext: String(ciphertext), index: String(index) }

export function toStoredCheck(row: Row): StoredCheck {
  const state: StoredCheckState = {
    status: row.status as CheckState['status'],
    jurisdiction: String(row.jurisdiction),
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
    provider: String(row.provider),
    packageSlug: String(row.package_slug),
    version: toInt(row.version),
    state,
    refs: {
      candidate: sealedOrNull(row.candidate_id_enc, row.candidate_id_idx),
      invitation: sealedOrNull(row.invitation_id_enc, row.invitation_id_idx),
      report: sealedOrNull(row.report_id_enc, row.report_id_idx),
      invitationUrl: textOrNull(row.invitation_url_enc),
      adverseAction: textOrNull(row.adverse_action_id_enc),
    },
    previousCheckId: (row.previous_check_id as string | null) ?? null,
    nextReminderAt: toDateOrNull(row.next_reminder_at),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  }
}

