/**
 * vetkit's HTTP contract, run against a real server adapter over loopback sockets. Each adapter's
 * test calls `describeHttpContract(name, startServer)`; the suite starts a whole engine (PGlite,
 * the fake provider, a manual clock) and drives it with `fetch` only.
 */
import type { Vetkit } from '@vetkit/core'
import { openPglite, type PgliteDatabase } from '@vetkit/core/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, field, type Json } from './client'
import { rawRequest } from './echo-vetkit'
import { AUTHORIZATION_TEXT, createContractEngine, type ContractEngine } from './engine'

export interface ServerOptions {
  /** Where to mount vetkit; `createVetkit`'s `http.basePath` is set to the same path. */
  mountPath: string
  /** Mount the framework's body parsers before vetkit (they must keep the raw body: see docs/adapters.md). */
  bodyParserFirst: boolean
}

export interface StartedServer {
  /** `http://127.0.0.1:{port}`: the origin, without the mount path. */
  baseUrl: string
  close(): Promise<void>
}

/**
 * Starts the framework's app with vetkit mounted, listening on 127.0.0.1 (port 0). Besides vetkit
 * the app must answer `GET /host/ping` with 200 `pong`: the host's own routes keep working.
 */
export type StartServer = (vetkit: Vetkit, options: ServerOptions) => Promise<StartedServer>

export const CONTRACT_VARIANTS: readonly ServerOptions[] = [
  { mountPath: '/vetkit', bodyParserFirst: false },
  { mountPath: '/api/v1/vetkit', bodyParserFirst: false },
  { mountPath: '/vetkit', bodyParserFirst: true },
]

export function describeHttpContract(name: string, startServer: StartServer, variants: readonly ServerOptions[] = CONTRACT_VARIANTS): void {
  describe(`HTTP contract: ${name}`, () => {
    let db: PgliteDatabase | undefined
    beforeAll(async () => {
      db = await openPglite()
    }, 60_000)
    afterAll(async () => {
      await db?.close()
    })
    for (const variant of variants) {
      describe(`mounted at ${variant.mountPath}${variant.bodyParserFirst ? ', after the body parsers' : ''}`, () => {
        contract(() => {
          if (!db) throw new Error('the database did not open')
          return db
        }, startServer, variant)
      })
    }
  })
}

const consent = (subjectId: string, extra: Json = {}) => ({
  disclosureVersion: '1',
  authorizationText: AUTHORIZATION_TEXT,
  signatureName: `Name ${subjectId}`,
  email: `${subjectId}@example.test`,
  ...extra,
})

