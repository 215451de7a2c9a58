import { VetkitError } from '../../errors'
import type { ReportRecord } from './records'
import { openDispute, resolveDispute } from './report-lifecycle'
import { stopScenario } from './scenario-runner'
import type { World } from './world'

/** Disputes on demand, for tests and demos that need one at a chosen moment. */
export interface FakeDisputeControls {
  /** The candidate disputes a complete report now (`report.disputed`). The report leaves its scenario. */
  openDispute(reportId: string): void
  /**
   * Reinvestigation done now: `report.completed` again with `result`. A consider result keeps the
   * report's assessment unless one is given. The report leaves its scenario.
   */
  resolveDispute(reportId: string, result: 'clear' | 'consider', options?: { assessment?: string | null }): void
}

export function createDisputeControls(world: World, tick: () => Date): FakeDisputeControls {
  // Manual control replaces the script: the scenario's own dispute steps must not fire as well.
  const takeOver = (reportId: string, expected: ReportRecord['status'], wording: string): ReportRecord => {
    const report = world.reports.get(reportId)
    if (!report) throw new VetkitError('invalid_argument', `fake provider: unknown report ${reportId}`, { field: 'reportId' })
    if (report.status !== expected) {
      throw new VetkitError('invalid_argument', `fake provider: report ${reportId} is ${report.status}, not ${wording}`, { field: 'reportId' })
    }
    const invitation = world.invitations.get(report.invitationId)
    if (invitation) stopScenario(world, invitation)
    return report
  }
  return {
    openDispute(reportId) {
      const now = tick()
      openDispute(world, takeOver(reportId, 'complete', 'complete'), now)
    },
    resolveDispute(reportId, result, options = {}) {
      const now = tick()
      if (result !== 'clear' && result !== 'consider') throw new VetkitError('invalid_argument', 'result must be clear or consider', { field: 'result' })
      const report = takeOver(reportId, 'dispute', 'in dispute')
      const assessment = options.assessment !== undefined ? options.assessment : result === 'consider' ? report.assessment : null
      resolveDispute(world, report, now, result, assessment)
    },
  }
}
