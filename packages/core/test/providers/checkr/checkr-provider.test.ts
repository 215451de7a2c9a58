import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { VetkitError } from '../../../src/errors'
import { checkrProvider, CheckrApiError, signCheckrPayload } from '../../../src/providers/checkr'
import { VETKIT_VERSION } from '../../../src/version'
import {
  ADVERSE_ACTION_ID,
  adverseAction,
  adverseItems,
  candidate,
  CANDIDATE_ID,
  checkrError,
  invitation,
  INVITATION_ID,
  report,
  REPORT_ID,
} from './support/checkr-objects'
import { API_KEY, IDEMPOTENCY_KEY, PROD, rejectionOf, STAGING, testProvider, useCheckrServer } from './support/checkr-harness'

const { server, record } = useCheckrServer()

// Written out independently of the transport: base64("<key>:"), i.e. an empty password.
const EXPECTED_AUTHORIZATION = `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`

describe('checkrProvider: identity', () => {
  it('is named checkr and reports the environment it was given', () => {
    expect(testProvider().provider.name).toBe('checkr')
    expect(testProvider().provider.environment).toBe('production')
    expect(testProvider({ environment: 'staging' }).provider.environment).toBe('staging')
  })
})

describe('createCandidate', () => {
  it('POSTs JSON to /candidates with Basic auth, an Idempotency-Key and a vetkit User-Agent', async () => {
    const seen = record()
    server.use(http.post(`${PROD}/candidates`, () => HttpResponse.json(candidate, { status: 201 })))
    const { provider } = testProvider()

    const result = await provider.createCandidate({
      subjectId: 'subject-42',
      email: 'jordan.rivera@example.com',
      firstName: 'Jordan',
      lastName: 'Rivera',
      idempotencyKey: IDEMPOTENCY_KEY,
    })

    // Only the id comes back: none of the candidate's PII leaves the provider.
    expect(result).toEqual({ candidateId: CANDIDATE_ID })
    expect(seen).toHaveLength(1)
    const request = seen[0]!
    expect(request.method).toBe('POST')
    expect(request.url.href).toBe('https://api.checkr.com/v1/candidates')
    expect(request.headers.get('authorization')).toBe(EXPECTED_AUTHORIZATION)
    expect(Buffer.from(request.headers.get('authorization')!.slice(6), 'base64').toString()).toBe(`${API_KEY}:`)
    expect(request.headers.get('content-type')).toBe('application/json')
    expect(request.headers.get('accept')).toBe('application/json')
    expect(request.headers.get('idempotency-key')).toBe(IDEMPOTENCY_KEY)
    expect(request.headers.get('user-agent')).toBe(`vetkit/${VETKIT_VERSION}`)
    expect(JSON.parse(await request.body)).toEqual({
      email: 'jordan.rivera@example.com',
      first_name: 'Jordan',
      last_name: 'Rivera',
      custom_id: 'subject-42',
    })
  })

  it('sends only the email and custom_id when no names are given (the invitation flow needs no more)', async () => {
    const seen = record()
    server.use(http.post(`${PROD}/candidates`, () => HttpResponse.json(candidate, { status: 201 })))
    await testProvider().provider.createCandidate({ subjectId: 's-1', email: 'a@example.com', idempotencyKey: IDEMPOTENCY_KEY })
    expect(JSON.parse(await seen[0]!.body)).toStrictEqual({ email: 'a@example.com', custom_id: 's-1' })
  })

  it('turns a non-UUID idempotency key into a stable UUID, distinct per key', async () => {
    const seen = record()
    server.use(http.post(`${PROD}/candidates`, () => HttpResponse.json(candidate, { status: 201 })))
    const { provider } = testProvider()
    const input = { subjectId: 's-1', email: 'a@example.com' }
    await provider.createCandidate({ ...input, idempotencyKey: 'check:123:candidate' })
    await provider.createCandidate({ ...input, idempotencyKey: 'check:123:candidate' })
    await provider.createCandidate({ ...input, idempotencyKey: 'check:124:candidate' })
    const keys = seen.map((r) => r.headers.get('idempotency-key'))
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[0])
  })
})

