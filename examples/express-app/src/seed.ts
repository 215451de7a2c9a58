// Seed data for a first start on an empty database: one instructor in every status. The engine
// runs on a manual clock for this (see clock.ts): it starts two years in the past and is moved
// forward to now, stopping at each moment a webhook or a job is due, with the fake Checkr
// delivering straight into `vetkit.webhooks.receive`. Then the app switches to real time.
//
// The in-progress stories (invited, pending, suspended, disputed, pre_adverse) stay put only if the
// fake's slow paths keep their realistic pace (APP_FAKE_TIMINGS: a day or more to resume, cancel,
// resolve a dispute or expire an invitation).
//
// The go-live gate compares `eligible_until` with the DATABASE's clock (real time), so only the
// passes still valid today can be put live, and that is done at the end, at real now.
import type { CheckStatus } from '@vetkit/core'
import type { FakeScenario } from '@vetkit/core/fake'
import { createSimulation } from '@vetkit/core/testing'
import type { SwitchableClock } from './clock'
import { AUTHORIZATION_TEXT } from './disclosure'
import type { Engine } from './engine'
import type { InstructorStore } from './instructors'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

interface SeedInstructor {
  id: string
  name: string
  /** What the fake Checkr plays for this instructor; null: no check at all. */
  scenario: FakeScenario | null
  /** How long ago (real time) the instructor consented and was invited. */
  startedAgo: number
  /** What the host or an admin does once the report is in. */
  then?: 'adverse_action' | 'go_live'
  /** Consent only: the instructor signed but was not invited yet. */
  consentOnly?: boolean
  /** The status the seed is meant to leave (checked by the tests). */
  expect: CheckStatus | 'not_started'
}

const twoYearsAgo = (now: number, plusDays: number) => {
  const d = new Date(now)
  d.setUTCFullYear(d.getUTCFullYear() - 2)
  return now - d.getTime() - plusDays * DAY
}

/** The cast, oldest story first. `startedAgo` is relative to real now. */
export function seedInstructors(now: number): SeedInstructor[] {
  return [
    { id: 'ken', name: 'Ken Thompson', scenario: 'clear', startedAgo: twoYearsAgo(now, -20), expect: 'expired' },
    { id: 'lin', name: 'Lin Clark', scenario: 'clear', startedAgo: twoYearsAgo(now, 20), then: 'go_live', expect: 'passed' },
    { id: 'ida', name: 'Ida Rhodes', scenario: 'consider', startedAgo: 21 * DAY, then: 'adverse_action', expect: 'failed' },
    { id: 'ada', name: 'Ada Lovelace', scenario: 'clear', startedAgo: 10 * DAY, then: 'go_live', expect: 'passed' },
    { id: 'grace', name: 'Grace Hopper', scenario: 'clear', startedAgo: 9 * DAY, expect: 'passed' },
    { id: 'joan', name: 'Joan Clarke', scenario: 'canceled', startedAgo: 6 * DAY, expect: 'canceled' },
    { id: 'hedy', name: 'Hedy Lamarr', scenario: 'dispute_then_consider', startedAgo: 3 * DAY, expect: 'disputed' },
    { id: 'frances', name: 'Frances Allen', scenario: 'consider', startedAgo: 2 * DAY, then: 'adverse_action', expect: 'pre_adverse' },
    { id: 'edith', name: 'Edith Clarke', scenario: 'consider', startedAgo: 2 * DAY - HOUR, expect: 'consider' },
    { id: 'barbara', name: 'Barbara Liskov', scenario: 'invitation_expired', startedAgo: 2 * DAY - 2 * HOUR, expect: 'invited' },
    { id: 'donald', name: 'Donald Knuth', scenario: 'suspended_then_clear', startedAgo: DAY, expect: 'suspended' },
    { id: 'claude', name: 'Claude Shannon', scenario: 'canceled', startedAgo: 3 * HOUR, expect: 'pending' },
    { id: 'mae', name: 'Mae Jemison', scenario: null, consentOnly: true, startedAgo: HOUR, expect: 'not_started' },
    { id: 'alan', name: 'Alan Turing', scenario: null, startedAgo: 30 * MINUTE, expect: 'not_started' },
    { id: 'katherine', name: 'Katherine Johnson', scenario: null, startedAgo: 20 * MINUTE, expect: 'not_started' },
  ]
}

