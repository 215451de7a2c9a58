import type { ApplyResult } from '../../domain/apply-check-event'
import type { CheckState } from '../../domain/check-state'
import type { MetricsPort } from '../../metrics/metrics-port'
import type { CheckRecord } from '../../ports/storage'

const HOUR_MS = 3_600_000

/**
 * The counters a committed transition moves: the transition itself, adverse actions and disputes
 * starting or ending, and the invitation-to-result turnaround once the report's outcome is known.
 * Called after the transaction commits, so a rolled-back decision counts nothing.
 */
export function recordTransitionMetrics(metrics: MetricsPort, before: CheckRecord, result: ApplyResult): void {
  // An ignored event may still have changed the state (a dispute opened on a pass): it was stored.
  if (result.kind === 'rejected') return
  const was: CheckState = before.state
  const now: CheckState = result.state
  if (result.kind === 'applied' && result.from !== result.to) metrics.count('transitions', { from: result.from, to: result.to })
  if (!was.adverseAction && now.adverseAction) metrics.count('adverse_actions', { action: 'started' })
  if (now.status === 'failed' && now.finalAdverseAt && !was.finalAdverseAt) metrics.count('adverse_actions', { action: 'finalized' })
  if (result.kind === 'applied' && result.key === 'adverse.canceled') metrics.count('adverse_actions', { action: 'canceled' })
  if (!was.dispute && now.dispute) metrics.count('disputes', { action: 'opened' })
  if (was.dispute && !now.dispute) metrics.count('disputes', { action: 'resolved' })
  if (!was.outcome && now.outcome && now.reportCompletedAt) {
    const hours = Math.max(0, now.reportCompletedAt.getTime() - before.createdAt.getTime()) / HOUR_MS
    metrics.observe('check_turnaround_hours', { outcome: now.outcome }, hours)
  }
}