describe('createInvitation', () => {
  it('POSTs candidate_id, package and work_locations and maps the invitation', async () => {
    const seen = record()
    server.use(http.post(`${PROD}/invitations`, () => HttpResponse.json(invitation, { status: 201 })))
    const result = await testProvider().provider.createInvitation({
      candidateId: CANDIDATE_ID,
      workLocations: [{ country: 'US', state: 'CA', city: 'San Francisco' }, { country: 'US', state: 'NY' }],
      idempotencyKey: IDEMPOTENCY_KEY,
    })
    expect(result).toEqual({
      invitationId: INVITATION_ID,
      invitationUrl: 'https://apply.checkr.com/invite/vetkit-demo/c1f9e1a7/login',
      status: 'pending',
      candidateId: CANDIDATE_ID,
      reportId: null,
      expiresAt: new Date('2026-01-26T06:59:59Z'),
      deletedAt: null,
    })
    expect(seen[0]!.headers.get('idempotency-key')).toBe(IDEMPOTENCY_KEY)
    expect(JSON.parse(await seen[0]!.body)).toStrictEqual({
      candidate_id: CANDIDATE_ID,
      package: 'tasker_standard',
      work_locations: [{ country: 'US', state: 'CA', city: 'San Francisco' }, { country: 'US', state: 'NY' }],
    })
  })

  it('orders the configured package, and leaves work_locations out when none are given', async () => {
    const seen = record()
    server.use(http.post(`${PROD}/invitations`, () => HttpResponse.json(invitation, { status: 201 })))
    await testProvider({ packageSlug: 'basic' }).provider.createInvitation({ candidateId: CANDIDATE_ID, idempotencyKey: IDEMPOTENCY_KEY })
    expect(JSON.parse(await seen[0]!.body)).toStrictEqual({ candidate_id: CANDIDATE_ID, package: 'basic' })
  })
})

describe('getCandidate', () => {
  it('GETs /candidates/{id} and keeps only the report ids, never the PII', async () => {
    const seen = record()
    server.use(http.get(`${PROD}/candidates/:id`, () => HttpResponse.json({ ...candidate, report_ids: ['r_first', REPORT_ID] })))
    const result = await testProvider().provider.getCandidate(CANDIDATE_ID)
    expect(result).toEqual({ candidateId: CANDIDATE_ID, reportIds: ['r_first', REPORT_ID] })
    expect(seen[0]!.method).toBe('GET')
    expect(seen[0]!.url.pathname).toBe(`/v1/candidates/${CANDIDATE_ID}`)
    expect(seen[0]!.headers.has('idempotency-key')).toBe(false)
  })

  it('reads a candidate without report_ids as having none, and maps a 404 to provider_not_found', async () => {
    const { report_ids: _omitted, ...withoutReports } = candidate
    server.use(http.get(`${PROD}/candidates/:id`, ({ params }) =>
      params.id === 'gone' ? HttpResponse.json(checkrError('Not Found'), { status: 404 }) : HttpResponse.json(withoutReports),
    ))
    expect(await testProvider().provider.getCandidate(CANDIDATE_ID)).toEqual({ candidateId: CANDIDATE_ID, reportIds: [] })
    const error = await rejectionOf(testProvider().provider.getCandidate('gone'))
    expect(error).toMatchObject({ code: 'provider_not_found' })
  })
})

