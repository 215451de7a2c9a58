import { VetkitError } from '../../errors'
import { toSecond } from './checkr-time'
import { reviseReport } from './report-lifecycle'
import { stopScenario } from './scenario-runner'
import type { World } from './world'

/** Report revisions on demand (`report.updated`), for tests and demos. */
export interface FakeReportControls {
  /**
   * Changes a report now and sends `report.updated`: a late assessment (Checkr Assess), a revised
   * result, or a moved ETA. A report that is still screening keeps its scenario; a complete one
   * leaves it (the script would not know the new result).
   */
  reviseReport(reportId: string, revision: { result?: 'clear' | 'consider'; assessment?: string | null; eta?: Date }): void
}

export function createReportControls(world: World, tick: () => Date): FakeReportControls {
  return {
    reviseReport(reportId, revision) {
      const now = tick()
      const report = world.reports.get(reportId)
      if (!report) throw new VetkitError('invalid_argument', `fake provider: unknown report ${reportId}`, { field: 'reportId' })
      if (revision.result !== undefined && revision.result !== 'clear' && revision.result !== 'consider') {
        throw new VetkitError('invalid_argument', 'result must be clear or consider', { field: 'result' })
      }
      if ((revision.result !== undefined || revision.assessment !== undefined) && report.status !== 'complete') {
        throw new VetkitError('invalid_argument', `fake provider: report ${reportId} is ${report.status}; only a complete report has a result to revise`, { field: 'reportId' })
      }
      if (report.status === 'complete') {
        const invitation = world.invitations.get(report.invitationId)
        if (invitation) stopScenario(world, invitation)
      }
      reviseReport(world, report, now, {
        ...(revision.result !== undefined ? { result: revision.result } : {}),
        ...(revision.assessment !== undefined ? { assessment: revision.assessment } : {}),
        ...(revision.eta !== undefined ? { estimatedCompletionAt: toSecond(revision.eta) } : {}),
      })
    },
  }
}
