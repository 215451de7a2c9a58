import { beforeAll, expect, it } from 'vitest'
import { describeEachBackend } from '../storage/support/backends'
import { AUTHORIZATION_TEXT, createHarness, type Harness } from '../workflow/support/harness'

const BASE = 'https://market.example/vetkit'
const tokens: Record<string, { id: string; roles: string[]; subjectId?: string }> = {
  'admin-token': { id: 'admin-1', roles: ['admin'] },
  'ada-token': { id: 'user-ada', roles: [], subjectId: 'ada' },
  'bob-token': { id: 'user-bob', roles: [], subjectId: 'bob' },
}

describeEachBackend('HTTP handler', (db) => {
  let h: Harness
  const call = async (method: string, path: string, options: { token?: string; body?: unknown; raw?: string; type?: string; ip?: string; headers?: Record<string, string> } = {}) => {
    const headers = new Headers(options.headers)
    if (options.token) headers.set('authorization', `Bearer ${options.token}`)
    let body: string | undefined
    if (options.raw !== undefined) body = options.raw
    else if (options.body !== undefined) body = JSON.stringify(options.body)
    if (body !== undefined) headers.set('content-type', options.type ?? 'application/json')
    const response = await h.vetkit.handler(new Request(`${BASE}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) }), { remoteAddress: options.ip ?? '203.0.113.9' })
    const text = await response.text()
    return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : null }
  }

  beforeAll(async () => {
    h = await createHarness(db(), {
      http: {
        basePath: '/vetkit',
        trustProxy: ['loopback'],
        authenticate: (request) => tokens[request.headers.get('authorization')?.replace(/^Bearer /, '') ?? ''] ?? null,
      },
    })
  }, 60_000)

  const consent = (subjectId: string, extra: Record<string, unknown> = {}) => ({
    disclosureVersion: '1',
    authorizationText: AUTHORIZATION_TEXT,
    signatureName: `Name ${subjectId}`,
    email: `${subjectId}@example.test`,
    ...extra,
  })

  it('denies by default: 401 without a caller, 403 for another subject or a non-admin', async () => {
    expect((await call('GET', '/subjects/ada/status')).status).toBe(401)
    const other = await call('GET', '/subjects/ada/status', { token: 'bob-token' })
    expect(other.status).toBe(403)
    expect(other.json).toMatchObject({ code: 'forbidden', status: 403 })
    expect(other.headers.get('content-type')).toBe('application/problem+json')
    expect((await call('GET', '/admin/checks', { token: 'ada-token' })).status).toBe(403)
  })

  it('a subject that never started reads as not_started', async () => {
    const res = await call('GET', '/subjects/ada/status', { token: 'ada-token' })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ subjectId: 'ada', status: 'not_started', eligible: false })
  })

  it('consent, invite and status over HTTP, with the client IP from the trusted proxy chain', async () => {
    const consented = await call('POST', '/subjects/ada/consents', {
      token: 'ada-token',
      body: consent('ada'),
      ip: '127.0.0.1',
      headers: { 'x-forwarded-for': '198.51.100.23', 'user-agent': 'Browser/1.0' },
    })
    expect(consented.status).toBe(201)
    expect(consented.json).toMatchObject({ subjectId: 'ada', disclosureVersion: '1', ip: '198.51.100.23', userAgent: 'Browser/1.0' })
    const invited = await call('POST', '/subjects/ada/invite', { token: 'ada-token', body: {} })
    expect(invited.status).toBe(201)
    expect(invited.json).toMatchObject({ created: true, check: { status: 'invited', subjectId: 'ada' } })
    expect((invited.json!.check as { invitationUrl: string }).invitationUrl).toMatch(/^https:/)
    const again = await call('POST', '/subjects/ada/invite', { token: 'ada-token', body: {} })
    expect(again.status).toBe(200)
    expect(again.json).toMatchObject({ created: false })
  })

  it('an untrusted X-Forwarded-For is ignored', async () => {
    const res = await call('POST', '/subjects/bob/consents', { token: 'bob-token', body: consent('bob'), ip: '203.0.113.50', headers: { 'x-forwarded-for': '10.9.9.9' } })
    expect(res.json).toMatchObject({ ip: '203.0.113.50' })
  })

  it('names the offending field of invalid input with 422, and never writes anything', async () => {
    const bad = await call('POST', '/subjects/carol/consents', { token: 'admin-token', body: consent('carol', { signatureName: '' }) })
    expect(bad.status).toBe(422)
    expect(bad.json).toMatchObject({ code: 'invalid_input', field: 'body.signatureName' })
    const unknown = await call('POST', '/subjects/carol/consents', { token: 'admin-token', body: consent('carol', { admin: true }) })
    expect(unknown.json).toMatchObject({ code: 'invalid_input', field: 'body.admin' })
    expect(await h.storage.subjects.get('carol')).toBeNull()
    const query = await call('GET', '/admin/checks?limit=5000', { token: 'admin-token' })
    expect(query).toMatchObject({ status: 422, json: { field: 'query.limit' } })
    const status = await call('GET', '/admin/checks?status=passed,bogus', { token: 'admin-token' })
    expect(status.status).toBe(422)
  })

  it('answers 400 for malformed JSON, 415 for other media types, 413 for oversized bodies', async () => {
    expect((await call('POST', '/subjects/ada/consents', { token: 'ada-token', raw: '{"disclosureVersion":' })).json).toMatchObject({ code: 'malformed_json', status: 400 })
    expect((await call('POST', '/subjects/ada/consents', { token: 'ada-token', raw: 'a=b', type: 'application/x-www-form-urlencoded' })).status).toBe(415)
    // No body and no JSON type: refused too, so a cross-site form cannot trigger an invite.
    const bare = await call('POST', '/subjects/ada/invite', { token: 'ada-token' })
    expect(bare).toMatchObject({ status: 415, json: { code: 'unsupported_media_type' } })
    const plain = await call('POST', '/subjects/ada/invite', { token: 'ada-token', raw: '', type: 'text/plain' })
    expect(plain.status).toBe(415)
    const huge = await call('POST', '/subjects/ada/consents', { token: 'ada-token', body: consent('ada', { authorizationText: 'x'.repeat(70_000) }) })
    expect(huge).toMatchObject({ status: 413, json: { code: 'payload_too_large' } })
  })

  it('answers 404 for unknown routes and checks, 405 with Allow for wrong methods', async () => {
    expect((await call('GET', '/nope', { token: 'admin-token' })).status).toBe(404)
    expect((await call('GET', '/admin/checks/0000', { token: 'admin-token' })).json).toMatchObject({ status: 404, code: 'not_found' })
    const wrong = await call('DELETE', '/admin/checks', { token: 'admin-token' })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET')
    expect((await call('GET', '/webhooks/fake')).status).toBe(405)
    const outside = await h.vetkit.handler(new Request('https://market.example/elsewhere/admin/checks'))
    expect(outside.status).toBe(404)
  })

  it('maps state-machine refusals to 409 with their code', async () => {
    await call('POST', '/subjects/dee/consents', { token: 'admin-token', body: consent('dee') })
    h.fake.setScenario('dee', 'consider')
    const invited = await call('POST', '/subjects/dee/invite', { token: 'admin-token', body: {} })
    const checkId = (invited.json!.check as { id: string }).id
    await h.advance({ days: 3 })
    const items = await call('GET', `/admin/checks/${checkId}/adverse-items`, { token: 'admin-token' })
    const itemId = (items.json!.items as { id: string }[])[0]!.id
    const started = await call('POST', `/admin/checks/${checkId}/adverse-action`, { token: 'admin-token', body: { adverseItemIds: [itemId] } })
    expect(started).toMatchObject({ status: 200, json: { status: 'pre_adverse' } })
    const early = await call('POST', `/admin/checks/${checkId}/adverse-action/finalize`, { token: 'admin-token', body: {} })
    expect(early).toMatchObject({ status: 409, json: { code: 'adverse_wait_not_elapsed' } })
    const detail = await call('GET', `/admin/checks/${checkId}`, { token: 'admin-token' })
    expect((detail.json!.history as { actorId: string; eventType: string }[]).find((e) => e.eventType === 'adverse.started')).toMatchObject({ actorId: 'admin-1' })
    expect((detail.json!.consents as unknown[]).length).toBe(1)
  })

  it('answers 429 with Retry-After and RateLimit headers', async () => {
    let last = await call('POST', '/subjects/eve/invite', { token: 'admin-token', ip: '192.0.2.77', body: {} })
    for (let i = 0; i < 10; i++) last = await call('POST', '/subjects/eve/invite', { token: 'admin-token', ip: '192.0.2.77', body: {} })
    expect(last.status).toBe(429)
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(last.headers.get('ratelimit-policy')).toBe('"invite_per_ip";q=10')
    expect(last.headers.get('ratelimit')).toMatch(/^"invite_per_ip";r=0;t=\d+$/)
  })

  it('serves an OpenAPI 3.1 document of every route', async () => {
    const res = await call('GET', '/openapi.json')
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ openapi: '3.1.0' })
    const paths = res.json!.paths as Record<string, Record<string, { operationId: string }>>
    expect(paths['/vetkit/admin/checks/{checkId}/dispute/resolve']?.post?.operationId).toBe('resolveDispute')
    expect(paths['/vetkit/webhooks/fake']?.post?.operationId).toBe('receiveWebhook')
    expect(Object.keys(paths).length).toBeGreaterThanOrEqual(15)
  })

  it('receives webhooks with their raw bytes, without authentication', async () => {
    const raw = '{"id":"evt_1","object":"event"}'
    const res = await call('POST', '/webhooks/fake', { raw, headers: { 'x-checkr-signature': 'deadbeef' } })
    expect(res).toMatchObject({ status: 401, json: { ok: false, code: 'bad_signature' } })
  })

  it('refuses an oversized webhook with 413 and still records it in the webhook log', async () => {
    const huge = `{"id":"evt_big","pad":"${'x'.repeat(1024 * 1024)}"}`
    const res = await call('POST', '/webhooks/fake', { raw: huge, headers: { 'x-checkr-signature': 'a'.repeat(64) } })
    expect(res).toMatchObject({ status: 413, json: { code: 'payload_too_large' } })
    const log = await h.vetkit.webhooks.list({ httpStatus: 413 })
    expect(log.items).toHaveLength(1)
    expect(log.items[0]).toMatchObject({ authOutcome: 'malformed', processingOutcome: 'not_processed', eventId: null })
  })
})