describe('getInvitation', () => {
  it('GETs with include_deleted=true, without Idempotency-Key or Content-Type, and keeps unknown statuses', async () => {
    const seen = record()
    server.use(
      http.get(`${PROD}/invitations/:id`, () =>
        HttpResponse.json({ ...invitation, status: 'completed', report_id: REPORT_ID, completed_at: '2026-01-19T09:00:00Z' }),
      ),
    )
    const result = await testProvider().provider.getInvitation(INVITATION_ID)
    expect(result.status).toBe('completed')
    expect(result.reportId).toBe(REPORT_ID)
    const request = seen[0]!
    expect(request.method).toBe('GET')
    expect(request.url.pathname).toBe(`/v1/invitations/${INVITATION_ID}`)
    expect(request.url.searchParams.get('include_deleted')).toBe('true')
    expect(request.headers.get('authorization')).toBe(EXPECTED_AUTHORIZATION)
    expect(request.headers.has('idempotency-key')).toBe(false)
    expect(request.headers.has('content-type')).toBe(false)
  })

  it('reports a canceled invitation through deletedAt, and keeps a status value Checkr may add later', async () => {
    server.use(
      http.get(`${PROD}/invitations/:id`, () => HttpResponse.json({ ...invitation, status: 'revoked_by_policy', deleted_at: '2026-01-20T10:00:00Z' })),
    )
    const result = await testProvider().provider.getInvitation(INVITATION_ID)
    expect(result.status).toBe('revoked_by_policy')
    expect(result.deletedAt).toEqual(new Date('2026-01-20T10:00:00Z'))
  })

  it('encodes the id as one path segment and refuses an empty id before sending anything', async () => {
    const seen = record()
    server.use(http.get(`${PROD}/invitations/:id`, () => HttpResponse.json(invitation)))
    const { provider } = testProvider()
    await provider.getInvitation('a/b?c')
    expect(seen[0]!.url.pathname).toBe('/v1/invitations/a%2Fb%3Fc')
    const error = await rejectionOf(provider.getInvitation(' '))
    expect(error).toBeInstanceOf(VetkitError)
    expect(error).toMatchObject({ code: 'invalid_argument', field: 'invitationId' })
    expect(seen).toHaveLength(1)
  })
})

describe('cancelInvitation', () => {
  it('DELETEs the invitation without an Idempotency-Key', async () => {
    const seen = record()
    server.use(http.delete(`${PROD}/invitations/:id`, () => HttpResponse.json({ ...invitation, deleted_at: '2026-01-20T10:00:00Z' })))
    await testProvider().provider.cancelInvitation(INVITATION_ID)
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([`DELETE /v1/invitations/${INVITATION_ID}`])
    expect(seen[0]!.headers.has('idempotency-key')).toBe(false)
    expect(seen[0]!.headers.get('authorization')).toBe(EXPECTED_AUTHORIZATION)
  })

  it('counts a 404 as done', async () => {
    server.use(http.delete(`${PROD}/invitations/:id`, () => HttpResponse.json(checkrError('Not Found'), { status: 404 })))
    await expect(testProvider().provider.cancelInvitation(INVITATION_ID)).resolves.toBeUndefined()
  })

  it('counts a refusal of an invitation that is already deleted as done', async () => {
    const seen = record()
    server.use(
      http.delete(`${PROD}/invitations/:id`, () => HttpResponse.json(checkrError('Invitation has already been deleted'), { status: 400 })),
      http.get(`${PROD}/invitations/:id`, () => HttpResponse.json({ ...invitation, deleted_at: '2026-01-20T10:00:00Z' })),
    )
    await testProvider().provider.cancelInvitation(INVITATION_ID)
    expect(seen.map((r) => r.method)).toEqual(['DELETE', 'GET'])
  })

  it('rethrows the refusal when the invitation is still there (e.g. already completed)', async () => {
    server.use(
      http.delete(`${PROD}/invitations/:id`, () => HttpResponse.json(checkrError('Completed invitations cannot be canceled'), { status: 400 })),
      http.get(`${PROD}/invitations/:id`, () => HttpResponse.json({ ...invitation, status: 'completed' })),
    )
    const error = await rejectionOf(testProvider().provider.cancelInvitation(INVITATION_ID))
    expect(error).toBeInstanceOf(CheckrApiError)
    expect(error).toMatchObject({ code: 'provider_state_conflict', status: 400, checkrMessage: 'Completed invitations cannot be canceled' })
  })
})

