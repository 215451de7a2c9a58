import type { CreateAdverseActionInput } from '../../ports/provider'
import { addMs, toSecond } from './checkr-time'
import { isActiveAdverseAction, type AdverseActionRecord, type ReportRecord } from './records'
import { badRequest } from './rejections'
import { emitReport, type World } from './world'

const CREATE_ROUTE = 'POST /reports/{id}/adverse_actions'
const ITEMS_ROUTE = 'GET /reports/{id}/adverse_items'
const CANCEL_ROUTE = 'DELETE /adverse_actions/{id}'
/** Checkr: `post_notice_ready_at` is "often 7 days after created_at". */
const POST_NOTICE_READY_AFTER_MS = 7 * 86_400_000

// Checkr's wording for a pre-existing action (OAS "Error codes"); the others are the fake's own,
// since Checkr documents the 400 but not its text.
export const MESSAGES = {
  preExisting: 'Report has a pre-existing adverse action',
  notConsider: 'Report must be complete with a consider result',
  inDispute: 'Report is under dispute and cannot be adjudicated',
  badItems: 'Adverse item ids must belong to the report',
  alreadyComplete: 'Adverse action is already complete',
} as const

export function adverseActionsOf(world: World, reportId: string): AdverseActionRecord[] {
  return [...world.adverseActions.values()].filter((a) => a.reportId === reportId)
}

/** Checkr's preconditions, shared by listing adverse items and creating an adverse action. */
function assertAdjudicable(world: World, report: ReportRecord, route: string): void {
  if (report.status === 'dispute') throw badRequest(route, MESSAGES.inDispute)
  if (report.status !== 'complete' || report.result !== 'consider') throw badRequest(route, MESSAGES.notConsider)
  if (adverseActionsOf(world, report.id).some(isActiveAdverseAction)) throw badRequest(route, MESSAGES.preExisting)
}

export function listAdverseItems(world: World, report: ReportRecord): { id: string; text: string }[] {
  assertAdjudicable(world, report, ITEMS_ROUTE)
  return report.adverseItems.map(({ id, text }) => ({ id, text }))
}

/** Records the action, sends `report.pre_adverse_action` now and schedules the post notice. */
export function createAdverseAction(world: World, report: ReportRecord, input: CreateAdverseActionInput, now: Date): AdverseActionRecord {
  assertAdjudicable(world, report, CREATE_ROUTE)
  const known = new Set(report.adverseItems.map((item) => item.id))
  if (!input.adverseItemIds.every((id) => known.has(id))) throw badRequest(CREATE_ROUTE, MESSAGES.badItems)
  const action: AdverseActionRecord = {
    id: world.ids.next('adverse_action'),
    reportId: report.id,
    status: 'pending',
    createdAt: now,
    postNoticeScheduledAt: toSecond(input.postNoticeScheduledAt),
    postNoticeReadyAt: addMs(now, POST_NOTICE_READY_AFTER_MS),
    canceledAt: null,
    adverseItemIds: [...input.adverseItemIds],
  }
  world.adverseActions.set(action.id, action)
  report.adjudication = 'pre_adverse_action'
  emitReport(world, 'report.pre_adverse_action', report, now)
  // A date already past sends the post notice at once, just after the pre notice.
  const postAt = action.postNoticeScheduledAt > now ? action.postNoticeScheduledAt : now
  world.schedule.add(postAt, { kind: 'post_notice', adverseActionId: action.id })
  return action
}

/** Checkr sends the final notice on the scheduled date unless the action was canceled or disputed. */
export function sendPostNotice(world: World, action: AdverseActionRecord, at: Date): void {
  const report = world.reports.get(action.reportId)
  if (action.status !== 'pending' || !report) return
  action.status = 'complete'
  report.adjudication = 'post_adverse_action'
  emitReport(world, 'report.post_adverse_action', report, at)
}

/** `DELETE /adverse_actions/{id}`: repeating it is harmless; a sent final notice cannot be undone. */
export function cancelAdverseAction(world: World, action: AdverseActionRecord, now: Date): void {
  if (action.status === 'canceled') return
  if (action.status === 'complete') throw badRequest(CANCEL_ROUTE, MESSAGES.alreadyComplete)
  action.status = 'canceled'
  action.canceledAt = now
  world.schedule.cancel((e) => e.kind === 'post_notice' && e.adverseActionId === action.id)
  const report = world.reports.get(action.reportId)
  if (report && report.adjudication === 'pre_adverse_action') report.adjudication = null
}

/** A dispute stops a pending action's final notice (the action's status becomes `dispute`). */
export function haltAdverseActionsForDispute(world: World, report: ReportRecord): void {
  for (const action of adverseActionsOf(world, report.id)) {
    if (action.status !== 'pending') continue
    action.status = 'dispute'
    world.schedule.cancel((e) => e.kind === 'post_notice' && e.adverseActionId === action.id)
  }
}
