import { candidateJson, invitationJson, reportJson, type CheckrObjectJson } from './checkr-json'
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
  /** Checkr's webhook setting: false sends only `{ id, object, uri }` in `data.object`. */
  readonly includeObject: boolean
}

// Each webhook carries the object as it is at the event's time (Checkr's `include_object`), or,
// with `include_object` off, only the object's id: the receiver must read the rest from the API.

function emit(world: World, type: string, object: CheckrObjectJson, at: Date): void {
  world.log.emit(type, world.includeObject ? object : { id: object.id, object: object.object, uri: object.uri ?? null }, at)
}

export function emitCandidate(world: World, type: string, candidate: CandidateRecord, at: Date): void {
  emit(world, type, candidateJson(candidate), at)
}

export function emitInvitation(world: World, type: string, invitation: InvitationRecord, at: Date): void {
  emit(world, type, invitationJson(invitation), at)
}

export function emitReport(world: World, type: string, report: ReportRecord, at: Date): void {
  emit(world, type, reportJson(report, (name) => world.ids.derive(`${report.id}:${name}`)), at)
}