describe('getReport', () => {
  it('maps the report, dates included', async () => {
    const seen = record()
    server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json(report)))
    const result = await testProvider().provider.getReport(REPORT_ID)
    expect(result).toEqual({
      reportId: REPORT_ID,
      candidateId: CANDIDATE_ID,
      status: 'complete',
      result: 'consider',
      assessment: 'review',
      adjudication: null,
      completedAt: new Date('2026-01-21T17:45:12Z'),
      createdAt: new Date('2026-01-19T09:00:00Z'),
      eta: new Date('2026-01-22T00:00:00Z'),
    })
    expect(seen[0]!.url.href).toBe(`${PROD}/reports/${REPORT_ID}`)
    expect(seen[0]!.headers.has('idempotency-key')).toBe(false)
  })

  it('keeps open enum values: status paused, assessment escalated, an unknown adjudication', async () => {
    server.use(
      http.get(`${PROD}/reports/:id`, () =>
        HttpResponse.json({ ...report, status: 'paused', result: null, completed_at: null, assessment: 'escalated', adjudication: 'under_review' }),
      ),
    )
    const result = await testProvider().provider.getReport(REPORT_ID)
    expect(result).toMatchObject({ status: 'paused', result: null, assessment: 'escalated', adjudication: 'under_review', completedAt: null })
  })

  it('reads a pending report where Checkr omits the optional fields', async () => {
    server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json({ id: REPORT_ID, object: 'report', status: 'pending', candidate_id: CANDIDATE_ID })))
    const result = await testProvider().provider.getReport(REPORT_ID)
    expect(result).toEqual({
      reportId: REPORT_ID,
      candidateId: CANDIDATE_ID,
      status: 'pending',
      result: null,
      assessment: null,
      adjudication: null,
      completedAt: null,
      createdAt: null,
      eta: null,
    })
  })
})

describe('listAdverseItems', () => {
  it('reads the list envelope into ids and texts', async () => {
    const seen = record()
    server.use(http.get(`${PROD}/reports/:id/adverse_items`, () => HttpResponse.json(adverseItems)))
    const items = await testProvider().provider.listAdverseItems(REPORT_ID)
    expect(items).toEqual([
      { id: '57ed51e7ba3bb4002a7b6a6e', text: 'Misdemeanor: Petty theft (2019), Los Angeles County, CA' },
      { id: '57ed51e7ba3bb4002a7b6a6f', text: 'License status: Suspended' },
    ])
    expect(seen[0]!.url.pathname).toBe(`/v1/reports/${REPORT_ID}/adverse_items`)
  })

  it('follows next_href page by page so no item is left out', async () => {
    const seen = record()
    const [first, second] = adverseItems.data
    server.use(
      http.get(`${PROD}/reports/:id/adverse_items`, ({ request }) => {
        const page = new URL(request.url).searchParams.get('page')
        return page === '2'
          ? HttpResponse.json({ ...adverseItems, data: [second], next_href: null, previous_href: '/v1/x?page=1' })
          : HttpResponse.json({ ...adverseItems, data: [first], next_href: `/v1/reports/${REPORT_ID}/adverse_items?page=2` })
      }),
    )
    const items = await testProvider().provider.listAdverseItems(REPORT_ID)
    expect(items.map((i) => i.id)).toEqual([first!.id, second!.id])
    expect(seen.map((r) => r.url.searchParams.get('page'))).toEqual([null, '2'])
  })
})

