/**
 * The canned outcomes the simulator can play for a candidate, like the mock candidates of Checkr's
 * staging account. Each one is a fixed sequence of Checkr events (see `scenario-steps.ts`).
 */
export const FAKE_SCENARIOS = [
  'clear',
  'consider',
  'eligible_assessment',
  'late_assessment',
  'suspended_then_clear',
  'dispute_then_clear',
  'dispute_then_consider',
  'canceled',
  'invitation_expired',
] as const

export type FakeScenario = (typeof FAKE_SCENARIOS)[number]

export function isFakeScenario(value: unknown): value is FakeScenario {
  return typeof value === 'string' && (FAKE_SCENARIOS as readonly string[]).includes(value)
}

/**
 * The scenario named by a plus tag in the email's local part: `ana+consider@example.com`,
 * `bo+dispute-then-clear@example.com`. Any other tag is an ordinary plus address, not a request,
 * so it yields null rather than an error.
 */
export function scenarioFromEmail(email: string): FakeScenario | null {
  const at = email.lastIndexOf('@')
  const local = at < 0 ? email : email.slice(0, at)
  const plus = local.lastIndexOf('+')
  if (plus < 0) return null
  const tag = local.slice(plus + 1).trim().toLowerCase().replaceAll('-', '_')
  return isFakeScenario(tag) ? tag : null
}
