import type { FakeScenario } from './scenarios'
import type { FakeTimingName } from './timings'

/** What the simulated candidate or Checkr does next. */
export type ScenarioAction =
  | { kind: 'complete_invitation' }
  | { kind: 'suspend_report' }
  | { kind: 'resume_report' }
  | { kind: 'complete_report'; result: 'clear' | 'consider'; assessment: string | null }
  | { kind: 'cancel_report' }
  | { kind: 'open_dispute' }
  | { kind: 'resolve_dispute'; result: 'clear' | 'consider' }
  | { kind: 'apply_assessment'; assessment: string }

/** One step: the action, `after` the named delay from the previous step (or the invitation). */
export interface ScenarioStep {
  after: FakeTimingName
  action: ScenarioAction
}

const invite: ScenarioStep = { after: 'invitationCompleted', action: { kind: 'complete_invitation' } }
const complete = (result: 'clear' | 'consider', assessment: string | null = null): ScenarioStep => ({
  after: 'reportCompleted',
  action: { kind: 'complete_report', result, assessment },
})
const dispute: ScenarioStep = { after: 'disputeOpened', action: { kind: 'open_dispute' } }
const resolve = (result: 'clear' | 'consider'): ScenarioStep => ({ after: 'disputeResolved', action: { kind: 'resolve_dispute', result } })

/**
 * The steps of each scenario. `invitation_expired` has none: the candidate never finishes, and
 * every pending invitation expires on its own at `expires_at`.
 */
export const SCENARIO_STEPS: Readonly<Record<FakeScenario, readonly ScenarioStep[]>> = {
  clear: [invite, complete('clear')],
  consider: [invite, complete('consider')],
  // Checkr Assess: any record makes the result `consider`; the rules rated it eligible.
  eligible_assessment: [invite, complete('consider', 'eligible')],
  // Assess runs after the completion: first `consider` with no assessment, then `report.updated`.
  late_assessment: [invite, complete('consider'), { after: 'assessmentApplied', action: { kind: 'apply_assessment', assessment: 'eligible' } }],
  suspended_then_clear: [
    invite,
    { after: 'reportSuspended', action: { kind: 'suspend_report' } },
    { after: 'reportResumed', action: { kind: 'resume_report' } },
    complete('clear'),
  ],
  dispute_then_clear: [invite, complete('consider'), dispute, resolve('clear')],
  dispute_then_consider: [invite, complete('consider'), dispute, resolve('consider')],
  canceled: [invite, { after: 'reportCanceled', action: { kind: 'cancel_report' } }],
  invitation_expired: [],
}
