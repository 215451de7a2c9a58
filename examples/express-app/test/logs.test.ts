// Logs carry ids, never emails or names: every line the app and vetkit write during whole
// lifecycles (a clear check going live, a consider check through an adverse action) is captured
// and searched for the instructors' emails and names.
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import type { App } from '../src/app'
import { AUTHORIZATION_TEXT } from '../src/disclosure'
import { client, startTestApp, waitFor, type Call } from './helpers'

let host: App
let call: Call
const lines: string[] = []

const PEOPLE = [
  { name: 'Katherine Johnson', email: 'katherine.johnson@example.test' },
  // The fake Checkr's plus tag makes this one's report `consider`.
  { name: 'Dorothy Vaughan', email: 'dorothy.vaughan+consider@example.test' },
]

beforeAll(async () => {
  const capture = (chunk: unknown) => {
    lines.push(String(chunk))
    return true
  }
  vi.spyOn(process.stderr, 'write').mockImplementation(capture)
  vi.spyOn(process.stdout, 'write').mockImplementation(capture)
  for (const level of ['log', 'info', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => lines.push(args.map(String).join(' ')))
  const started = await startTestApp({ log: (line) => lines.push(line) })
  host = started.host
  call = client(started.url)
}, 30_000)

afterAll(async () => {
  await host?.close()
  vi.restoreAllMocks()
})

it('a clear and a consider lifecycle leave no email or name in any log line', async () => {
  const ids: string[] = []
  for (const person of PEOPLE) {
    const signUp = await call(null, 'POST', '/instructors', person)
    expect(signUp.status).toBe(201)
    const id = String(signUp.json.id)
    ids.push(id)
    const consent = await call(id, 'POST', `/vetkit/subjects/${id}/consents`, {
      disclosureVersion: '1',
      authorizationText: AUTHORIZATION_TEXT,
      signatureName: person.name,
      email: person.email,
      displayName: person.name,
    })
    expect(consent.status).toBe(201)
    expect((await call(id, 'POST', `/vetkit/subjects/${id}/invite`, {})).status).toBe(201)
  }
  const [cleared, considered] = ids as [string, string]
  await waitFor('the clear check to pass', async () => (await call(cleared, 'GET', `/vetkit/subjects/${cleared}/status`)).json.status === 'passed')
  expect((await call(cleared, 'POST', `/instructors/${cleared}/go-live`)).status).toBeLessThan(400)
  const consider = await waitFor('the consider check', async () => {
    const status = (await call(considered, 'GET', `/vetkit/subjects/${considered}/status`)).json
    return status.status === 'consider' ? status : null
  })
  const checkId = String(consider.checkId)
  const items = (await call('admin', 'GET', `/vetkit/admin/checks/${checkId}/adverse-items`)).json.items as { id: string }[]
  const started = await call('admin', 'POST', `/vetkit/admin/checks/${checkId}/adverse-action`, { adverseItemIds: [items[0]!.id] })
  expect(started.status).toBe(200)
  // The emails went out (the app logs each send) before the logs are read.
  await waitFor('the pre-adverse notice', async () => lines.some((line) => line.startsWith('mail')) && host.engine.mailer.sent.length >= 2)

  const text = lines.join('\n')
  expect(text).toContain(cleared)
  for (const person of PEOPLE) {
    for (const secret of [person.email, person.email.split('@')[0]!, person.name, person.name.split(' ')[1]!]) {
      expect(text, `a log line mentions ${secret}`).not.toContain(secret)
    }
  }
})
