import { haltAdverseActionsForDispute } from './adverse-actions'
import { makeAdverseItems } from './adverse-items'
import { addMs } from './checkr-time'
import type { InvitationRecord, ReportRecord } from './records'
import { emitInvitation, emitReport, type World } from './world'

// What happens to invitations and reports, each change with the webhook Checkr sends for it.
// Callers check that the change makes sense (scenarios only chain valid steps; the manual
// controls check before calling).

/** The candidate finished the apply flow: Checkr creates the report at the same moment. */
export function completeInvitation(world: World, invitation: InvitationRecord, at: Date): ReportRecord {
  const report: ReportRecord = {
    id: world.ids.next('report'),
    candidateId: invitation.candidateId,
    invitationId: invitation.id,
    packageSlug: invitation.packageSlug,
    workLocations: invitation.workLocations,
    status: 'pending',
    result: null,
    assessment: null,
    adjudication: null,
    createdAt: at,
    completedAt: null,
    revisedAt: null,
    estimatedCompletionAt: addMs(at, world.timings.reportCompleted),
    adverseItems: [],
  }
  world.reports.set(report.id, report)
  world.candidates.get(invitation.candidateId)?.reportIds.push(report.id)
  invitation.status = 'completed'
  invitation.completedAt = at
  invitation.reportId = report.id
  world.schedule.cancel((e) => e.kind === 'invitation_expiry' && e.invitationId === invitation.id)
  emitInvitation(world, 'invitation.completed', invitation, at)
  emitReport(world, 'report.created', report, at)
  return report
}

export function expireInvitation(world: World, invitation: InvitationRecord, at: Date): void {
  if (invitation.status !== 'pending' || invitation.deletedAt) return
  invitation.status = 'expired'
  invitation.nextStep = null
  world.schedule.cancel((e) => e.kind === 'scenario_step' && e.invitationId === invitation.id)
  emitInvitation(world, 'invitation.expired', invitation, at)
}

/** `DELETE /invitations/{id}`: Checkr has no canceled status; it sets `deleted_at`. */
export function deleteInvitation(world: World, invitation: InvitationRecord, at: Date): void {
  invitation.deletedAt = at
  invitation.nextStep = null
  world.schedule.cancel((e) => (e.kind === 'scenario_step' || e.kind === 'invitation_expiry') && e.invitationId === invitation.id)
  emitInvitation(world, 'invitation.deleted', invitation, at)
}

export function suspendReport(world: World, report: ReportRecord, at: Date): void {
  report.status = 'suspended'
  emitReport(world, 'report.suspended', report, at)
}

export function resumeReport(world: World, report: ReportRecord, at: Date): void {
  report.status = 'pending'
  report.estimatedCompletionAt = addMs(at, world.timings.reportCompleted)
  emitReport(world, 'report.resumed', report, at)
}

export function completeReport(world: World, report: ReportRecord, at: Date, result: 'clear' | 'consider', assessment: string | null): void {
  report.status = 'complete'
  report.result = result
  report.assessment = assessment
  report.completedAt = at
  if (result === 'consider' && report.adverseItems.length === 0) report.adverseItems = makeAdverseItems(world.ids)
  emitReport(world, 'report.completed', report, at)
}

export function cancelReport(world: World, report: ReportRecord, at: Date): void {
  report.status = 'canceled'
  emitReport(world, 'report.canceled', report, at)
}

export function openDispute(world: World, report: ReportRecord, at: Date): void {
  report.status = 'dispute'
  haltAdverseActionsForDispute(world, report)
  emitReport(world, 'report.disputed', report, at)
}

/**
 * Reinvestigation done: Checkr sends `report.completed` again. The fake moves `completed_at` to
 * the new completion and sets `revised_at`. A dispute ended the pending adverse process, so a
 * pre-adverse adjudication clears and a new adverse action may start (UNCONFIRMED against Checkr).
 */
export function resolveDispute(world: World, report: ReportRecord, at: Date, result: 'clear' | 'consider', assessment: string | null): void {
  report.revisedAt = at
  if (report.adjudication === 'pre_adverse_action') report.adjudication = null
  completeReport(world, report, at, result, assessment)
}

/** What a revision may change on a report. */
export interface ReportRevision {
  result?: 'clear' | 'consider'
  assessment?: string | null
  estimatedCompletionAt?: Date
}

/**
 * The report changed after the fact (Checkr Assess applied an assessment, a result was revised,
 * the ETA moved): Checkr sends `report.updated` with the report as it is now.
 */
export function reviseReport(world: World, report: ReportRecord, at: Date, revision: ReportRevision): void {
  if (revision.result !== undefined) report.result = revision.result
  if (revision.assessment !== undefined) report.assessment = revision.assessment
  if (revision.estimatedCompletionAt !== undefined) report.estimatedCompletionAt = revision.estimatedCompletionAt
  if (report.status === 'complete' && revision.result !== undefined) report.revisedAt = at
  if (report.result === 'consider' && report.adverseItems.length === 0) report.adverseItems = makeAdverseItems(world.ids)
  emitReport(world, 'report.updated', report, at)
}
