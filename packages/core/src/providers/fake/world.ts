import { candidateJson, invitationJson, reportJson } from './checkr-json'
import type { IdFactory } from './ids'
import type { AdverseActionRecord, CandidateRecord, InvitationRecord, ReportRecord } from './records'
import type { Schedule } from './schedule'
import type { ResolvedTimings } from './timings'
import type { WebhookLog } from './webhook-log'

/** The simulator's whole state, shared by the modules that act on it. */
export interface World {
  readonly ids: IdFactory
  readonly timings: ResolvedTimings
  readonly schedule: Schedule
  readonly log: WebhookLog
  readonly candidates: Map<string, CandidateRecord>
  readonly invitations: Map<string, InvitationRecord>
  readonly reports: Map<string, ReportRecord>
  readonly adverseActions: Map<string, AdverseActionRecord>
}

// Each webhook carries the object as it is at the event's time (Checkr's `include_object`).

export function emitCandidate(world: World, type: string, candidate: CandidateRecord, at: Date): void {
  world.log.emit(type, candidateJson(candidate), at)
}

export function emitInvitation(world: World, type: string, invitation: InvitationRecord, at: Date): void {
  world.log.emit(type, invitationJson(invitation), at)
}

export function emitReport(world: World, type: string, report: ReportRecord, at: Date): void {
  world.log.emit(type, reportJson(report, (name) => world.ids.derive(`${report.id}:${name}`)), at)
}
