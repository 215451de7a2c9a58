import { describe, expect, it } from 'vitest'
import { applyCheckEvent, type ApplyResult } from '../../src/domain/apply-check-event'
import type { CheckEvent } from '../../src/domain/check-events'
import { newCheckState, type CheckState } from '../../src/domain/check-state'
import { admin, at, ctx, DAY, stateIn } from '../support/check-fixtures'

function applied(result: ApplyResult): CheckState {
  if (result.kind === 'rejected') throw new Error(`rejected: ${result.error.code}: ${result.error.message}`)
  if (result.kind === 'ignored') throw new Error(`ignored as ${result.reason}`)
  return result.state
}

function run(events: CheckEvent[], start: CheckState = newCheckState('us-fcra')): CheckState {
  return events.reduce((state, event) => {
    const result = applyCheckEvent(state, event, ctx)
    return result.state
  }, start)
}

const completedClear = (occurred: Date, completedAt: Date): Extract<CheckEvent, { type: 'report.completed' }> => ({
  source: 'provider',
  type: 'report.completed',
  occurredAt: occurred,
  reportId: 'rep_1',
  result: 'clear',
  assessment: null,
  completedAt,
})

describe('provider event ordering', () => {
  it('ignores a late report.created after the report completed (never regresses)', () => {
    const passed = run([completedClear(at(5), at(5))])
    expect(passed.status).toBe('passed')
    const late = applyCheckEvent(passed, { source: 'provider', type: 'report.created', occurredAt: at(1), reportId: 'rep_1' }, ctx)
    expect(late).toMatchObject({ kind: 'ignored', reason: 'stale' })
    expect(late.state).toBe(passed)
  })

  it('ignores an exact duplicate and breaks same-second ties by lifecycle order', () => {
    const completedEvent = completedClear(at(5), at(5))
    const passed = run([completedEvent])
    expect(applyCheckEvent(passed, completedEvent, ctx)).toMatchObject({ kind: 'ignored', reason: 'duplicate' })
    // invitation.completed in the same second as the completion comes before it in a lifecycle.
    const sameSecond = applyCheckEvent(passed, { source: 'provider', type: 'invitation.completed', occurredAt: at(5), reportId: 'rep_1' }, ctx)
    expect(sameSecond).toMatchObject({ kind: 'ignored', reason: 'stale' })
  })

  it('rejects events for another report than the bound one', () => {
    const pending = stateIn('pending')
    const result = applyCheckEvent(pending, { source: 'provider', type: 'report.suspended', occurredAt: at(3), reportId: 'rep_other' }, ctx)
    expect(result).toMatchObject({ kind: 'rejected', error: { code: 'report_mismatch' } })
  })

  it('binds the report id from the invitation completion', () => {
    const state = run([{ source: 'provider', type: 'invitation.completed', occurredAt: at(1), reportId: 'rep_9' }])
    expect(state).toMatchObject({ status: 'pending', reportId: 'rep_9' })
  })
})

describe('validity', () => {
  it('runs from the report completion time, not from when the webhook arrived', () => {
    const state = run([completedClear(at(40), new Date('2026-03-04T10:00:00Z'))])
    expect(state.validUntil?.toISOString()).toBe('2028-03-04T10:00:00.000Z')
    expect(state.clearedAt).toEqual(at(40))
  })

  it('is set when an admin clears a consider report (from the completion time)', () => {
    const consider = stateIn('consider')
    const state = applied(applyCheckEvent(consider, { source: 'vetkit', type: 'review.cleared', at: at(9), actor: admin }, ctx))
    expect(state.status).toBe('passed')
    expect(state.validUntil?.getTime()).toBe(new Date('2028-03-04T15:00:00Z').getTime())
    expect(state.clearedAt).toEqual(at(9))
  })

  it('is kept (validity and clearance) while a revised report is reviewed: only a final adverse action ends it', () => {
    const passed = stateIn('passed')
    const revised: CheckEvent = { ...completedClear(at(20), at(19)), result: 'consider' }
    const state = applied(applyCheckEvent(passed, revised, ctx))
    expect(state).toMatchObject({ status: 'consider', validUntil: at(732), clearedAt: at(2) })
  })

  it('cannot expire a pass before its end', () => {
    const passed = stateIn('passed')
    const early = applyCheckEvent(passed, { source: 'vetkit', type: 'validity.expired', at: at(100), actor: admin }, ctx)
    expect(early).toMatchObject({ kind: 'rejected', error: { code: 'not_yet_expired' } })
    const onTime = applied(applyCheckEvent(passed, { source: 'vetkit', type: 'validity.expired', at: at(732), actor: admin }, ctx))
    expect(onTime).toMatchObject({ status: 'expired', closedAt: at(732) })
  })

  it('refuses to clear a report whose completion time is unknown', () => {
    // The adverse-action webhook overtook the completion; clearing must wait for a re-read.
    const state = run([{ source: 'provider', type: 'report.pre_adverse_action', occurredAt: at(3), reportId: 'rep_1' }])
    expect(state.status).toBe('pre_adverse')
    const result = applyCheckEvent(state, { source: 'vetkit', type: 'review.cleared', at: at(4), actor: admin }, ctx)
    expect(result).toMatchObject({ kind: 'rejected', error: { code: 'report_not_completed' } })
  })
})

