import { inspect } from 'node:util'
import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { VetkitError } from '../../../src/errors'
import { CheckrApiError } from '../../../src/providers/checkr'
import { codeForStatus } from '../../../src/providers/checkr/checkr-errors'
import { adverseAction, CANDIDATE_ID, candidate, checkrError, report, REPORT_ID } from './support/checkr-objects'
import { API_KEY, IDEMPOTENCY_KEY, PROD, rejectionOf, testProvider, useCheckrServer } from './support/checkr-harness'

const { server, record } = useCheckrServer()

const adverseActionInput = {
  reportId: REPORT_ID,
  adverseItemIds: ['57ed51e7ba3bb4002a7b6a6e'],
  postNoticeScheduledAt: new Date('2026-01-29T15:00:00Z'),
  idempotencyKey: IDEMPOTENCY_KEY,
}

async function apiError(promise: Promise<unknown>): Promise<CheckrApiError> {
  const error = await rejectionOf(promise)
  expect(error).toBeInstanceOf(CheckrApiError)
  expect(error).toBeInstanceOf(VetkitError)
  return error as CheckrApiError
}

describe('Checkr error responses', () => {
  it('400 "Report has a pre-existing adverse action" -> provider_state_conflict with Checkr message, not retried', async () => {
    const seen = record()
    server.use(
      http.post(`${PROD}/reports/:id/adverse_actions`, () => HttpResponse.json(checkrError('Report has a pre-existing adverse action'), { status: 400 })),
    )
    const error = await apiError(testProvider().provider.createAdverseAction(adverseActionInput))
    expect(error).toMatchObject({
      name: 'CheckrApiError',
      code: 'provider_state_conflict',
      status: 400,
      checkrMessage: 'Report has a pre-existing adverse action',
      retryable: false,
      attempts: 1,
    })
    expect(error.message).toBe(
      'Checkr POST /reports/{id}/adverse_actions failed with HTTP 400: Report has a pre-existing adverse action (1 attempt)',
    )
    expect(seen).toHaveLength(1)
  })

  it('401 "Bad authentication error" -> provider_auth', async () => {
    server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json(checkrError('Bad authentication error'), { status: 401 })))
    const error = await apiError(testProvider().provider.getReport(REPORT_ID))
    expect(error).toMatchObject({ code: 'provider_auth', status: 401, checkrMessage: 'Bad authentication error', retryable: false })
  })

  it('403 "Sorry, your account is not approved for production" -> provider_auth', async () => {
    server.use(
      http.post(`${PROD}/candidates`, () => HttpResponse.json(checkrError('Sorry, your account is not approved for production'), { status: 403 })),
    )
    const error = await apiError(testProvider().provider.createCandidate({ subjectId: 's', email: 'a@example.com', idempotencyKey: IDEMPOTENCY_KEY }))
    expect(error).toMatchObject({ code: 'provider_auth', status: 403, checkrMessage: 'Sorry, your account is not approved for production' })
  })

  it('404 -> provider_not_found', async () => {
    server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json(checkrError('Not Found'), { status: 404 })))
    const error = await apiError(testProvider().provider.getReport(REPORT_ID))
    expect(error).toMatchObject({ code: 'provider_not_found', status: 404, checkrMessage: 'Not Found', retryable: false })
  })

  it('409 "No more than 3 reports per candidate..." -> provider_conflict, not retried', async () => {
    const seen = record()
    const message = 'No more than 3 reports per candidate can be created within a 24 hour period'
    server.use(http.post(`${PROD}/invitations`, () => HttpResponse.json(checkrError(message), { status: 409 })))
    const error = await apiError(
      testProvider().provider.createInvitation({ candidateId: CANDIDATE_ID, idempotencyKey: IDEMPOTENCY_KEY }),
    )
    expect(error).toMatchObject({ code: 'provider_conflict', status: 409, checkrMessage: message, retryable: false })
    expect(seen).toHaveLength(1)
  })

  it.each([
    ['Report is under dispute and cannot be adjudicated', 'provider_state_conflict'],
    ['Report must be complete with a consider result', 'provider_state_conflict'],
    ['Adverse action is already complete', 'provider_state_conflict'],
    ['Package not found', 'provider_rejected'],
    ['Email is not a valid email address', 'provider_rejected'],
  ])('400 %j -> %s: refusals about the report\'s state are told apart from bad requests', (message, code) => {
    expect(codeForStatus(400, message)).toBe(code)
  })

  it('422 -> provider_rejected; a list of messages is joined', async () => {
    server.use(http.post(`${PROD}/candidates`, () => HttpResponse.json({ error: ['Email is invalid', 'Zipcode is invalid'] }, { status: 422 })))
    const error = await apiError(testProvider().provider.createCandidate({ subjectId: 's', email: 'x', idempotencyKey: IDEMPOTENCY_KEY }))
    expect(error).toMatchObject({ code: 'provider_rejected', status: 422, checkrMessage: 'Email is invalid; Zipcode is invalid' })
  })

  it('5xx -> provider_unavailable and retryable; an HTML error page gives no checkrMessage', async () => {
    server.use(http.get(`${PROD}/reports/:id`, () => new HttpResponse('<html><body>502 Bad Gateway</body></html>', { status: 502 })))
    const error = await apiError(testProvider({ maxRetries: 0 }).provider.getReport(REPORT_ID))
    expect(error).toMatchObject({ code: 'provider_unavailable', status: 502, checkrMessage: null, retryable: true })
    expect(error.message).toBe('Checkr GET /reports/{id} failed with HTTP 502 (1 attempt)')
  })
})

