import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { deserialize, serialize } from 'node:v8'
import { ConfigurationError } from '../../errors'
import type { ProviderInvitation } from '../../ports/provider'
import type { FakeScenario } from './scenarios'
import type { ScheduleState } from './schedule'
import type { AdverseActionRecord, CandidateRecord, InvitationRecord, ReportRecord } from './records'
import type { WebhookEntry } from './webhook-log'

/** Everything the simulator knows, as plain data: what it needs to go on after a restart. */
export interface FakeSnapshot {
  version: 1
  seed: string
  counters: Map<string, number>
  schedule: ScheduleState
  log: WebhookEntry[]
  candidates: Map<string, CandidateRecord>
  invitations: Map<string, InvitationRecord>
  reports: Map<string, ReportRecord>
  adverseActions: Map<string, AdverseActionRecord>
  scenarioOverrides: Map<string, FakeScenario>
  idempotency: {
    candidates: Map<string, { at: number; value: { candidateId: string } }>
    invitations: Map<string, { at: number; value: ProviderInvitation }>
    adverseActions: Map<string, { at: number; value: { adverseActionId: string; postNoticeScheduledAt: Date | null } }>
  }
}

/**
 * Where the simulator keeps its state between runs. It is loaded once when the fake is created
 * and saved after every call that may have changed it, so a restarted app finds its candidates,
 * invitations, reports and pending webhooks where it left them.
 */
export interface FakeStateStore {
  load(): FakeSnapshot | null
  save(snapshot: FakeSnapshot): void
}

/**
 * A state store in one file (Node's structured serialization, written to a temporary file and
 * renamed, so a crash mid-write leaves the previous state). One process per file.
 */
export function fakeStateFile(path: string): FakeStateStore {
  if (typeof path !== 'string' || path.trim() === '') throw new ConfigurationError('state', 'fakeStateFile needs a file path')
  return {
    load() {
      if (!existsSync(path)) return null
      const snapshot = deserialize(readFileSync(path)) as FakeSnapshot
      if (snapshot?.version !== 1) throw new ConfigurationError('state', `${path} is not a fake provider state file (or is from another version); delete it to start afresh`)
      return snapshot
    },
    save(snapshot) {
      const temporary = `${path}.tmp`
      writeFileSync(temporary, serialize(snapshot))
      renameSync(temporary, path)
    },
  }
}