describe('adverse action', () => {
  const start: CheckEvent = { source: 'vetkit', type: 'adverse.started', at: at(3), actor: admin, adverseItemIds: ['item_1'], medium: 'email' }
  const finalize = (when: Date): CheckEvent => ({ source: 'vetkit', type: 'adverse.finalized', at: when, actor: admin })

  it('needs at least one adverse item', () => {
    const result = applyCheckEvent(stateIn('consider'), { ...start, adverseItemIds: [] }, ctx)
    expect(result).toMatchObject({ kind: 'rejected', error: { code: 'adverse_items_required' } })
  })

  it('finalizes only once the wait has elapsed', () => {
    const pre = applied(applyCheckEvent(stateIn('consider'), start, ctx))
    expect(pre.adverseAction).toMatchObject({ startedAt: at(3), earliestFinalAt: at(10), finalNoticeDueAt: at(10), adverseItemIds: ['item_1'] })
    expect(applyCheckEvent(pre, finalize(new Date(at(10).getTime() - 1)), ctx)).toMatchObject({
      kind: 'rejected',
      error: { code: 'adverse_wait_not_elapsed' },
    })
    const failed = applied(applyCheckEvent(pre, finalize(at(10)), ctx))
    expect(failed).toMatchObject({ status: 'failed', finalAdverseAt: at(10), closedAt: at(10) })
  })

  it('a dispute stops the clock: the days already run are banked, the rest run from the resolution', () => {
    const pre = applied(applyCheckEvent(stateIn('consider'), start, ctx))
    expect(pre.adverseAction).toMatchObject({ waitBusinessDays: 7, businessDaysElapsed: 0, runningSince: at(3), finalNoticeDueAt: at(10) })
    const disputed = applied(applyCheckEvent(pre, { source: 'vetkit', type: 'dispute.opened', at: at(5), actor: admin, writtenDispute: false }, ctx))
    expect(disputed.adverseAction).toMatchObject({ businessDaysElapsed: 2, runningSince: null, finalNoticeDueAt: null })
    expect(applyCheckEvent(disputed, finalize(at(30)), ctx)).toMatchObject({ kind: 'rejected', error: { code: 'dispute_open' } })
    const resumed = applied(applyCheckEvent(disputed, { source: 'vetkit', type: 'dispute.resolved', at: at(6), actor: admin }, ctx))
    expect(resumed).toMatchObject({ status: 'pre_adverse', dispute: null })
    // 2 days before the dispute + 5 after it = the 7 of the wait.
    expect(resumed.adverseAction).toMatchObject({ businessDaysElapsed: 2, runningSince: at(6), finalNoticeDueAt: at(11) })
    expect(applyCheckEvent(resumed, finalize(at(10)), ctx).kind).toBe('rejected')
    expect(applied(applyCheckEvent(resumed, finalize(at(11)), ctx)).status).toBe('failed')
  })

  it('a dispute that outlasts the wait still leaves the rest of it after the resolution: finalizing at once is refused', () => {
    const pre = applied(applyCheckEvent(stateIn('consider'), start, ctx))
    const disputed = applied(applyCheckEvent(pre, { source: 'vetkit', type: 'dispute.opened', at: at(5), actor: admin, writtenDispute: false }, ctx))
    const resumed = applied(applyCheckEvent(disputed, { source: 'vetkit', type: 'dispute.resolved', at: at(25), actor: admin }, ctx))
    expect(resumed.adverseAction?.finalNoticeDueAt).toEqual(at(30))
    expect(applyCheckEvent(resumed, finalize(at(25)), ctx)).toMatchObject({ kind: 'rejected', error: { code: 'adverse_wait_not_elapsed' } })
    expect(applied(applyCheckEvent(resumed, finalize(at(30)), ctx)).status).toBe('failed')
  })

  it('a dispute opened after the wait ran out leaves one more business day after its resolution', () => {
    const pre = applied(applyCheckEvent(stateIn('consider'), start, ctx))
    const disputed = applied(applyCheckEvent(pre, { source: 'vetkit', type: 'dispute.opened', at: at(12), actor: admin, writtenDispute: false }, ctx))
    expect(disputed.adverseAction?.businessDaysElapsed).toBe(9)
    const resumed = applied(applyCheckEvent(disputed, { source: 'vetkit', type: 'dispute.resolved', at: at(13), actor: admin }, ctx))
    expect(resumed.adverseAction?.finalNoticeDueAt).toEqual(at(14))
    expect(applyCheckEvent(resumed, finalize(at(13)), ctx).kind).toBe('rejected')
  })

  it('lengthens the wait on a written dispute', () => {
    const pre = applied(applyCheckEvent(stateIn('consider'), start, ctx))
    const disputed = applied(applyCheckEvent(pre, { source: 'vetkit', type: 'dispute.opened', at: at(5), actor: admin, writtenDispute: true }, ctx))
    const resumed = applied(applyCheckEvent(disputed, { source: 'vetkit', type: 'dispute.resolved', at: at(6), actor: admin }, ctx))
    // 14 days in all now: 2 ran before the dispute, 12 run from its resolution.
    expect(resumed.adverseAction).toMatchObject({ writtenDispute: true, earliestFinalAt: at(17), waitBusinessDays: 14, finalNoticeDueAt: at(18) })
  })

  it('re-evaluates a provider dispute when the report is re-completed', () => {
    const pre = applied(applyCheckEvent(stateIn('consider'), start, ctx))
    const disputed = applied(applyCheckEvent(pre, { source: 'provider', type: 'report.disputed', occurredAt: at(5), reportId: 'rep_1' }, ctx))
    expect(disputed).toMatchObject({ status: 'disputed', dispute: { source: 'provider' } })
    const stillConsider = applied(applyCheckEvent(disputed, { ...completedClear(at(20), at(19)), result: 'consider' }, ctx))
    expect(stillConsider).toMatchObject({ status: 'pre_adverse', dispute: null, reportCompletedAt: at(19) })
    // Back still `consider`: the 5 days left of the wait run from the re-completion.
    expect(stillConsider.adverseAction?.finalNoticeDueAt).toEqual(at(25))
    const cleared = applied(applyCheckEvent(disputed, completedClear(at(20), at(19)), ctx))
    expect(cleared).toMatchObject({ status: 'passed', adverseAction: null, dispute: null, outcome: 'clear' })
    expect(cleared.validUntil?.toISOString()).toBe('2028-03-21T15:00:00.000Z')
  })

  it('cancels back to consider, and cannot cancel what does not exist', () => {
    const pre = applied(applyCheckEvent(stateIn('consider'), start, ctx))
    const canceled = applied(applyCheckEvent(pre, { source: 'vetkit', type: 'adverse.canceled', at: at(4), actor: admin }, ctx))
    expect(canceled).toMatchObject({ status: 'consider', adverseAction: null })
    const disputedWithout = { ...stateIn('disputed'), adverseAction: null }
    expect(applyCheckEvent(disputedWithout, { source: 'vetkit', type: 'adverse.canceled', at: at(4), actor: admin }, ctx)).toMatchObject({
      kind: 'rejected',
      error: { code: 'no_adverse_action' },
    })
  })

  it('tracks the wait for an adverse action started at the provider', () => {
    const state = applied(applyCheckEvent(stateIn('consider'), { source: 'provider', type: 'report.pre_adverse_action', occurredAt: at(3), reportId: 'rep_1' }, ctx))
    expect(state.adverseAction).toMatchObject({ startedAt: at(3), finalNoticeDueAt: at(10) })
  })
})

describe('outcome mapping through the machine', () => {
  it.each([
    ['clear', null, 'passed'],
    ['consider', 'eligible', 'passed'],
    ['clear', 'review', 'consider'],
    ['clear', 'escalated', 'consider'],
    ['consider', null, 'consider'],
    [null, null, 'consider'],
    ['some_future_value', null, 'consider'],
  ] as const)('result %s, assessment %s -> %s', (result, assessment, status) => {
    const state = run([{ ...completedClear(at(2), at(2)), result, assessment } as CheckEvent])
    expect(state.status).toBe(status)
  })

  it('keeps the still-valid validity window exact to the millisecond', () => {
    const state = run([completedClear(at(2), new Date(at(2).getTime() + 123))])
    expect(state.validUntil!.getTime() - (at(2).getTime() + 123)).toBe(731 * DAY)
  })
})