const ADMIN = { kind: 'admin' as const, id: 'admin' }

export async function seed(options: { engine: Engine; instructors: InstructorStore; clock: SwitchableClock }): Promise<SeedInstructor[]> {
  const { engine, instructors, clock } = options
  const { vetkit, storage } = engine
  const fake = engine.fake
  if (!fake) throw new Error('seeding needs the fake provider')
  const realNow = Date.now()
  const cast = seedInstructors(realNow)
  const manual = clock.useManual(new Date(realNow - Math.max(...cast.map((c) => c.startedAgo)) - MINUTE))
  engine.setFakeDeliverer(async (webhook) => ({ status: (await vetkit.webhooks.receive(webhook)).status }))
  const worker = vetkit.createWorker()

  const simulation = createSimulation({ clock: manual, fake, jobs: storage.jobs, worker })

  // The expiry sweep runs hourly in real life; here it runs at each stop, so stop at the moments
  // a pass is due a reminder or expires as well.
  const expiryMoments: number[] = []
  /** Moves the clock to `target`, stopping at each moment a webhook or a job is due. */
  const advanceTo = (target: number): Promise<void> =>
    simulation.advanceTo(new Date(target), expiryMoments.map((t) => new Date(t)))

  try {
    for (const [n, who] of cast.entries()) {
      await advanceTo(realNow - who.startedAgo)
      const email = `${who.id}@example.test`
      await instructors.create({ id: who.id, name: who.name, email, now: manual.now() })
      if (who.scenario === null && !who.consentOnly) continue
      const ip = `203.0.113.${n + 10}`
      await vetkit.api.recordConsent({
        subjectId: who.id,
        email,
        displayName: who.name,
        disclosureVersion: vetkit.policy.consent.disclosureVersion,
        authorizationText: AUTHORIZATION_TEXT,
        signatureName: who.name,
        ip,
        userAgent: 'example-app seed',
      })
      if (who.scenario === null) continue
      fake.setScenario(who.id, who.scenario)
      await vetkit.api.invite({ subjectId: who.id, ip })
      if (who.scenario === 'clear') {
        // The report completes 13 s after the invite.
        await advanceTo(manual.now().getTime() + MINUTE)
        const { validUntil } = await vetkit.api.getStatus(who.id)
        if (validUntil) {
          const at = validUntil.getTime()
          expiryMoments.push(...vetkit.policy.expiry.reminderDaysBefore.map((days) => at - days * DAY), at + MINUTE)
        }
      }
      if (who.then === 'adverse_action') {
        // The report completes 13 s after the invite; the reviewer acts an hour later.
        await advanceTo(manual.now().getTime() + HOUR)
        const { checkId } = await vetkit.api.getStatus(who.id)
        if (!checkId) throw new Error(`seeding: ${who.id} has no check`)
        const items = await vetkit.api.listAdverseItems(checkId)
        await vetkit.api.startAdverseAction({ checkId, actor: ADMIN, adverseItemIds: items.map((i) => i.id) })
      }
    }
    await advanceTo(Date.now())
    // With the final notice left to a reviewer, the reviewer sends the ones whose wait has run.
    if (vetkit.policy.adverseAction.finalNotice === 'admin') {
      for (const who of cast) {
        if (who.then !== 'adverse_action') continue
        const { checkId } = await vetkit.api.getStatus(who.id)
        const check = checkId ? await storage.checks.get(checkId) : null
        const due = check?.state.status === 'pre_adverse' ? check.state.adverseAction?.finalNoticeDueAt : null
        if (check && due && due.getTime() <= manual.now().getTime()) await vetkit.api.finalizeAdverseAction({ checkId: check.id, actor: ADMIN })
      }
      await advanceTo(Date.now())
    }
  } finally {
    clock.useSystem()
  }
  // At real now, with the database's own clock: the host puts its valid instructors live.
  for (const who of cast) {
    if (who.then !== 'go_live') continue
    const result = await instructors.setLive(who.id, true)
    if (!result.ok) throw new Error(`seeding: ${who.id} could not go live: ${result.reason}`)
  }
  return cast
}
