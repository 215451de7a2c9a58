import type { CheckTransitionContext } from '../../src/domain/apply-check-event'
import type { Actor, CheckEvent } from '../../src/domain/check-events'
import { newCheckState, type CheckState } from '../../src/domain/check-state'
import type { CheckStatus } from '../../src/domain/check-status'
import { defaultPolicy } from '../../src/domain/policy'
import type { TransitionKey } from '../../src/domain/transition-table'

export const DAY = 24 * 3600 * 1000
export const T0 = new Date('2026-03-02T15:00:00Z')
export const at = (days: number) => new Date(T0.getTime() + days * DAY)
export const admin: Actor = { kind: 'admin', id: 'admin_1' }

/** A simple, predictable wait: 7 days, 14 with a written dispute. Real profiles are tested apart. */
export const ctx: CheckTransitionContext = {
  policy: defaultPolicy,
  earliestFinalNoticeAt: ({ preAdverseNoticeAt, writtenDispute }) =>
    new Date(preAdverseNoticeAt.getTime() + (writtenDispute ? 14 : 7) * DAY),
  // Every day a business day, to match: the dispute pause counts whole days of 24 hours.
  waitClock: () => ({
    add: (from, n) => new Date(from.getTime() + n * DAY),
    elapsed: (from, to) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY)),
  }),
}

const completed = { reportId: 'rep_1', reportCompletedAt: at(2), outcome: 'consider' as const }
const cursor = (days: number) => ({ at: at(days), rank: 6 })
const adverseAction = {
  startedAt: at(3),
  adverseItemIds: ['item_1'],
  medium: 'email' as const,
  writtenDispute: false,
  earliestFinalAt: at(10),
  waitBusinessDays: 7,
  businessDaysElapsed: 0,
  runningSince: at(3),
  finalNoticeDueAt: at(10),
}

/** A consistent state for each status, as the machine would have produced it. */
export function stateIn(status: CheckStatus): CheckState {
  const base = newCheckState('us-fcra')
  switch (status) {
    case 'invited':
      return base
    case 'pending':
    case 'suspended':
      return { ...base, status, reportId: 'rep_1', providerCursor: { at: at(1), rank: 2 } }
    case 'passed':
      return { ...base, ...completed, status, outcome: 'clear', providerCursor: cursor(2), clearedAt: at(2), validUntil: at(2 + 730) }
    case 'consider':
      return { ...base, ...completed, status, providerCursor: cursor(2) }
    case 'pre_adverse':
      return { ...base, ...completed, status, providerCursor: cursor(2), adverseAction }
    case 'disputed':
      return {
        ...base,
        ...completed,
        status,
        providerCursor: { at: at(4), rank: 9 },
        adverseAction: { ...adverseAction, businessDaysElapsed: 1, runningSince: null, finalNoticeDueAt: null },
        dispute: { openedAt: at(4), source: 'provider', writtenDispute: false },
      }
    case 'failed':
      return { ...base, ...completed, status, providerCursor: cursor(2), finalAdverseAt: at(11), closedAt: at(11) }
    case 'canceled':
      return { ...base, status, closedAt: at(1) }
    case 'expired':
      return { ...base, ...completed, status, outcome: 'clear', clearedAt: at(2), validUntil: at(732), closedAt: at(732) }
  }
}

/** An event for a transition key, at a moment late enough for every time guard to pass. */
export function eventFor(key: TransitionKey, when: Date = at(800)): CheckEvent {
  const provider = { source: 'provider' as const, occurredAt: when }
  const vetkit = { source: 'vetkit' as const, at: when, actor: admin }
  switch (key) {
    case 'invitation.completed':
      return { ...provider, type: key, reportId: 'rep_1' }
    case 'invitation.expired':
    case 'invitation.canceled':
      return { ...provider, type: key }
    case 'report.created':
    case 'report.suspended':
    case 'report.resumed':
    case 'report.canceled':
    case 'report.disputed':
    case 'report.pre_adverse_action':
    case 'report.post_adverse_action':
      return { ...provider, type: key, reportId: 'rep_1' }
    case 'report.completed:clear':
      return { ...provider, type: 'report.completed', reportId: 'rep_1', result: 'clear', assessment: null, completedAt: at(2) }
    case 'report.completed:consider':
      return { ...provider, type: 'report.completed', reportId: 'rep_1', result: 'consider', assessment: null, completedAt: at(2) }
    case 'report.engaged':
      return { ...provider, type: key, reportId: 'rep_1', completedAt: at(2) }
    case 'adverse.started':
      return { ...vetkit, type: key, adverseItemIds: ['item_1'], medium: 'email' }
    case 'dispute.opened':
      return { ...vetkit, type: key, writtenDispute: false }
    case 'review.cleared':
    case 'adverse.finalized':
    case 'adverse.canceled':
    case 'dispute.resolved':
    case 'check.canceled':
    case 'validity.expired':
      return { ...vetkit, type: key }
  }
}
