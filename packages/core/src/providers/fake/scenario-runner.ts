import { addMs } from './checkr-time'
import { sendPostNotice } from './adverse-actions'
import type { InvitationRecord } from './records'
import {
  cancelReport,
  completeInvitation,
  completeReport,
  expireInvitation,
  openDispute,
  resolveDispute,
  resumeReport,
  reviseReport,
  suspendReport,
} from './report-lifecycle'
import { SCENARIO_STEPS } from './scenario-steps'
import type { ScheduledEntry } from './schedule'
import type { World } from './world'

/** Schedules a new invitation's future: its scenario's first step and its expiry. */
export function startScenario(world: World, invitation: InvitationRecord): void {
  world.schedule.add(invitation.expiresAt, { kind: 'invitation_expiry', invitationId: invitation.id })
  scheduleNextStep(world, invitation, invitation.createdAt)
}

/** Manual controls take over a report: the rest of its scenario is dropped. */
export function stopScenario(world: World, invitation: InvitationRecord): void {
  invitation.nextStep = null
  world.schedule.cancel((e) => e.kind === 'scenario_step' && e.invitationId === invitation.id)
}

/**
 * Runs everything due at `now`, earliest first. Each step runs at its own scheduled time and
 * schedules the next one from there, so after a long jump of the clock the webhooks still carry
 * the times (and object states) a live run would have produced.
 */
export function runDue(world: World, now: Date): void {
  for (let due = world.schedule.popDue(now); due; due = world.schedule.popDue(now)) {
    runEntry(world, due.entry, due.at)
  }
}

function runEntry(world: World, entry: ScheduledEntry, at: Date): void {
  if (entry.kind === 'post_notice') {
    const action = world.adverseActions.get(entry.adverseActionId)
    if (action) sendPostNotice(world, action, at)
    return
  }
  const invitation = world.invitations.get(entry.invitationId)
  if (!invitation) return
  if (entry.kind === 'invitation_expiry') expireInvitation(world, invitation, at)
  else runStep(world, invitation, at)
}

function scheduleNextStep(world: World, invitation: InvitationRecord, from: Date): void {
  const step = invitation.nextStep === null ? undefined : SCENARIO_STEPS[invitation.scenario][invitation.nextStep]
  if (!step) {
    invitation.nextStep = null
    return
  }
  world.schedule.add(addMs(from, world.timings[step.after]), { kind: 'scenario_step', invitationId: invitation.id })
}

function runStep(world: World, invitation: InvitationRecord, at: Date): void {
  if (invitation.nextStep === null) return
  const step = SCENARIO_STEPS[invitation.scenario][invitation.nextStep]
  if (!step) return
  invitation.nextStep += 1
  const action = step.action
  if (action.kind === 'complete_invitation') {
    completeInvitation(world, invitation, at)
  } else {
    const report = invitation.reportId ? world.reports.get(invitation.reportId) : undefined
    if (!report) return
    switch (action.kind) {
      case 'suspend_report':
        suspendReport(world, report, at)
        break
      case 'resume_report':
        resumeReport(world, report, at)
        break
      case 'complete_report':
        completeReport(world, report, at, action.result, action.assessment)
        break
      case 'cancel_report':
        cancelReport(world, report, at)
        break
      case 'open_dispute':
        openDispute(world, report, at)
        break
      case 'resolve_dispute':
        // No disputed scenario runs on an Assess account, so the new result has no assessment.
        resolveDispute(world, report, at, action.result, null)
        break
      case 'apply_assessment':
        reviseReport(world, report, at, { assessment: action.assessment })
        break
    }
  }
  scheduleNextStep(world, invitation, at)
}