describe('no response', () => {
  it('a timeout -> provider_unavailable, status null', async () => {
    server.use(
      http.get(`${PROD}/reports/:id`, async () => {
        await delay('infinite')
        return HttpResponse.json(report)
      }),
    )
    const error = await apiError(testProvider({ timeoutMs: 20, maxRetries: 0 }).provider.getReport(REPORT_ID))
    expect(error).toMatchObject({ code: 'provider_unavailable', status: null, retryable: true })
    expect(error.message).toBe('Checkr GET /reports/{id} timed out after 20 ms (1 attempt)')
  })

  it('a timeout is retried for a GET and can then succeed', async () => {
    let calls = 0
    server.use(
      http.get(`${PROD}/reports/:id`, async () => {
        calls += 1
        if (calls === 1) await delay('infinite')
        return HttpResponse.json(report)
      }),
    )
    const { provider, waits } = testProvider({ timeoutMs: 20 })
    expect((await provider.getReport(REPORT_ID)).reportId).toBe(REPORT_ID)
    expect(waits).toEqual([2000])
  })

  it('a network error -> provider_unavailable, with the cause kept', async () => {
    server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.error()))
    const error = await apiError(testProvider({ maxRetries: 0 }).provider.getReport(REPORT_ID))
    expect(error).toMatchObject({ code: 'provider_unavailable', status: null })
    expect(error.message).toBe('Checkr GET /reports/{id} could not be reached (1 attempt)')
    expect(error.cause).toBeInstanceOf(Error)
  })
})

