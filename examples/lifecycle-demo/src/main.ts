// vetkit end to end: three instructors go through consent, the fake Checkr, signed webhooks, the
// worker, reviews, adverse action, a dispute, expiry reminders and expiry, on embedded PGlite and
// a clock we move by hand. The host's `instructors` table is guarded by the go-live gate.
import { manualClock, VetkitError, type HostEvent, type WebhookRecord } from '@vetkit/core'
import { defineWaitProfiles } from '@vetkit/core/domain'
import type { FakeScenario } from '@vetkit/core/fake'
import { GO_LIVE_GATE_MESSAGE, isTriggerRefusal } from '@vetkit/core/knex'
import { setUp } from './setup'
import { createTimeline, day, printSummary, when } from './timeline'

const DAY = 86_400_000
const ADMIN = { kind: 'admin' as const, id: 'admin_grace' }
const AUTHORIZATION_TEXT = 'I authorize Example Marketplace to obtain a consumer report about me.'

// The go-live gate compares with the database's own clock, so the story starts near today: on the
// most recent Monday, 15:00 UTC.
const start = new Date()
start.setUTCHours(15, 0, 0, 0)
while (start.getUTCDay() !== 1 || start.getTime() > Date.now()) start.setTime(start.getTime() - DAY)

const clock = manualClock(start)
const timeline = createTimeline(clock)
const events: HostEvent[] = []
const demo = await setUp(clock, {
  onEvent: (event) => {
    events.push(event)
    timeline.event(event)
  },
  onWebhooks: timeline.webhooks,
  onEmails: timeline.emails,
})
const { vetkit } = demo

console.log('vetkit lifecycle demo: the whole engine on embedded PGlite, the fake Checkr and a manual clock')
timeline.say('setup', `PGlite in memory; vetkit schema migrated (${demo.migrations.join(', ')}); go-live gate on instructors(id, is_live)`)

/** The host signs a worker up: its own row (offline), the FCRA consent, then the invitation. */
async function enrol(subjectId: string, name: string, scenario: FakeScenario, ip: string): Promise<string> {
  demo.fake.setScenario(subjectId, scenario)
  await demo.host.addInstructor(subjectId)
  const consent = await vetkit.api.recordConsent({
    subjectId,
    email: `${subjectId}@example.test`,
    displayName: name,
    disclosureVersion: vetkit.policy.consent.disclosureVersion,
    authorizationText: AUTHORIZATION_TEXT,
    signatureName: name,
    ip,
    userAgent: 'lifecycle-demo',
  })
  timeline.say(subjectId, `consent signed by ${consent.signatureName} (disclosure v${consent.disclosureVersion}); fake Checkr scenario: ${scenario}`)
  const { check } = await vetkit.api.invite({ subjectId, ip })
  timeline.say(subjectId, `invited: ${check.invitationUrl ?? '(no invitation url)'}`)
  await demo.settle()
  return check.id
}

/** The host's own raw SQL, whatever vetkit says: the database itself decides. */
async function tryGoLive(subjectId: string): Promise<void> {
  const sql = `UPDATE instructors SET is_live = true WHERE id = '${subjectId}'`
  try {
    await demo.host.setLive(subjectId)
    timeline.say('host', `${sql}: ok, ${subjectId} is live (is_live = ${String(await demo.host.isLive(subjectId))})`)
  } catch (error) {
    if (!isTriggerRefusal(error, GO_LIVE_GATE_MESSAGE)) throw error
    const message = error instanceof Error ? error.message : String(error)
    timeline.say('host', `${sql}: REFUSED by the database: ${message.slice(message.indexOf(GO_LIVE_GATE_MESSAGE))}`)
  }
}

async function showStatus(subjectId: string): Promise<void> {
  const s = await vetkit.api.getStatus(subjectId)
  const validity = s.validUntil ? `, valid until ${when(s.validUntil)}` : ''
  timeline.say(subjectId, `status ${s.status}, ${s.eligible ? 'eligible' : `not eligible (${s.reason})`}${validity}`)
}

/** A decision the state machine must refuse, shown with its error code. */
async function expectRefusal(what: string, decision: Promise<unknown>): Promise<void> {
  try {
    await decision
    throw new Error(`${what} was expected to be refused`)
  } catch (error) {
    if (!(error instanceof VetkitError)) throw error
    timeline.say('admin', `${what}: refused (${error.code})`)
  }
}

