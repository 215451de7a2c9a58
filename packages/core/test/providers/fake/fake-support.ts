import { manualClock } from '../../../src/domain/clock'
import { createFakeProvider, type FakeProvider, type FakeProviderOptions, type FakeScenario, type FakeWebhookRequest } from '../../../src/providers/fake'

export const START = '2026-01-05T15:00:00.000Z'
export const SIGNING_KEY = 'fake-test-signing-key'
const HOUR = 3_600_000

/** `hours` after START, as a Date. */
export const at = (hours: number): Date => new Date(new Date(START).getTime() + hours * HOUR)

export function setup(options: Partial<FakeProviderOptions> = {}) {
  const clock = manualClock(START)
  const received: FakeWebhookRequest[] = []
  const fake = createFakeProvider({
    clock,
    signingKey: SIGNING_KEY,
    deliver: async (webhook) => {
      received.push(webhook)
      return { status: 200 }
    },
    ...options,
  })
  return { clock, fake, received }
}

export async function invite(
  fake: FakeProvider,
  { subjectId = 'subject-1', email = 'ana@example.com', scenario }: { subjectId?: string; email?: string; scenario?: FakeScenario } = {},
) {
  if (scenario) fake.setScenario(subjectId, scenario)
  const { candidateId } = await fake.createCandidate({ subjectId, email, firstName: 'Ana', lastName: 'Silva', idempotencyKey: `candidate:${subjectId}` })
  const invitation = await fake.createInvitation({ candidateId, idempotencyKey: `invitation:${subjectId}` })
  return { candidateId, invitation }
}

/** The timeline as `[type, hours after START]`. */
export function timeline(fake: FakeProvider): [string, number][] {
  return fake.webhooksFor().map((w) => [w.type, (w.createdAt.getTime() - new Date(START).getTime()) / HOUR])
}

/** `data.object` of a webhook body. */
export function objectOf(body: string): Record<string, unknown> {
  const parsed = JSON.parse(body) as { data: { object: Record<string, unknown> } }
  return parsed.data.object
}
