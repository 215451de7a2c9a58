import { VetkitError } from '../errors'
import type { CheckEventType } from './check-events'
import type { CheckStatus } from './check-status'

export type TransitionErrorCode =
  /** The table has no such transition from this status. */
  | 'invalid_transition'
  /** The check is failed, canceled or expired: only a new check can change the outcome. */
  | 'check_closed'
  /** A dispute is open: no decision until it is resolved. */
  | 'dispute_open'
  /** The final adverse-action notice is not due yet (or is paused by a dispute). */
  | 'adverse_wait_not_elapsed'
  /** The pass has not reached its `validUntil`. */
  | 'not_yet_expired'
  /** The event is about another report than the one this check is bound to. */
  | 'report_mismatch'
  /** A clearance needs the report's completion time to compute validity, and it is unknown. */
  | 'report_not_completed'
  /** A pre-adverse notice must name the records it is based on. */
  | 'adverse_items_required'
  /** There is no adverse action to cancel. */
  | 'no_adverse_action'

export class TransitionError extends VetkitError {
  override readonly code: TransitionErrorCode
  readonly from: CheckStatus
  readonly event: CheckEventType

  constructor(code: TransitionErrorCode, from: CheckStatus, event: CheckEventType, message: string) {
    super(code, message)
    this.code = code
    this.from = from
    this.event = event
  }
}