function contract(db: () => PgliteDatabase, startServer: StartServer, variant: ServerOptions): void {
  const { mountPath, bodyParserFirst } = variant
  let engine: ContractEngine
  let server: StartedServer
  const client = createClient(() => `${server.baseUrl}${mountPath}`)
  const { call } = client
  const checkIdOf = async (subjectId: string) => field<string>(await engine.vetkit.api.getStatus(subjectId), 'checkId')
  const statusOf = async (subjectId: string) => (await call('GET', `/subjects/${subjectId}/status`, { token: 'admin-token' })).json

  beforeAll(async () => {
    engine = await createContractEngine(db(), mountPath)
    server = await startServer(engine.vetkit, variant)
    engine.setWebhookUrl(`${server.baseUrl}${mountPath}/webhooks/fake`)
  }, 60_000)
  afterAll(async () => {
    await server?.close()
  })

  it('denies by default: 401 without a caller, 403 for another subject or a non-admin', async () => {
    const anonymous = await call('GET', '/subjects/ada/status')
    expect(anonymous).toMatchObject({ status: 401, json: { code: 'unauthenticated', status: 401 } })
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json')
    expect(await call('GET', '/subjects/ada/status', { token: 'bob-token' })).toMatchObject({ status: 403, json: { code: 'forbidden' } })
    expect((await call('GET', '/admin/checks', { token: 'ada-token' })).status).toBe(403)
    expect((await call('POST', '/admin/checks/x/clear', { token: 'ada-token', body: {} })).status).toBe(403)
  })

  it('a subject that never started reads as not_started', async () => {
    const res = await call('GET', '/subjects/ada/status', { token: 'ada-token' })
    expect(res).toMatchObject({ status: 200, json: { subjectId: 'ada', status: 'not_started', eligible: false } })
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('records consent with the client address from the socket and the trusted proxy chain', async () => {
    const viaProxy = await call('POST', '/subjects/ada/consents', { token: 'ada-token', body: consent('ada'), ip: '198.51.100.23', headers: { 'user-agent': 'Browser/1.0' } })
    expect(viaProxy).toMatchObject({ status: 201, json: { subjectId: 'ada', disclosureVersion: '1', ip: '198.51.100.23', userAgent: 'Browser/1.0' } })
    // No X-Forwarded-For: the socket's own address, which only the adapter knows.
    const direct = await call('POST', '/subjects/bob/consents', { token: 'bob-token', body: consent('bob'), ip: null })
    expect(direct).toMatchObject({ status: 201, json: { ip: '127.0.0.1' } })
    for (const subjectId of ['dee', 'fay']) {
      expect((await call('POST', `/subjects/${subjectId}/consents`, { token: 'admin-token', body: consent(subjectId) })).status).toBe(201)
    }
  })

  it('invites with 201, then answers 200 with the check in progress', async () => {
    const invited = await call('POST', '/subjects/ada/invite', { token: 'ada-token', body: {} })
    expect(invited).toMatchObject({ status: 201, json: { created: true, check: { status: 'invited', subjectId: 'ada' } } })
    expect(field<Json>(invited.json, 'check').invitationUrl).toMatch(/^https:/)
    // No body at all is an empty JSON object.
    expect(await call('POST', '/subjects/ada/invite', { token: 'ada-token' })).toMatchObject({ status: 200, json: { created: false } })
    engine.fake.setScenario('dee', 'consider')
    expect((await call('POST', '/subjects/dee/invite', { token: 'admin-token' })).status).toBe(201)
    expect((await call('POST', '/subjects/fay/invite', { token: 'admin-token' })).status).toBe(201)
  })

  it('cancels a check in progress', async () => {
    const checkId = await checkIdOf('fay')
    const canceled = await call('POST', `/admin/checks/${checkId}/cancel`, { token: 'admin-token', body: { reason: 'duplicate signup' } })
    expect(canceled).toMatchObject({ status: 200, json: { id: checkId, status: 'canceled' } })
  })

  it('verifies webhooks over the exact bytes posted, then the worker applies them', async () => {
    engine.clock.advance({ hours: 1 })
    const pending = engine.fake.pendingWebhooks().filter((w) => w.type === 'invitation.completed' || w.type === 'report.created')
    expect(pending.length).toBeGreaterThanOrEqual(2)
    const post = (webhook: { headers: Headers; rawBody: Uint8Array }) =>
      call('POST', '/webhooks/fake', { headers: Object.fromEntries(webhook.headers), raw: webhook.rawBody, ip: null })
    for (const { eventId } of pending) {
      const webhook = engine.fake.buildWebhook(eventId)
      expect(await post(webhook)).toMatchObject({ status: 200, json: { ok: true } })
      const again = await post(webhook)
      expect(again.json).toEqual({ ok: true, duplicate: true })
    }
    // One changed byte (still valid JSON, so no body parser objects), same signature: refused.
    const { headers, rawBody } = engine.fake.buildWebhook(pending[0]?.eventId ?? '')
    const tampered = new Uint8Array(rawBody)
    tampered[Buffer.from(rawBody).indexOf('"event"') + 1] = 0x45 // "Event"
    expect(await post({ headers, rawBody: tampered })).toMatchObject({ status: 401, json: { ok: false, code: 'bad_signature' } })
    await engine.worker.drain()
    expect(await statusOf('ada')).toMatchObject({ status: 'pending' })
  })

  it('takes the rest of the lifecycle over HTTP: the fake delivers every webhook to the server', async () => {
    await engine.advance(3 * 24)
    expect(engine.fake.pendingWebhooks()).toEqual([])
    expect(await statusOf('ada')).toMatchObject({ status: 'passed', eligible: true })
    expect(await statusOf('dee')).toMatchObject({ status: 'consider', eligible: false })
  })

  it('lists a subject\'s own checks, newest first, and refuses another subject', async () => {
    const own = await call('GET', '/subjects/ada/checks', { token: 'ada-token' })
    expect(own).toMatchObject({ status: 200, json: { items: [{ subjectId: 'ada', status: 'passed', inDispute: false, closedReason: null }] } })
    expect(field<Json[]>(own.json, 'items')[0]).toHaveProperty('reportEta')
    expect((await call('GET', '/subjects/ada/checks', { token: 'bob-token' })).status).toBe(403)
    expect((await call('GET', '/subjects/nobody/checks', { token: 'admin-token' })).json).toEqual({ items: [] })
  })

  it('filters closed checks by why they closed', async () => {
    const canceled = await call('GET', '/admin/checks?closedReason=check_canceled', { token: 'admin-token' })
    expect(field<Json[]>(canceled.json, 'items').map((c) => [c.subjectId, c.status, c.closedReason])).toEqual([['fay', 'canceled', 'check_canceled']])
    expect(field<Json[]>((await call('GET', '/admin/checks?closedReason=invitation_expired', { token: 'admin-token' })).json, 'items')).toEqual([])
    expect(await call('GET', '/admin/checks?closedReason=lost', { token: 'admin-token' })).toMatchObject({ status: 422, json: { field: 'query.closedReason' } })
  })

  it('lists checks with filters and a keyset cursor', async () => {
    const passed = await call('GET', '/admin/checks?status=passed', { token: 'admin-token' })
    expect(passed.status).toBe(200)
    expect(field<Json[]>(passed.json, 'items').map((c) => c.subjectId)).toEqual(['ada'])
    const review = await call('GET', '/admin/checks?status=consider,canceled', { token: 'admin-token' })
    expect(field<Json[]>(review.json, 'items').map((c) => c.subjectId).sort()).toEqual(['dee', 'fay'])
    const first = await call('GET', '/admin/checks?limit=2', { token: 'admin-token' })
    const cursor = field<string | null>(first.json, 'nextCursor')
    expect(field<Json[]>(first.json, 'items')).toHaveLength(2)
    expect(cursor).toEqual(expect.any(String))
    const second = await call('GET', `/admin/checks?limit=2&cursor=${encodeURIComponent(cursor ?? '')}`, { token: 'admin-token' })
    expect(second.status).toBe(200)
    const ids = [...field<Json[]>(first.json, 'items'), ...field<Json[]>(second.json, 'items')].map((c) => c.id)
    expect(new Set(ids).size).toBe(3)
    expect((await call('GET', '/admin/checks?inDispute=true', { token: 'admin-token' })).json).toMatchObject({ items: [] })
  })

  it('shows a check in detail and its adverse items', async () => {
    const checkId = await checkIdOf('dee')
    const detail = await call('GET', `/admin/checks/${checkId}`, { token: 'admin-token' })
    expect(detail).toMatchObject({ status: 200, json: { check: { id: checkId, status: 'consider' } } })
    expect(field<unknown[]>(detail.json, 'consents')).toHaveLength(1)
    expect(field<Json[]>(detail.json, 'history').map((e) => e.eventType)).toContain('check.invited')
    const items = await call('GET', `/admin/checks/${checkId}/adverse-items`, { token: 'admin-token' })
    expect(items.status).toBe(200)
    expect(field<Json[]>(items.json, 'items').length).toBeGreaterThan(0)
  })

  it('runs an adverse action: start, finalize too early (409), cancel', async () => {
    const checkId = await checkIdOf('dee')
    const items = field<{ id: string }[]>((await call('GET', `/admin/checks/${checkId}/adverse-items`, { token: 'admin-token' })).json, 'items')
    const started = await call('POST', `/admin/checks/${checkId}/adverse-action`, { token: 'admin-token', body: { adverseItemIds: [items[0]?.id], medium: 'email' } })
    expect(started).toMatchObject({ status: 200, json: { status: 'pre_adverse' } })
    const early = await call('POST', `/admin/checks/${checkId}/adverse-action/finalize`, { token: 'admin-token', body: {} })
    expect(early).toMatchObject({ status: 409, json: { code: 'adverse_wait_not_elapsed' } })
    const canceled = await call('POST', `/admin/checks/${checkId}/adverse-action/cancel`, { token: 'admin-token', body: { reason: 'reviewed again' } })
    expect(canceled).toMatchObject({ status: 200, json: { status: 'consider', adverseAction: null } })
    const history = field<Json[]>((await call('GET', `/admin/checks/${checkId}`, { token: 'admin-token' })).json, 'history')
    expect(history.find((e) => e.eventType === 'adverse.started')).toMatchObject({ actorId: 'admin-1' })
  })

  it('opens and resolves a dispute, then clears the check', async () => {
    const checkId = await checkIdOf('dee')
    const opened = await call('POST', `/admin/checks/${checkId}/dispute`, { token: 'admin-token', body: { reason: 'the record is not mine', writtenDispute: true } })
    expect(opened).toMatchObject({ status: 200, json: { status: 'disputed' } })
    const inDispute = await call('GET', '/admin/checks?inDispute=true', { token: 'admin-token' })
    expect(field<Json[]>(inDispute.json, 'items').map((c) => c.id)).toEqual([checkId])
    const resolved = await call('POST', `/admin/checks/${checkId}/dispute/resolve`, { token: 'admin-token', body: { reason: 'reinvestigation corrected the record' } })
    expect(resolved).toMatchObject({ status: 200, json: { status: 'consider' } })
    const cleared = await call('POST', `/admin/checks/${checkId}/clear`, { token: 'admin-token', body: { reason: 'not job-related' } })
    expect(cleared).toMatchObject({ status: 200, json: { status: 'passed' } })
    expect(await statusOf('dee')).toMatchObject({ eligible: true })
  })

  it('re-checks: the subject (201 then 200) and an admin on the subject\'s behalf', async () => {
    // The consent is reusable for a day; days have passed.
    expect((await call('POST', '/subjects/ada/consents', { token: 'ada-token', body: consent('ada') })).status).toBe(201)
    const recheck = await call('POST', '/subjects/ada/recheck', { token: 'ada-token', body: {} })
    expect(recheck).toMatchObject({ status: 201, json: { created: true, check: { status: 'invited' } } })
    expect(await call('POST', '/subjects/ada/recheck', { token: 'ada-token', body: {} })).toMatchObject({ status: 200, json: { created: false } })
    expect((await call('POST', '/subjects/fay/consents', { token: 'admin-token', body: consent('fay') })).status).toBe(201)
    const adminRecheck = await call('POST', '/admin/subjects/fay/recheck', { token: 'admin-token', body: {} })
    expect(adminRecheck).toMatchObject({ status: 201, json: { created: true, check: { subjectId: 'fay', previousCheckId: expect.any(String) } } })
    expect((await call('POST', '/admin/subjects/fay/recheck', { token: 'ada-token', body: {} })).status).toBe(403)
  })

  it('shows the webhook log with filters and a cursor', async () => {
    const refused = await call('GET', '/admin/webhooks?authOutcome=bad_signature', { token: 'admin-token' })
    expect(refused.status).toBe(200)
    expect(field<Json[]>(refused.json, 'items')).toEqual([expect.objectContaining({ httpStatus: 401, authOutcome: 'bad_signature' })])
    expect(field<Json[]>((await call('GET', '/admin/webhooks?httpStatus=401', { token: 'admin-token' })).json, 'items')).toHaveLength(1)
    const completed = await call('GET', '/admin/webhooks?eventType=report.completed', { token: 'admin-token' })
    expect(field<Json[]>(completed.json, 'items').length).toBeGreaterThanOrEqual(2)
    const page = await call('GET', '/admin/webhooks?processingOutcome=applied&limit=1', { token: 'admin-token' })
    expect(field<Json[]>(page.json, 'items')).toEqual([expect.objectContaining({ processingOutcome: 'applied' })])
    const cursor = field<string>(page.json, 'nextCursor')
    const next = await call('GET', `/admin/webhooks?processingOutcome=applied&limit=1&cursor=${encodeURIComponent(cursor)}`, { token: 'admin-token' })
    expect(field<Json[]>(next.json, 'items')[0]?.id).not.toBe(field<Json[]>(page.json, 'items')[0]?.id)
    expect((await call('GET', '/admin/webhooks?processingOutcome=bogus', { token: 'admin-token' })).json).toMatchObject({ field: 'query.processingOutcome' })

    // One delivery: its headers as received, the signature redacted.
    const one = field<Json[]>(page.json, 'items')[0]
    const detail = await call('GET', `/admin/webhooks/${String(one?.id)}`, { token: 'admin-token' })
    expect(detail).toMatchObject({ status: 200, json: { webhook: { id: one?.id }, headers: { 'content-type': expect.stringContaining('application/json') } } })
    expect(JSON.stringify(detail.json)).toContain('[redacted]')
    expect((await call('GET', '/admin/webhooks/123456789', { token: 'admin-token' })).status).toBe(404)
    expect((await call('GET', `/admin/webhooks/${String(one?.id)}`, { token: 'ada-token' })).status).toBe(403)
  })

  it('counts the review queues', async () => {
    const counts = await call('GET', '/admin/queue-counts', { token: 'admin-token' })
    expect(counts.status).toBe(200)
    const all = field<Record<string, number>>(counts.json, 'counts')
    expect(Object.keys(all)).toEqual(['needs_review', 'pending', 'in_dispute', 'awaiting_adverse_action', 'expiring_soon', 'invitation_expired', 'all'])
    const listed = field<Json[]>((await call('GET', '/admin/checks?limit=200', { token: 'admin-token' })).json, 'items')
    expect(all.all).toBe(listed.length)
    expect((await call('GET', '/admin/queue-counts', { token: 'ada-token' })).status).toBe(403)
  })

  it('answers 400 for malformed JSON and 415 for other media types', async () => {
    const malformed = await call('POST', '/subjects/ada/consents', { token: 'ada-token', raw: '{"disclosureVersion":' })
    expect(malformed.status).toBe(400)
    // A body parser mounted first answers malformed JSON itself, in the framework's own format.
    if (!bodyParserFirst) expect(malformed.json).toMatchObject({ code: 'malformed_json', status: 400 })
    const form = await call('POST', '/subjects/ada/consents', { token: 'ada-token', raw: 'a=b', type: 'application/x-www-form-urlencoded' })
    expect(form).toMatchObject({ status: 415, json: { code: 'unsupported_media_type' } })
  })

  it('answers 413 past the body cap, declared or streamed', async () => {
    const declared = await call('POST', '/subjects/ada/consents', { token: 'ada-token', body: consent('ada', { authorizationText: 'x'.repeat(70_000) }) })
    expect(declared).toMatchObject({ status: 413, json: { code: 'payload_too_large' } })
    // Chunked, no Content-Length: vetkit stops reading at its limit.
    const chunk = new TextEncoder().encode(`"${'y'.repeat(8190)}",`)
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('['))
        if (sent++ < 10) controller.enqueue(chunk)
        else {
          controller.enqueue(new TextEncoder().encode('"end"]'))
          controller.close()
        }
      },
    })
    const streamed = await fetch(`${server.baseUrl}${mountPath}/subjects/ada/consents`, {
      method: 'POST',
      headers: { authorization: 'Bearer ada-token', 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    })
    expect(streamed.status).toBe(413)
    expect(await streamed.json()).toMatchObject({ code: 'payload_too_large' })
    // The server is still fine afterwards.
    expect((await call('GET', '/subjects/ada/status', { token: 'ada-token' })).status).toBe(200)
  })

  it('names the offending field of invalid input with 422', async () => {
    const bad = await call('POST', '/subjects/carol/consents', { token: 'admin-token', body: consent('carol', { signatureName: '' }) })
    expect(bad).toMatchObject({ status: 422, json: { code: 'invalid_input', field: 'body.signatureName' } })
    const unknown = await call('POST', '/subjects/carol/consents', { token: 'admin-token', body: consent('carol', { admin: true }) })
    expect(unknown).toMatchObject({ status: 422, json: { field: 'body.admin' } })
    expect(await call('GET', '/admin/checks?limit=5000', { token: 'admin-token' })).toMatchObject({ status: 422, json: { field: 'query.limit' } })
  })

  it('answers 404 for unknown routes and checks, 405 with Allow for wrong methods', async () => {
    expect(await call('GET', '/nope', { token: 'admin-token' })).toMatchObject({ status: 404, json: { code: 'not_found' } })
    expect(await call('GET', '/admin/checks/0000', { token: 'admin-token' })).toMatchObject({ status: 404, json: { code: 'not_found' } })
    const wrong = await call('DELETE', '/admin/checks', { token: 'admin-token' })
    expect(wrong).toMatchObject({ status: 405, json: { code: 'method_not_allowed' } })
    expect(wrong.headers.get('allow')).toBe('GET')
    const webhookGet = await call('GET', '/webhooks/fake')
    expect(webhookGet.status).toBe(405)
    expect(webhookGet.headers.get('allow')).toBe('POST')
  })

  it('answers 429 with Retry-After and RateLimit headers', async () => {
    let last = await call('POST', '/subjects/eve/invite', { token: 'admin-token', ip: '192.0.2.77' })
    for (let i = 0; i < 10; i++) last = await call('POST', '/subjects/eve/invite', { token: 'admin-token', ip: '192.0.2.77' })
    expect(last).toMatchObject({ status: 429, json: { code: 'rate_limited' } })
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(last.headers.get('ratelimit-policy')).toBe('"invite_per_ip";q=10')
    expect(last.headers.get('ratelimit')).toMatch(/^"invite_per_ip";r=0;t=\d+$/)
  })

  it('serves the OpenAPI document under the mount path, and answers HEAD without a body', async () => {
    const doc = await call('GET', '/openapi.json')
    expect(doc).toMatchObject({ status: 200, json: { openapi: '3.1.0' } })
    const paths = field<Record<string, unknown>>(doc.json, 'paths')
    expect(Object.keys(paths)).toContain(`${mountPath}/admin/checks/{checkId}/dispute/resolve`)
    const head = await fetch(`${server.baseUrl}${mountPath}/subjects/ada/status`, { method: 'HEAD', headers: { authorization: 'Bearer ada-token' } })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('answers a method no route has with 405 and Allow, TRACE included, never with a stack', async () => {
    const admin: [string, string] = ['Authorization', 'Bearer admin-token']
    // (CONNECT and unknown methods such as TRACK never reach an app: Node's server refuses them.)
    const trace = await rawRequest(server, 'TRACE', `${mountPath}/subjects/ada/status`, [admin])
    expect(trace.status).toBe(405)
    expect(trace.headers.allow).toBe('GET, HEAD, POST')
    expect(trace.headers['content-type']).toBe('application/problem+json')
    expect(trace.body).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+/)
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND']) {
      const res = await rawRequest(server, method, `${mountPath}/admin/checks`, [admin])
      expect(res.status, method).toBe(405)
      expect(res.headers.allow, method).toBe('GET')
      expect(res.body).not.toMatch(/\bat \S+ \(|node_modules/)
    }
  })

  it('refuses dot segments and backslashes, encoded or not, instead of resolving them past the host\'s routing', async () => {
    const admin: [string, string] = ['Authorization', 'Bearer admin-token']
    for (const path of [
      '/subjects/mae/%2e%2e/%2e%2e/admin/checks',
      '/subjects/mae/../../admin/checks',
      '/subjects/mae/%2E./%2e%2E/admin/checks',
      '/subjects/./ada/status',
      '/subjects/mae/..%5c..%5cadmin/checks',
      '/subjects/mae\\..\\..\\admin/checks',
    ]) {
      const res = await rawRequest(server, 'GET', `${mountPath}${path}`, [admin])
      expect(res.status, path).toBe(400)
      expect(JSON.parse(res.body)).toMatchObject({ code: 'bad_path' })
    }
  })

  it('refuses a NUL byte in a path id, a query value or a JSON string with 422 naming the field', async () => {
    expect(await call('GET', '/subjects/a%00b/status', { token: 'admin-token' })).toMatchObject({ status: 422, json: { field: 'params.subjectId' } })
    expect(await call('GET', '/admin/checks?search=a%00b', { token: 'admin-token' })).toMatchObject({ status: 422, json: { field: 'query.search' } })
    const nul = await call('POST', '/subjects/gus/consents', { token: 'admin-token', raw: JSON.stringify({ ...consent('gus'), signatureName: 'Gus\u0000' }) })
    expect(nul).toMatchObject({ status: 422, json: { code: 'invalid_input', field: 'body.signatureName' } })
    const lone = await call('POST', '/subjects/gus/consents', { token: 'admin-token', raw: '{"disclosureVersion":"1","authorizationText":"x","signatureName":"\\ud800"}' })
    expect(lone).toMatchObject({ status: 422, json: { field: 'body.signatureName' } })
    const checkId = await checkIdOf('ada')
    const dispute = await call('POST', `/admin/checks/${checkId}/dispute`, { token: 'admin-token', raw: JSON.stringify({ reason: 'not mine\u0000' }) })
    expect(dispute).toMatchObject({ status: 422, json: { field: 'body.reason' } })
  })

  it('leaves the host\'s own routes alone', async () => {
    const ping = await fetch(`${server.baseUrl}/host/ping`)
    expect(ping.status).toBe(200)
    expect(await ping.text()).toBe('pong')
  })

  it('has called every route of the OpenAPI document', async () => {
    const paths = field<Record<string, Record<string, unknown>>>((await call('GET', '/openapi.json')).json, 'paths')
    const missing: string[] = []
    for (const [template, operations] of Object.entries(paths)) {
      const pattern = new RegExp(`^${template.slice(mountPath.length).replace(/\{\w+\}/g, '[^/]+')}$`)
      for (const method of Object.keys(operations)) {
        const called = client.calls.some((c) => c.startsWith(`${method.toUpperCase()} `) && pattern.test(c.slice(method.length + 1)))
        if (!called) missing.push(`${method.toUpperCase()} ${template}`)
      }
    }
    expect(missing).toEqual([])
    expect(Object.keys(paths).length).toBeGreaterThanOrEqual(16)
  })
}