async function startAdverseAction(checkId: string, subjectId: string, itemCount: number): Promise<void> {
  const items = await vetkit.api.listAdverseItems(checkId)
  const chosen = items.slice(0, itemCount)
  timeline.say('admin', `reviews ${subjectId}'s report: ${items.map((i) => `"${i.text}"`).join(', ')}`)
  const check = await vetkit.api.startAdverseAction({ checkId, actor: ADMIN, adverseItemIds: chosen.map((i) => i.id) })
  const adverse = check.state.adverseAction
  if (!adverse) throw new Error('the adverse action did not start')
  const profile = defineWaitProfiles().get(check.state.jurisdiction)
  timeline.say(
    'admin',
    `starts adverse action on ${chosen.length} item(s): pre-adverse notice now, final notice not before ` +
      `${when(adverse.finalNoticeDueAt ?? adverse.earliestFinalAt)} (${adverse.waitBusinessDays} business days, ${profile.name})`,
  )
  await demo.settle()
}

// A: a clear report, then the host puts the instructor live.
timeline.heading('A: ada, a clear report')
await enrol('ada', 'Ada Lovelace', 'clear', '203.0.113.7')
await tryGoLive('ada')
await demo.advance({ days: 3 })
await showStatus('ada')
await tryGoLive('ada')

// B: a consider report, an adverse action on one item, the final notice after the wait.
timeline.heading('B: ben, a consider report and an adverse action')
const ben = await enrol('ben', 'Ben Franklin', 'consider', '203.0.113.8')
await demo.advance({ days: 3 })
await showStatus('ben')
await startAdverseAction(ben, 'ben', 1)
await expectRefusal('sends the final notice at once', vetkit.api.finalizeAdverseAction({ checkId: ben, actor: ADMIN }))
await demo.advance({ days: 12 })
const last = (await vetkit.api.getCheck(ben)).history.at(-1)
timeline.say('ben', `final notice sent by ${last?.actorKind}:${last?.actorId} at ${last ? when(last.occurredAt) : '-'}`)
await showStatus('ben')
await tryGoLive('ben')

// C: the candidate disputes the report: the adverse action pauses; the reinvestigation clears it.
timeline.heading('C: cleo, a dispute pauses the adverse action, the reinvestigation clears it')
const cleo = await enrol('cleo', 'Cleo Baker', 'dispute_then_clear', '203.0.113.9')
await demo.advance({ days: 2, hours: 2 })
await startAdverseAction(cleo, 'cleo', 2)
await demo.advance({ days: 2 })
const paused = (await vetkit.api.getCheck(cleo)).check.state
timeline.say('cleo', `status ${paused.status}: final notice ${paused.adverseAction?.finalNoticeDueAt ? 'still due' : 'paused by the dispute'}`)
await expectRefusal('sends the final notice during the dispute', vetkit.api.finalizeAdverseAction({ checkId: cleo, actor: ADMIN }))
await demo.advance({ days: 8 })
await showStatus('cleo')

// Two years on: reminders before ada's pass expires, then expiry, and ada goes offline by itself.
const validUntil = (await vetkit.api.getStatus('ada')).validUntil
if (!validUntil) throw new Error('ada has no validity')
timeline.heading('Two years later: expiry reminders, expiry, offline')
clock.set(new Date(validUntil.getTime() - 40 * DAY))
timeline.say('clock', `jumps ~2 years, to 40 days before ada's pass expires; the worker sweeps daily from here`)
for (let d = 0; d <= 40; d++) await demo.advance({ days: 1 })
await showStatus('ada')
timeline.say('host', `SELECT is_live FROM instructors WHERE id = 'ada': ${String(await demo.host.isLive('ada'))} (taken offline by vetkit)`)

timeline.heading('Final state')
for (const id of ['ada', 'ben', 'cleo']) {
  const s = await vetkit.api.getStatus(id)
  console.log(`  ${id.padEnd(5)} ${s.status.padEnd(8)} eligible: ${s.eligible ? `yes, until ${day(s.eligibleUntil)}` : 'no'}; live: ${(await demo.host.isLive(id)) ? 'yes' : 'no'}`)
}

// The webhook ledger, newest first, a page at a time.
const webhooks: WebhookRecord[] = []
for (let cursor: string | null = null; ; ) {
  const page = await vetkit.webhooks.list({ limit: 200, cursor })
  webhooks.push(...page.items)
  cursor = page.nextCursor
  if (!cursor) break
}
printSummary(demo.mailer.sent, events, webhooks.reverse())
await demo.close()
