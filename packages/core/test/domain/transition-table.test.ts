import { describe, expect, it } from 'vitest'
import { applyCheckEvent } from '../../src/domain/apply-check-event'
import { CHECK_STATUSES, type CheckStatus } from '../../src/domain/check-status'
import { TRANSITION_KEYS, type TransitionKey } from '../../src/domain/transition-table'
import { ctx, eventFor, stateIn } from '../support/check-fixtures'

type Moves = Partial<Record<TransitionKey, CheckStatus>>

const screening: Moves = {
  'invitation.completed': 'pending',
  'report.created': 'pending',
  'report.suspended': 'suspended',
  'report.resumed': 'pending',
  'report.canceled': 'canceled',
  'report.completed:clear': 'passed',
  'report.completed:consider': 'consider',
  'report.engaged': 'passed',
  'report.disputed': 'disputed',
  'report.pre_adverse_action': 'pre_adverse',
  'report.post_adverse_action': 'failed',
  'check.canceled': 'canceled',
}

// Written out by hand, independently of the table in src: every legal move and where it lands.
const LEGAL: Record<CheckStatus, Moves> = {
  invited: { ...screening, 'invitation.expired': 'canceled', 'invitation.canceled': 'canceled' },
  pending: screening,
  suspended: screening,
  passed: {
    'report.completed:clear': 'passed',
    'report.completed:consider': 'consider',
    'report.engaged': 'passed',
    'report.disputed': 'passed',
    'validity.expired': 'expired',
  },
  consider: {
    'report.completed:clear': 'passed',
    'report.completed:consider': 'consider',
    'report.engaged': 'passed',
    'report.disputed': 'disputed',
    'report.pre_adverse_action': 'pre_adverse',
    'report.post_adverse_action': 'failed',
    'review.cleared': 'passed',
    'adverse.started': 'pre_adverse',
    'dispute.opened': 'disputed',
  },
  pre_adverse: {
    'report.completed:clear': 'passed',
    'report.completed:consider': 'pre_adverse',
    'report.engaged': 'passed',
    'report.disputed': 'disputed',
    'report.pre_adverse_action': 'pre_adverse',
    'report.post_adverse_action': 'failed',
    'review.cleared': 'passed',
    'adverse.finalized': 'failed',
    'adverse.canceled': 'consider',
    'dispute.opened': 'disputed',
  },
  // The fixture's dispute interrupts an adverse action, so the review resumes as pre_adverse.
  disputed: {
    'report.completed:clear': 'passed',
    'report.completed:consider': 'pre_adverse',
    'report.disputed': 'disputed',
    'report.engaged': 'passed',
    'report.pre_adverse_action': 'pre_adverse',
    'report.post_adverse_action': 'failed',
    'adverse.canceled': 'disputed',
    'dispute.resolved': 'pre_adverse',
  },
  failed: {},
  canceled: {},
  expired: {},
}

const DECISIONS: TransitionKey[] = ['review.cleared', 'adverse.started', 'adverse.finalized', 'dispute.opened']

function expectedRejection(status: CheckStatus, key: TransitionKey): string {
  if (status === 'failed' || status === 'canceled' || status === 'expired') return 'check_closed'
  if (status === 'disputed' && DECISIONS.includes(key)) return 'dispute_open'
  return 'invalid_transition'
}

describe('transition table: every (status, event) pair', () => {
  const pairs = CHECK_STATUSES.flatMap((status) => TRANSITION_KEYS.map((key) => [status, key] as const))

  it('covers 10 statuses x 21 event keys', () => {
    expect(pairs).toHaveLength(210)
  })

  it.each(pairs)('%s + %s', (status, key) => {
    const before = stateIn(status)
    const result = applyCheckEvent(before, eventFor(key), ctx)
    const legal = LEGAL[status][key]
    if (legal !== undefined) {
      expect(result.kind, result.kind === 'rejected' ? result.error.message : '').toBe('applied')
      if (result.kind !== 'applied') return
      expect(result.from).toBe(status)
      expect(result.to).toBe(legal)
      expect(result.state.status).toBe(legal)
    } else {
      expect(result.kind).toBe('rejected')
      if (result.kind !== 'rejected') return
      expect(result.error.code).toBe(expectedRejection(status, key))
      expect(result.error.from).toBe(status)
      // A rejected event leaves the state exactly as it was.
      expect(result.state).toBe(before)
    }
  })
})