describe('createAdverseAction', () => {
  it('POSTs the item ids and the post-notice time, and returns the scheduled time as a Date', async () => {
    const seen = record()
    server.use(http.post(`${PROD}/reports/:id/adverse_actions`, () => HttpResponse.json(adverseAction, { status: 201 })))
    const result = await testProvider().provider.createAdverseAction({
      reportId: REPORT_ID,
      adverseItemIds: ['57ed51e7ba3bb4002a7b6a6e'],
      postNoticeScheduledAt: new Date('2026-01-29T15:00:00Z'),
      idempotencyKey: IDEMPOTENCY_KEY,
    })
    expect(result).toEqual({ adverseActionId: ADVERSE_ACTION_ID, postNoticeScheduledAt: new Date('2026-01-29T15:00:00Z') })
    const request = seen[0]!
    expect(request.url.pathname).toBe(`/v1/reports/${REPORT_ID}/adverse_actions`)
    expect(request.headers.get('idempotency-key')).toBe(IDEMPOTENCY_KEY)
    expect(request.headers.get('content-type')).toBe('application/json')
    expect(JSON.parse(await request.body)).toStrictEqual({
      adverse_item_ids: ['57ed51e7ba3bb4002a7b6a6e'],
      post_notice_scheduled_at: '2026-01-29T15:00:00.000Z',
    })
  })

  it('refuses an empty item list or an invalid date without calling Checkr', async () => {
    const seen = record()
    const { provider } = testProvider()
    const base = { reportId: REPORT_ID, postNoticeScheduledAt: new Date('2026-01-29T15:00:00Z'), idempotencyKey: IDEMPOTENCY_KEY }
    await expect(provider.createAdverseAction({ ...base, adverseItemIds: [] })).rejects.toMatchObject({ code: 'invalid_argument', field: 'adverseItemIds' })
    await expect(provider.createAdverseAction({ ...base, adverseItemIds: ['x'], postNoticeScheduledAt: new Date('nope') })).rejects.toMatchObject({
      code: 'invalid_argument',
      field: 'postNoticeScheduledAt',
    })
    expect(seen).toHaveLength(0)
  })
})

describe('cancelAdverseAction', () => {
  it('DELETEs /adverse_actions/{id}', async () => {
    const seen = record()
    server.use(http.delete(`${PROD}/adverse_actions/:id`, () => HttpResponse.json({ ...adverseAction, status: 'canceled', canceled_at: '2026-01-23T10:00:00Z' })))
    await testProvider().provider.cancelAdverseAction(ADVERSE_ACTION_ID)
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([`DELETE /v1/adverse_actions/${ADVERSE_ACTION_ID}`])
    expect(seen[0]!.headers.has('idempotency-key')).toBe(false)
  })

  it('counts an adverse action that is already canceled as done, and rethrows when it is not', async () => {
    server.use(http.delete(`${PROD}/adverse_actions/:id`, () => HttpResponse.json(checkrError('Adverse action is already canceled'), { status: 400 })))
    server.use(http.get(`${PROD}/adverse_actions/:id`, () => HttpResponse.json({ ...adverseAction, status: 'canceled' })))
    const { provider } = testProvider()
    await expect(provider.cancelAdverseAction(ADVERSE_ACTION_ID)).resolves.toBeUndefined()

    server.use(http.get(`${PROD}/adverse_actions/:id`, () => HttpResponse.json({ ...adverseAction, status: 'complete' })))
    await expect(provider.cancelAdverseAction(ADVERSE_ACTION_ID)).rejects.toMatchObject({
      code: 'provider_state_conflict',
      checkrMessage: 'Adverse action is already canceled',
    })
  })
})

