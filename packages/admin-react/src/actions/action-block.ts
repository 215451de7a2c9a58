import type { CheckJson } from '../api/types'

/** Why an offered action cannot run yet. */
export type ActionBlock =
  /** A dispute stops the adverse-action clock; the final notice waits for its resolution. */
  | { kind: 'paused_by_dispute' }
  /** The pre-adverse wait has not run: the final notice may go out from `finalNoticeDueAt`. */
  | { kind: 'wait_running'; businessDaysRemaining: number | null; finalNoticeDueAt: string }

/**
 * The final notice goes out only after the wait (finalNoticeDueAt has come) and never during a
 * dispute. The server's count is trusted over the browser's clock (which may be off, or behind a
 * server whose time was moved): 0 days remaining unblocks; otherwise the wait runs until the date
 * passes in the browser too, when the server has the last word (a 409 if it disagrees).
 */
export function finalizeBlock(check: CheckJson, now: number): ActionBlock | null {
  const action = check.adverseAction
  if (check.inDispute || action?.paused) return { kind: 'paused_by_dispute' }
  const due = action?.finalNoticeDueAt ?? null
  const remaining = action?.businessDaysRemaining ?? null
  if (due !== null && remaining !== 0 && Date.parse(due) > now) return { kind: 'wait_running', businessDaysRemaining: remaining, finalNoticeDueAt: due }
  return null
}
