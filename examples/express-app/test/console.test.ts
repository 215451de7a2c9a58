// The review console's page in the reference app, over real HTTP: who may load it, its script
// (built from the published packages), the demo clock that moves only forward, the report link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../src/app'
import { client, startTestApp, type Call } from './helpers'

let host: App
let call: Call

beforeAll(async () => {
  const started = await startTestApp()
  host = started.host
  call = client(started.url)
}, 30_000)

afterAll(async () => {
  await host?.close()
})

describe('the review console page', () => {
  it('is served to the admin only, with its mount point and script', async () => {
    expect((await call(null, 'GET', '/admin/console')).status).toBe(401)
    const page = await call('admin', 'GET', '/admin/console')
    expect(page.status).toBe(200)
    expect(page.text).toContain('<div id="vetkit-console"></div>')
    expect(page.text).toContain('<script type="module" src="/admin/console.js"></script>')
    expect((await call(null, 'GET', '/admin/console.js')).status).toBe(401)
  })

  it('bundles the console with React and the client, without the server schemas', async () => {
    const script = await call('admin', 'GET', '/admin/console.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toMatch(/javascript/)
    // The client's route table is in; zod's error messages are not.
    expect(script.text).toContain('/admin/queue-counts')
    expect(script.text).not.toContain('Invalid input: expected')
  }, 30_000)

  it("moves the app's clock forward only, for the admin only", async () => {
    const before = Date.now()
    expect((await call(null, 'POST', '/admin/clock', { days: 1 })).status).toBe(401)
    for (const [body, field] of [[{ days: -1 }, 'days'], [{ days: 'x' }, 'days'], [{ hours: 5000 }, 'hours'], [{}, 'hours']] as const) {
      const refused = await call('admin', 'POST', '/admin/clock', body)
      expect(refused.status, JSON.stringify(body)).toBe(422)
      expect(refused.json.field).toBe(field)
    }
    const moved = await call('admin', 'POST', '/admin/clock', { days: 2, hours: 3 })
    expect(moved.status).toBe(200)
    const now = new Date(String(moved.json.now)).getTime()
    expect(now - before).toBeGreaterThanOrEqual((2 * 24 + 3) * 3_600_000)
    expect(moved.json.offsetMs).toBe((2 * 24 + 3) * 3_600_000)
    expect((await call('admin', 'GET', '/admin/console')).text).toContain('51 h ahead of real time')
  })

  it("serves the simulated dashboard page the console's report link points at", async () => {
    const page = await call('admin', 'GET', '/fake-checkr/reports/rpt_123')
    expect(page.status).toBe(200)
    expect(page.text).toContain('rpt_123')
  })
})
