// `pnpm demo:tour`: a scripted walk through the reference app, over HTTP only. It starts the app
// in this process on a free port (in-memory PGlite, the fake Checkr delivering its webhooks to the
// app over HTTP), then drives two instructors with fetch: Ada through consent, invitation, the
// webhooks and going live; Ben, whose report needs review, refused by the database. Exits 0.
import { createApp } from '../src/app'
import { configFromEnv, FAKE_SIGNING_KEY } from '../src/config'
import { AUTHORIZATION_TEXT } from '../src/disclosure'

const started = Date.now()
const say = (who: string, text: string) => console.log(`${`+${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(7)}  ${who.padEnd(8)} ${text}`)
const fail = (message: string): never => {
  throw new Error(`tour: ${message}`)
}
const watchdog = setTimeout(() => {
  console.error('tour: took longer than 90 s')
  process.exit(1)
}, 90_000)

const host = await createApp({
  ...configFromEnv({}),
  port: 0,
  database: { kind: 'pglite', dataDir: null },
  fakeStateFile: null,
  seed: false,
  // A quicker fake Checkr than the app's default: the hosted flow takes 2 s, the report 3 s more.
  provider: { kind: 'fake', signingKey: FAKE_SIGNING_KEY, timings: { invitationCompleted: { seconds: 2 }, reportCompleted: { seconds: 3 } } },
  deliveryIntervalMs: 250,
  worker: { ...configFromEnv({}).worker, pollIntervalMs: 250 },
  log: () => undefined,
})
const { localUrl: base } = await host.listen(0, '127.0.0.1')

console.log('vetkit reference app: a scripted tour over HTTP\n')
say('app', `listening on ${base}: ${host.database}, vetkit at /vetkit, the fake Checkr POSTing signed webhooks to /vetkit/webhooks/fake`)

interface Reply {
  status: number
  body: Record<string, unknown>
}

/** One HTTP call as a demo user (the X-Demo-User header stands for the host's session). */
async function http(as: string | null, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (as) headers['x-demo-user'] = as
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
  const text = await res.text()
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }
}

function expectStatus(reply: Reply, status: number, what: string): Reply {
  if (reply.status !== status) fail(`${what}: expected HTTP ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`)
  return reply
}

async function signUp(name: string, email: string): Promise<string> {
  const { body } = expectStatus(await http(null, 'POST', '/instructors', { name, email }), 201, 'sign-up')
  const id = String(body.id)
  say('host', `POST /instructors ${name} <${email}> -> 201, id ${id}, offline`)
  return id
}

async function consentAndInvite(id: string, name: string, email: string): Promise<string> {
  const consent = expectStatus(
    await http(id, 'POST', `/vetkit/subjects/${id}/consents`, { disclosureVersion: '1', authorizationText: AUTHORIZATION_TEXT, signatureName: name, email, displayName: name }),
    201,
    'consent',
  ).body
  say(short(id), `POST /vetkit/subjects/${id}/consents -> 201: signed "${String(consent.signatureName)}", disclosure v${String(consent.disclosureVersion)}, text sha256 ${String(consent.authorizationTextHash).slice(0, 12)}…`)
  const invite = expectStatus(await http(id, 'POST', `/vetkit/subjects/${id}/invite`, {}), 201, 'invite').body
  const check = invite.check as Record<string, unknown>
  say(short(id), `POST /vetkit/subjects/${id}/invite -> 201: check ${String(check.id).slice(0, 13)}… ${String(check.status)}, hosted flow ${String(check.invitationUrl)}`)
  return String(check.id)
}

async function goLive(id: string): Promise<Reply> {
  const reply = await http(id, 'POST', `/instructors/${id}/go-live`)
  say('host', `POST /instructors/${id}/go-live -> ${reply.status}: ${reply.status === 200 ? `live (is_live = ${String(reply.body.isLive)})` : String(reply.body.detail)}`)
  return reply
}

const short = (id: string) => id.split('-')[0] ?? id

// Two instructors sign up: the host's own rows, offline.
const ada = await signUp('Ada Lovelace', 'ada@example.test')
// With the fake Checkr, a plus tag in the email picks the scenario: Ben's report needs review.
const ben = await signUp('Ben Franklin', 'ben+consider@example.test')

const status = async (id: string) => expectStatus(await http(id, 'GET', `/vetkit/subjects/${id}/status`), 200, 'status').body
say('ada', `GET /vetkit/subjects/${ada}/status -> ${String((await status(ada)).status)}`)
expectStatus(await goLive(ada), 409, 'going live before any check')

const adaCheck = await consentAndInvite(ada, 'Ada Lovelace', 'ada@example.test')
const benCheck = await consentAndInvite(ben, 'Ben Franklin', 'ben+consider@example.test')
expectStatus(await goLive(ada), 409, 'going live while the check is open')

// Watch the webhooks arrive (vetkit's webhook log, as an admin) and the statuses move.
say('checkr', 'the fake Checkr plays the candidates: they finish the hosted flow, then the reports complete')
const seen = new Set<string>()
const last = new Map<string, string>()
const checks = new Map([[adaCheck, 'ada'], [benCheck, 'ben']])
for (const deadline = Date.now() + 30_000; ; ) {
  const log = expectStatus(await http('admin', 'GET', '/vetkit/admin/webhooks?limit=100'), 200, 'webhook log').body.items as Record<string, unknown>[]
  for (const w of [...log].reverse()) {
    if (seen.has(String(w.id)) || w.processingOutcome === 'queued') continue
    seen.add(String(w.id))
    const who = checks.get(String(w.checkId)) ?? '-'
    say('webhook', `POST /vetkit/webhooks/fake ${String(w.eventType)} (${who}) -> HTTP ${String(w.httpStatus)}, signature ${String(w.authOutcome)}, ${String(w.processingOutcome)}`)
  }
  for (const [id, name] of [[ada, 'ada'], [ben, 'ben']] as const) {
    const s = await status(id)
    const line = `${String(s.status)}, ${s.eligible ? `eligible until ${String(s.eligibleUntil).slice(0, 10)}` : `not eligible (${String(s.reason)})`}`
    if (last.get(id) !== line) say(name, `status ${line}`)
    last.set(id, line)
  }
  if (last.get(ada)?.startsWith('passed') && last.get(ben)?.startsWith('consider')) break
  if (Date.now() > deadline) fail(`the checks did not complete: ${JSON.stringify([...last])}`)
  await new Promise((resolve) => setTimeout(resolve, 250))
}

// Ada passed: the host's UPDATE goes through. Ben's report waits for review: refused.
expectStatus(await goLive(ada), 200, 'going live once passed')
expectStatus(await goLive(ben), 409, 'going live with a report under review')
// Not only the app's route: any SQL against the table meets the same trigger.
try {
  await host.knex.raw('UPDATE instructors SET is_live = true WHERE id = ?', [ben])
  fail('raw SQL made an ineligible instructor live')
} catch (error) {
  const message = error instanceof Error ? error.message : String(error)
  if (!message.includes('vetkit_go_live_gate')) throw error
  say('sql', `UPDATE instructors SET is_live = true WHERE id = '${ben}' -> refused by the database (vetkit_go_live_gate)`)
}

const list = expectStatus(await http('admin', 'GET', '/vetkit/admin/checks'), 200, 'admin list').body.items as Record<string, unknown>[]
say('admin', `GET /vetkit/admin/checks -> ${list.map((c) => `${String(c.subjectName)}: ${String(c.status)}`).join('; ')}`)
const live = await http(ada, 'GET', `/api/instructors/${ada}`)
say('host', `GET /api/instructors/${ada} -> is live: ${String(live.body.isLive)}`)

await host.close()
clearTimeout(watchdog)
console.log(`\ntour done in ${((Date.now() - started) / 1000).toFixed(1)} s. Run the app yourself: pnpm start`)