describe('bad responses', () => {
  it('a report without status -> provider_bad_response naming the field', async () => {
    const { status: _status, ...withoutStatus } = report
    server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json(withoutStatus)))
    const error = await apiError(testProvider().provider.getReport(REPORT_ID))
    expect(error).toMatchObject({ code: 'provider_bad_response', field: 'status', retryable: false })
    expect(error.message).toMatch(/^Checkr GET \/reports\/\{id\} returned an unexpected body \(status: /)
  })

  it('a body that is not JSON -> provider_bad_response', async () => {
    server.use(http.get(`${PROD}/reports/:id`, () => new HttpResponse('OK', { status: 200 })))
    const error = await apiError(testProvider().provider.getReport(REPORT_ID))
    expect(error).toMatchObject({ code: 'provider_bad_response' })
    expect(error.message).toContain('not JSON')
  })

  it('the wrong kind of object -> provider_bad_response on `object`', async () => {
    server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json({ ...candidate, status: 'pending', candidate_id: CANDIDATE_ID })))
    const error = await apiError(testProvider().provider.getReport(REPORT_ID))
    expect(error).toMatchObject({ code: 'provider_bad_response', field: 'object' })
  })

  it('a date that is not ISO 8601 -> provider_bad_response', async () => {
    server.use(http.post(`${PROD}/reports/:id/adverse_actions`, () => HttpResponse.json({ ...adverseAction, post_notice_scheduled_at: 'next week' })))
    const error = await apiError(testProvider().provider.createAdverseAction(adverseActionInput))
    expect(error).toMatchObject({ code: 'provider_bad_response', field: 'post_notice_scheduled_at' })
  })

  it('a list without data -> provider_bad_response', async () => {
    server.use(http.get(`${PROD}/reports/:id/adverse_items`, () => HttpResponse.json({ object: 'list' })))
    const error = await apiError(testProvider().provider.listAdverseItems(REPORT_ID))
    expect(error).toMatchObject({ code: 'provider_bad_response', field: 'data' })
  })

  it('never copies body values (PII) into the error', async () => {
    server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json({ ...report, status: 42, candidate_email: 'jordan.rivera@example.com' })))
    const error = await apiError(testProvider().provider.getReport(REPORT_ID))
    expect(error.code).toBe('provider_bad_response')
    expect(inspect(error, { depth: 10 })).not.toContain('jordan.rivera')
    expect(error.message).not.toContain('42')
  })
})

describe('secrets and ids stay out of errors', () => {
  const failures: [string, () => ReturnType<typeof server.use>][] = [
    ['401', () => server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json(checkrError('Bad authentication error'), { status: 401 })))],
    ['500', () => server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json(checkrError('Internal error'), { status: 500 })))],
    ['429', () => server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json(checkrError('Too many requests'), { status: 429 })))],
    ['network', () => server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.error()))],
    ['bad body', () => server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json({ nope: true })))],
  ]

  it.each(failures)('%s: the API key and the report id appear nowhere in the error', async (_name, arrange) => {
    arrange()
    const error = await apiError(testProvider({ maxRetries: 1 }).provider.getReport(REPORT_ID))
    const everything = `${error.message}\n${JSON.stringify(error)}\n${inspect(error, { depth: 10 })}`
    expect(everything).not.toContain(API_KEY)
    expect(everything).not.toContain(Buffer.from(`${API_KEY}:`).toString('base64'))
    expect(error.message).not.toContain(REPORT_ID)
  })

  it('redacts the key if Checkr ever echoes it back', async () => {
    server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json(checkrError(`API key ${API_KEY} has expired`), { status: 401 })))
    const error = await apiError(testProvider().provider.getReport(REPORT_ID))
    expect(error.checkrMessage).toBe('API key [redacted] has expired')
    expect(error.message).not.toContain(API_KEY)
  })

  it('keeps request bodies (email, names) out of the error', async () => {
    server.use(http.post(`${PROD}/candidates`, () => HttpResponse.json(checkrError('Email is invalid'), { status: 400 })))
    const error = await apiError(
      testProvider().provider.createCandidate({
        subjectId: 'subject-42',
        email: 'jordan.rivera@example',
        firstName: 'Jordan',
        lastName: 'Rivera',
        idempotencyKey: IDEMPOTENCY_KEY,
      }),
    )
    const everything = `${error.message}\n${inspect(error, { depth: 10 })}`
    expect(error.checkrMessage).toBe('Email is invalid')
    for (const value of ['jordan.rivera', 'Jordan', 'Rivera', 'subject-42']) expect(everything).not.toContain(value)
  })
})