describe('environments and base URL', () => {
  it('sends staging calls to api.checkr-staging.com and production calls to api.checkr.com', async () => {
    const seen = record()
    server.use(
      http.get(`${STAGING}/reports/:id`, () => HttpResponse.json({ ...report, status: 'pending' })),
      http.get(`${PROD}/reports/:id`, () => HttpResponse.json(report)),
    )
    expect((await testProvider({ environment: 'staging' }).provider.getReport(REPORT_ID)).status).toBe('pending')
    expect((await testProvider({ environment: 'production' }).provider.getReport(REPORT_ID)).status).toBe('complete')
    expect(seen.map((r) => r.url.origin)).toEqual(['https://api.checkr-staging.com', 'https://api.checkr.com'])
  })

  it('uses baseUrl when given, with or without a trailing slash', async () => {
    const seen = record()
    server.use(http.get('http://checkr.test/v1/reports/:id', () => HttpResponse.json(report)))
    await testProvider({ baseUrl: 'http://checkr.test/v1/' }).provider.getReport(REPORT_ID)
    await testProvider({ baseUrl: 'http://checkr.test/v1' }).provider.getReport(REPORT_ID)
    expect(seen.map((r) => r.url.href)).toEqual([`http://checkr.test/v1/reports/${REPORT_ID}`, `http://checkr.test/v1/reports/${REPORT_ID}`])
  })

  it('uses an injected fetch instead of the global one', async () => {
    const urls: string[] = []
    const fetchStub: typeof fetch = async (input) => {
      urls.push(String(input))
      return Response.json(report)
    }
    const result = await testProvider({ fetch: fetchStub }).provider.getReport(REPORT_ID)
    expect(result.reportId).toBe(REPORT_ID)
    expect(urls).toEqual([`${PROD}/reports/${REPORT_ID}`])
  })
})

describe('webhooks through the provider', () => {
  const body = new TextEncoder().encode('{"id":"evt_1","object":"event","type":"report.completed","created_at":"2026-01-21T17:45:13Z","data":{"object":{"id":"r1","object":"report","uri":"/v1/reports/r1"}}}')

  it('verifies with the API key by default', () => {
    const { provider } = testProvider()
    const headers = new Headers({ 'X-Checkr-Signature': signCheckrPayload(body, API_KEY) })
    expect(provider.verifyWebhook({ headers, rawBody: body })).toEqual({ ok: true })
    const other = new Headers({ 'X-Checkr-Signature': signCheckrPayload(body, 'another-key') })
    expect(provider.verifyWebhook({ headers: other, rawBody: body })).toMatchObject({ ok: false, outcome: 'bad_signature' })
  })

  it('verifies with the configured signing keys and Basic auth instead, when given', () => {
    const provider = checkrProvider({
      apiKey: API_KEY,
      environment: 'production',
      packageSlug: 'tasker_standard',
      webhookSigningKeys: ['oauth-client-secret'],
      webhookBasicAuth: { username: 'checkr', password: 'hook-pass' },
    })
    const basic = `Basic ${Buffer.from('checkr:hook-pass').toString('base64')}`
    const signedWithSecret = new Headers({ 'X-Checkr-Signature': signCheckrPayload(body, 'oauth-client-secret'), Authorization: basic })
    expect(provider.verifyWebhook({ headers: signedWithSecret, rawBody: body })).toEqual({ ok: true })
    const signedWithApiKey = new Headers({ 'X-Checkr-Signature': signCheckrPayload(body, API_KEY), Authorization: basic })
    expect(provider.verifyWebhook({ headers: signedWithApiKey, rawBody: body })).toMatchObject({ ok: false, outcome: 'bad_signature' })
    const noAuth = new Headers({ 'X-Checkr-Signature': signCheckrPayload(body, 'oauth-client-secret') })
    expect(provider.verifyWebhook({ headers: noAuth, rawBody: body })).toMatchObject({ ok: false, outcome: 'bad_basic_auth' })
  })

  it('parses through parseCheckrWebhook', () => {
    const event = testProvider().provider.parseWebhook(body)
    expect(event).toMatchObject({ eventId: 'evt_1', type: 'report.completed', trigger: { refs: { reportId: 'r1' }, thin: true, report: null } })
  })
})
