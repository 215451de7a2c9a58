// A smoke test of the Koa example over real HTTP: consent, invite, the fake Checkr's webhooks
// POSTed to vetkitMiddleware, passed, and the go-live gate before and after.
import { isGoLiveRefusal } from '@vetkit/core/knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKoaApp, type KoaApp } from '../src/app'

let host: KoaApp
let base: string

beforeAll(async () => {
  host = await createKoaApp({
    dataDir: null,
    timings: { invitationCompleted: { seconds: 0 }, reportCompleted: { seconds: 0 } },
    deliveryIntervalMs: 100,
    workerPollMs: 100,
    log: () => undefined,
  })
  base = (await host.listen(0)).url
}, 30_000)

afterAll(async () => {
  await host?.close()
})

async function call(as: string | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {}
  if (as) headers['x-demo-user'] = as
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
  const text = await res.text()
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> }
}

describe('the Koa example', () => {
  it('takes an instructor from consent to live over HTTP, behind the go-live gate', async () => {
    expect((await call(null, 'POST', '/instructors', { id: 'ada', name: 'Ada Lovelace' })).status).toBe(201)
    expect((await call('ada', 'POST', '/instructors/ada/go-live')).status).toBe(409)
    await expect(host.knex.raw("UPDATE instructors SET is_live = true WHERE id = 'ada'")).rejects.toSatisfy(isGoLiveRefusal)

    const consent = await call('ada', 'POST', '/vetkit/subjects/ada/consents', {
      disclosureVersion: '1',
      authorizationText: 'I authorize Example Marketplace to obtain a consumer report about me.',
      signatureName: 'Ada Lovelace',
      email: 'ada@example.test',
    })
    expect(consent.status).toBe(201)
    expect((await call('ada', 'POST', '/vetkit/subjects/ada/invite', {})).status).toBe(201)
    expect((await call(null, 'GET', '/vetkit/subjects/ada/status')).status).toBe(401)

    const deadline = Date.now() + 15_000
    while ((await call('ada', 'GET', '/vetkit/subjects/ada/status')).json.status !== 'passed') {
      if (Date.now() > deadline) throw new Error('the check did not pass')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const webhooks = await call('admin', 'GET', '/vetkit/admin/webhooks?eventType=report.completed')
    expect(webhooks.json.items).toEqual([expect.objectContaining({ httpStatus: 200, processingOutcome: 'applied' })])

    expect(await call('ada', 'POST', '/instructors/ada/go-live')).toEqual({ status: 200, json: { id: 'ada', isLive: true } })
    expect((await call('ada', 'GET', '/instructors/ada')).json).toMatchObject({ isLive: true, check: { status: 'passed', eligible: true } })
  })
})
