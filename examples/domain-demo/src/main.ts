// A walk through vetkit's domain core: consent, throttles, the check state machine, eligibility,
// expiry reminders and the adverse-action wait with a dispute, all on a clock we move by hand.
import {
  applyCheckEvent,
  createCheckTransitionContext,
  decideThrottle,
  eligibility,
  evaluateConsent,
  manualClock,
  newCheckState,
  nextThrottleCounter,
  planExpiryReminder,
  resolvePolicy,
  throttleRules,
  type CheckEvent,
  type CheckState,
  type ConsentRecord,
  type ThrottleCounter,
} from '@vetkit/core/domain'
import { describeAdverse, describeEligibility, describeResult, line } from './timeline'

const clock = manualClock('2026-11-02T15:00:00Z')
const policy = resolvePolicy({ consent: { disclosureVersion: '2026-11' } })
const context = createCheckTransitionContext(policy)
const admin = { kind: 'admin' as const, id: 'admin_grace' }

function startCheck(subject: string): { state: CheckState; created: Date } {
  const consent: ConsentRecord = {
    id: `consent_${subject}`,
    subjectId: subject,
    disclosureVersion: '2026-11',
    authorizationTextHash: 'sha256:5f2b...',
    signatureName: subject === 'ada' ? 'Ada Lovelace' : 'Ben Franklin',
    signedAt: clock.now(),
    ip: '203.0.113.7',
    userAgent: 'demo',
  }
  const decision = evaluateConsent([consent], clock.now(), policy)
  line(clock.now(), subject, `consent to disclosure ${consent.disclosureVersion}: ${decision.ok ? 'valid' : decision.code}`)
  const rule = throttleRules(policy).invite_per_subject
  let counter: ThrottleCounter | null = null
  for (const attempt of ['invite', 'invite again']) {
    counter = nextThrottleCounter(counter, rule, clock.now())
    const throttle = decideThrottle(rule, counter, clock.now())
    line(clock.now(), subject, `${attempt}: ${throttle.allowed ? 'allowed' : `throttled, retry in ${throttle.retryAfterSeconds} s`}`)
  }
  return { state: newCheckState(policy.adverseAction.defaultJurisdiction), created: clock.now() }
}

function apply(subject: string, check: { state: CheckState; created: Date }, event: CheckEvent, label: string = event.type): void {
  const result = applyCheckEvent(check.state, event, context)
  check.state = result.state
  const adverse = describeAdverse(check.state)
  line(clock.now(), subject, `${label}: ${describeResult(result)}${adverse ? `; ${adverse}` : ''}`)
}

function status(subject: string, check: { state: CheckState; created: Date }): void {
  const result = eligibility([{ id: subject, createdAt: check.created, state: check.state }], clock.now(), policy)
  line(clock.now(), subject, describeEligibility(result))
}

const provider = (type: string, extra: Record<string, unknown> = {}) =>
  ({ source: 'provider', type, occurredAt: clock.now(), reportId: 'rep_1', ...extra }) as CheckEvent

console.log('vetkit domain demo: two instructors, one clear, one consider\n')

// Ada: a clear report.
const ada = startCheck('ada')
status('ada', ada)
clock.advance({ hours: 20 })
apply('ada', ada, provider('invitation.completed'))
const lateCreated = provider('report.created')
apply('ada', ada, lateCreated)
clock.advance({ days: 2 })
const completedAt = clock.now()
apply('ada', ada, provider('report.completed', { result: 'clear', assessment: null, completedAt }))
apply('ada', ada, lateCreated, 'report.created delivered again, late')
status('ada', ada)
const validUntil = ada.state.validUntil ?? completedAt
const sent = new Set<string>()
for (const daysBefore of [31, 30, 12, 7, 1]) {
  clock.set(new Date(validUntil.getTime() - daysBefore * 86400000))
  const plan = planExpiryReminder({ validUntil, now: clock.now(), policy, alreadySent: sent })
  if (plan.send) sent.add(plan.send.key)
  line(clock.now(), 'ada', `daily expiry sweep: ${plan.send ? `send ${plan.send.key}` : 'nothing to send'}`)
}
clock.set(validUntil)
status('ada', ada)
apply('ada', ada, { source: 'vetkit', type: 'validity.expired', at: clock.now(), actor: { kind: 'system', id: 'expiry-sweep' } })

// Ben: a consider report, adverse action, a dispute, and the final notice.
console.log('')
clock.set('2026-11-16T15:00:00Z')
const ben = startCheck('ben')
clock.advance({ days: 1 })
apply('ben', ben, provider('invitation.completed'))
clock.advance({ days: 2 })
apply('ben', ben, provider('report.completed', { result: 'consider', assessment: null, completedAt: clock.now() }))
status('ben', ben)
clock.advance({ days: 1, hours: 1 })
apply('ben', ben, { source: 'vetkit', type: 'adverse.started', at: clock.now(), actor: admin, adverseItemIds: ['adverse_item_1'], medium: 'email' })
clock.advance({ days: 2 })
apply('ben', ben, { source: 'vetkit', type: 'dispute.opened', at: clock.now(), actor: admin, writtenDispute: false })
apply('ben', ben, { source: 'vetkit', type: 'adverse.finalized', at: clock.now(), actor: { kind: 'system', id: 'scheduler' } }, 'try final notice')
clock.advance({ days: 1 })
apply('ben', ben, { source: 'vetkit', type: 'dispute.resolved', at: clock.now(), actor: admin, reason: 'record confirmed accurate' })
const due = ben.state.adverseAction?.finalNoticeDueAt ?? clock.now()
clock.set(new Date(due.getTime() - 3600000))
apply('ben', ben, { source: 'vetkit', type: 'adverse.finalized', at: clock.now(), actor: { kind: 'system', id: 'scheduler' } }, 'try final notice')
clock.set(due)
apply('ben', ben, { source: 'vetkit', type: 'adverse.finalized', at: clock.now(), actor: { kind: 'system', id: 'scheduler' } }, 'final notice')
status('ben', ben)
