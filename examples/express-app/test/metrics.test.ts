// The reference app's metrics endpoint over real HTTP: vetkit's metrics after a real check, behind
// Basic auth, and nothing at /metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../src/app'
import { AUTHORIZATION_TEXT } from '../src/disclosure'
import { client, startTestApp, waitFor, type Call } from './helpers'

const METRICS = { username: 'prometheus', password: 'test-metrics-password', generated: false }
let host: App
let url: string
let call: Call

beforeAll(async () => {
  const started = await startTestApp({ metrics: METRICS })
  host = started.host
  url = started.url
  call = client(url)
}, 30_000)

afterAll(async () => {
  await host?.close()
})

const scrape = (authorization?: string) => fetch(`${url}/internal/metrics`, authorization ? { headers: { authorization } } : {})
const basic = `Basic ${Buffer.from(`${METRICS.username}:${METRICS.password}`).toString('base64')}`

describe('the metrics endpoint', () => {
  it("counts a real check's invitation, webhooks and transitions", async () => {
    expect((await call(null, 'POST', '/instructors', { name: 'Mary Jackson', email: 'mary@example.test' })).status).toBe(201)
    const id = (await host.instructors.list()).find((i) => i.email === 'mary@example.test')!.id
    await call(id, 'POST', `/vetkit/subjects/${id}/consents`, { disclosureVersion: '1', authorizationText: AUTHORIZATION_TEXT, signatureName: 'Mary Jackson', email: 'mary@example.test' })
    expect((await call(id, 'POST', `/vetkit/subjects/${id}/invite`, {})).status).toBe(201)
    await waitFor('passed', async () => (await call(id, 'GET', `/vetkit/subjects/${id}/status`)).json.status === 'passed')
    const text = await waitFor('the pass counted', async () => {
      const response = await scrape(basic)
      const body = await response.text()
      return response.status === 200 && body.includes('vetkit_transitions_total{from="pending",to="passed"} 1') ? body : null
    })
    expect(text).toContain('vetkit_invites_total{outcome="created"} 1')
    expect(text).toMatch(/vetkit_webhooks_received_total\{signature="ok"\} [1-9]/)
    expect(text).toContain('vetkit_checks{status="passed"} 1')
    expect(text).toContain('vetkit_live_without_valid_check 0')
    expect(text).not.toContain('mary')
  })

  it('refuses a scrape without the credentials, and serves nothing at /metrics', async () => {
    expect((await scrape()).status).toBe(401)
    expect((await scrape(`Basic ${Buffer.from('prometheus:wrong').toString('base64')}`)).status).toBe(401)
    const old = await fetch(`${url}/metrics`, { headers: { authorization: basic } })
    expect(old.status).toBe(404)
    expect(await old.text()).not.toContain('vetkit_')
  })
})
