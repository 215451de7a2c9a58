import type { AdverseActionState } from '../check-state'
import type { WaitClock } from './wait-clock'

/**
 * A dispute stops the adverse-action clock; its resolution starts it again. The wait is counted in
 * whole business days of the check's jurisdiction: pausing banks the whole days already run (a
 * part-day is not counted, so the candidate never loses time), and resuming runs the rest from the
 * resolution. At least one business day always runs after a resolution, so the final notice never
 * goes out the moment a dispute ends, and never before the unpaused earliest date.
 */
export function pauseWait(action: AdverseActionState, at: Date, clock: WaitClock): AdverseActionState {
  if (action.runningSince === null) return action
  return {
    ...action,
    businessDaysElapsed: action.businessDaysElapsed + clock.elapsed(action.runningSince, at),
    runningSince: null,
    finalNoticeDueAt: null,
  }
}

export function resumeWait(action: AdverseActionState, at: Date, clock: WaitClock): AdverseActionState {
  if (action.runningSince !== null) return action
  const remaining = Math.max(1, action.waitBusinessDays - action.businessDaysElapsed)
  const due = Math.max(clock.add(at, remaining).getTime(), action.earliestFinalAt.getTime())
  return { ...action, runningSince: at, finalNoticeDueAt: new Date(due) }
}
