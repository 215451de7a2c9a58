import { describe, expect, it } from 'vitest'
import { applyCheckEvent } from '../../src/domain/apply-check-event'
import { defaultPolicy, resolvePolicy } from '../../src/domain/policy'
import { createCheckTransitionContext } from '../../src/domain/transition-context'
import { admin, stateIn } from '../support/check-fixtures'

describe('the state machine with the real jurisdiction waits', () => {
  const context = createCheckTransitionContext(defaultPolicy)

  it('schedules the final notice 5 US business days after the pre-adverse notice, skipping Thanksgiving', () => {
    // Monday 2026-11-23 10:00 New York; Thanksgiving is Thursday 2026-11-26.
    const startedAt = new Date('2026-11-23T15:00:00Z')
    const result = applyCheckEvent(
      stateIn('consider'),
      { source: 'vetkit', type: 'adverse.started', at: startedAt, actor: admin, adverseItemIds: ['i1'], medium: 'email' },
      context,
    )
    expect(result.kind).toBe('applied')
    // Tue 24, Wed 25, (Thu 26 holiday), Fri 27, Mon 30, Tue Dec 1.
    expect(result.state.adverseAction?.earliestFinalAt.toISOString()).toBe('2026-12-01T15:00:00.000Z')
  })

  it('uses the check jurisdiction (California adds 5 business days on a written dispute)', () => {
    const startedAt = new Date('2026-03-02T18:00:00Z')
    const consider = { ...stateIn('consider'), jurisdiction: 'us-ca' }
    const pre = applyCheckEvent(
      consider,
      { source: 'vetkit', type: 'adverse.started', at: startedAt, actor: admin, adverseItemIds: ['i1'], medium: 'email' },
      context,
    ).state
    const disputed = applyCheckEvent(pre, { source: 'vetkit', type: 'dispute.opened', at: new Date('2026-03-04T18:00:00Z'), actor: admin, writtenDispute: true }, context).state
    expect(pre.adverseAction?.earliestFinalAt.getTime()).toBeLessThan(disputed.adverseAction!.earliestFinalAt.getTime())
    const days = (disputed.adverseAction!.earliestFinalAt.getTime() - pre.adverseAction!.earliestFinalAt.getTime()) / 86400000
    expect(days).toBe(7) // 5 business days spanning one weekend
  })

  it('refuses a default jurisdiction with no profile at start-up', () => {
    expect(() => createCheckTransitionContext(resolvePolicy({ adverseAction: { defaultJurisdiction: 'us-zz' } }))).toThrow(
      expect.objectContaining({ code: 'unknown_jurisdiction' }),
    )
  })
})
