import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyCheckEvent } from '../../src/domain/apply-check-event'
import type { CheckEvent, ProviderCheckEvent } from '../../src/domain/check-events'
import { newCheckState, type CheckState } from '../../src/domain/check-state'
import { isTerminal } from '../../src/domain/check-status'
import { at, ctx } from '../support/check-fixtures'

const rep = 'rep_1'
const ev = {
  invitationCompleted: (d: number): ProviderCheckEvent => ({ source: 'provider', type: 'invitation.completed', occurredAt: at(d), reportId: rep }),
  invitationExpired: (d: number): ProviderCheckEvent => ({ source: 'provider', type: 'invitation.expired', occurredAt: at(d) }),
  created: (d: number): ProviderCheckEvent => ({ source: 'provider', type: 'report.created', occurredAt: at(d), reportId: rep }),
  suspended: (d: number): ProviderCheckEvent => ({ source: 'provider', type: 'report.suspended', occurredAt: at(d), reportId: rep }),
  resumed: (d: number): ProviderCheckEvent => ({ source: 'provider', type: 'report.resumed', occurredAt: at(d), reportId: rep }),
  canceled: (d: number): ProviderCheckEvent => ({ source: 'provider', type: 'report.canceled', occurredAt: at(d), reportId: rep }),
  disputed: (d: number): ProviderCheckEvent => ({ source: 'provider', type: 'report.disputed', occurredAt: at(d), reportId: rep }),
  preAdverse: (d: number): ProviderCheckEvent => ({ source: 'provider', type: 'report.pre_adverse_action', occurredAt: at(d), reportId: rep }),
  postAdverse: (d: number): ProviderCheckEvent => ({ source: 'provider', type: 'report.post_adverse_action', occurredAt: at(d), reportId: rep }),
  completed: (d: number, result: string, assessment: string | null = null): ProviderCheckEvent => ({
    source: 'provider',
    type: 'report.completed',
    occurredAt: at(d),
    reportId: rep,
    result,
    assessment,
    completedAt: at(d),
  }),
}

/** Each scenario's provider event stream, in the order the provider produced it. */
const SCENARIOS: Record<string, ProviderCheckEvent[]> = {
  clear: [ev.invitationCompleted(1), ev.created(1), ev.completed(3, 'clear')],
  consider: [ev.invitationCompleted(1), ev.created(1), ev.completed(3, 'consider')],
  assessEligible: [ev.invitationCompleted(1), ev.created(1), ev.completed(3, 'consider', 'eligible')],
  suspendedThenResumed: [ev.invitationCompleted(1), ev.created(1), ev.suspended(2), ev.resumed(4), ev.suspended(5), ev.resumed(6), ev.completed(8, 'clear')],
  disputeThenClear: [ev.invitationCompleted(1), ev.created(1), ev.completed(3, 'consider'), ev.disputed(5), ev.completed(9, 'clear')],
  disputeThenConsider: [ev.invitationCompleted(1), ev.created(1), ev.completed(3, 'consider'), ev.disputed(5), ev.completed(9, 'consider')],
  disputeOpen: [ev.invitationCompleted(1), ev.created(1), ev.completed(3, 'consider'), ev.disputed(5)],
  providerAdverseAction: [ev.invitationCompleted(1), ev.created(1), ev.completed(3, 'consider'), ev.preAdverse(4), ev.postAdverse(12)],
  canceled: [ev.invitationCompleted(1), ev.created(1), ev.suspended(2), ev.canceled(20)],
  invitationExpired: [ev.invitationExpired(7)],
}

function deliver(events: readonly CheckEvent[]): CheckState {
  return events.reduce((state, event) => applyCheckEvent(state, event, ctx).state, newCheckState('us-fcra'))
}

/**
 * What must not depend on delivery order. (A failed check keeps the adverse action vetkit tracked,
 * for the audit; one the provider finalized before its start was delivered has none: that record
 * is history, not state, so it is left out for closed checks.)
 */
function observable(state: CheckState) {
  const { status, reportId, outcome, reportCompletedAt, validUntil, finalAdverseAt } = state
  const adverse = isTerminal(status) ? 'closed' : state.adverseAction !== null
  return { status, reportId, outcome, reportCompletedAt, validUntil, finalAdverseAt, adverse, dispute: state.dispute !== null }
}

/** A shuffled delivery of the stream where any event may also arrive several times. */
const deliveryOf = (stream: ProviderCheckEvent[]) =>
  fc
    .array(fc.nat({ max: 3 }), { minLength: stream.length, maxLength: stream.length })
    .chain((extraCopies) => {
      const withDuplicates = stream.flatMap((event, i) => Array.from({ length: 1 + (extraCopies[i] ?? 0) }, () => ({ ...event })))
      return fc.shuffledSubarray(withDuplicates, { minLength: withDuplicates.length, maxLength: withDuplicates.length })
    })

describe('delivery order does not matter', () => {
  it.each(Object.entries(SCENARIOS))('%s: any permutation with duplicates ends like in-order delivery', (_name, stream) => {
    const expected = observable(deliver(stream))
    fc.assert(
      fc.property(deliveryOf(stream), (delivery) => {
        expect(observable(deliver(delivery))).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('in-order delivery reaches the scenario outcomes', () => {
    const statuses = Object.fromEntries(Object.entries(SCENARIOS).map(([name, stream]) => [name, deliver(stream).status]))
    expect(statuses).toEqual({
      clear: 'passed',
      consider: 'consider',
      assessEligible: 'passed',
      suspendedThenResumed: 'passed',
      disputeThenClear: 'passed',
      disputeThenConsider: 'consider',
      disputeOpen: 'disputed',
      providerAdverseAction: 'failed',
      canceled: 'canceled',
      invitationExpired: 'canceled',
    })
  })
})

describe('no event sequence passes a check without a clear or eligible report', () => {
  // Verdicts that must never pass: known non-clear values, assessments that override a clear
  // result, and arbitrary unknown strings (Checkr's enums are open).
  const notClear = fc.oneof(
    fc.constantFrom('consider', 'review', 'escalated', 'pending', '', 'clear-ish', 'CLEARED'),
    fc.string().filter((s) => !['clear', 'eligible'].includes(s.trim().toLowerCase())),
  )
  const verdict = fc.oneof(
    fc.record({ result: fc.option(notClear), assessment: fc.constant(null) }),
    fc.record({ result: fc.option(fc.oneof(fc.constant('clear'), notClear)), assessment: notClear.filter((s) => s.trim() !== '') }),
  )
  const anyEvent = (day: number): fc.Arbitrary<CheckEvent> =>
    fc.oneof(
      fc.constantFrom(
        ev.invitationCompleted(day),
        ev.invitationExpired(day),
        ev.created(day),
        ev.suspended(day),
        ev.resumed(day),
        ev.canceled(day),
        ev.disputed(day),
        ev.preAdverse(day),
        ev.postAdverse(day),
      ),
      verdict.map(({ result, assessment }) => ({ ...ev.completed(day, 'x'), result, assessment })),
      fc.constantFrom<CheckEvent>(
        { source: 'vetkit', type: 'adverse.started', at: at(day), actor: { kind: 'admin', id: 'a' }, adverseItemIds: ['i'], medium: 'email' },
        { source: 'vetkit', type: 'adverse.finalized', at: at(day), actor: { kind: 'system', id: 'worker' } },
        { source: 'vetkit', type: 'adverse.canceled', at: at(day), actor: { kind: 'admin', id: 'a' } },
        { source: 'vetkit', type: 'dispute.opened', at: at(day), actor: { kind: 'admin', id: 'a' }, writtenDispute: true },
        { source: 'vetkit', type: 'dispute.resolved', at: at(day), actor: { kind: 'admin', id: 'a' } },
        { source: 'vetkit', type: 'check.canceled', at: at(day), actor: { kind: 'admin', id: 'a' } },
        { source: 'vetkit', type: 'validity.expired', at: at(day), actor: { kind: 'system', id: 'sweep' } },
      ),
    )
  const sequence = fc.array(fc.nat({ max: 60 }), { maxLength: 25 }).chain((days) => fc.tuple(...days.map((d) => anyEvent(d))))

  it('without an admin clearance or a provider engagement, passed is unreachable', () => {
    fc.assert(
      fc.property(sequence, (events) => {
        let state = newCheckState('us-fcra')
        for (const event of events) {
          state = applyCheckEvent(state, event, ctx).state
          expect(state.status).not.toBe('passed')
          expect(state.validUntil).toBeNull()
        }
      }),
      { numRuns: 2000 },
    )
  })
})
