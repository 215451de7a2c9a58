import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { CHECKR_BACKOFF_MS } from '../../../src/providers/checkr'
import { candidate, CANDIDATE_ID, checkrError, invitation, INVITATION_ID, report, REPORT_ID } from './support/checkr-objects'
import { IDEMPOTENCY_KEY, PROD, rejectionOf, testProvider, useCheckrServer } from './support/checkr-harness'

const { server, record } = useCheckrServer()

/** Answers with `failures` in turn, then with `success` for every later call. */
function sequence(failures: (() => Response)[], success: () => Response) {
  let call = 0
  return () => {
    const next = failures[call]
    call += 1
    return next ? next() : success()
  }
}

const rateLimited = (headers: Record<string, string> = {}) => () =>
  HttpResponse.json(checkrError('Too many requests'), {
    status: 429,
    headers: { 'X-Ratelimit-Limit': '1200', 'X-Ratelimit-Remaining': '0', ...headers },
  })

const candidateInput = { subjectId: 's-1', email: 'a@example.com', idempotencyKey: IDEMPOTENCY_KEY }

describe('429 Too Many Requests', () => {
  it("without hints, backs off on Checkr's schedule (2 s, 5 s, 10 s, 30 s) and then succeeds", async () => {
    const seen = record()
    server.use(http.get(`${PROD}/reports/:id`, sequence([rateLimited(), rateLimited(), rateLimited(), rateLimited()], () => HttpResponse.json(report))))
    const { provider, waits } = testProvider()
    expect((await provider.getReport(REPORT_ID)).reportId).toBe(REPORT_ID)
    expect(waits).toEqual([2_000, 5_000, 10_000, 30_000])
    expect(CHECKR_BACKOFF_MS).toEqual([2_000, 5_000, 10_000, 30_000])
    expect(seen).toHaveLength(5)
  })

  it('honours Retry-After in seconds', async () => {
    server.use(http.get(`${PROD}/reports/:id`, sequence([rateLimited({ 'Retry-After': '3' })], () => HttpResponse.json(report))))
    const { provider, waits } = testProvider()
    await provider.getReport(REPORT_ID)
    expect(waits).toEqual([3_000])
  })

  it('honours Retry-After as an HTTP date', async () => {
    // The fake clock starts at 2026-01-20T12:00:00Z.
    server.use(http.get(`${PROD}/reports/:id`, sequence([rateLimited({ 'Retry-After': 'Tue, 20 Jan 2026 12:00:04 GMT' })], () => HttpResponse.json(report))))
    const { provider, waits } = testProvider()
    await provider.getReport(REPORT_ID)
    expect(waits).toEqual([4_000])
  })

  it('otherwise waits until X-Ratelimit-Reset (epoch seconds)', async () => {
    const reset = String(Date.parse('2026-01-20T12:00:07Z') / 1000)
    server.use(http.get(`${PROD}/reports/:id`, sequence([rateLimited({ 'X-Ratelimit-Reset': reset })], () => HttpResponse.json(report))))
    const { provider, waits } = testProvider()
    await provider.getReport(REPORT_ID)
    expect(waits).toEqual([7_000])
  })

  it('prefers Retry-After over X-Ratelimit-Reset', async () => {
    const reset = String(Date.parse('2026-01-20T12:00:07Z') / 1000)
    server.use(http.get(`${PROD}/reports/:id`, sequence([rateLimited({ 'X-Ratelimit-Reset': reset, 'Retry-After': '1' })], () => HttpResponse.json(report))))
    const { provider, waits } = testProvider()
    await provider.getReport(REPORT_ID)
    expect(waits).toEqual([1_000])
  })

  it('falls back to the schedule when X-Ratelimit-Reset is already past (clock skew)', async () => {
    const reset = String(Date.parse('2026-01-20T11:59:00Z') / 1000)
    server.use(http.get(`${PROD}/reports/:id`, sequence([rateLimited({ 'X-Ratelimit-Reset': reset })], () => HttpResponse.json(report))))
    const { provider, waits } = testProvider()
    await provider.getReport(REPORT_ID)
    expect(waits).toEqual([2_000])
  })

  it('caps a server-suggested wait at one minute', async () => {
    server.use(http.get(`${PROD}/reports/:id`, sequence([rateLimited({ 'Retry-After': '3600' })], () => HttpResponse.json(report))))
    const { provider, waits } = testProvider()
    await provider.getReport(REPORT_ID)
    expect(waits).toEqual([60_000])
  })

  it('after maxRetries (default 4) fails with provider_rate_limited, retryable', async () => {
    const seen = record()
    server.use(http.get(`${PROD}/reports/:id`, rateLimited()))
    const { provider, waits } = testProvider()
    const error = await rejectionOf(provider.getReport(REPORT_ID))
    expect(error).toMatchObject({ code: 'provider_rate_limited', status: 429, checkrMessage: 'Too many requests', retryable: true, attempts: 5 })
    expect((error as Error).message).toBe('Checkr GET /reports/{id} failed with HTTP 429: Too many requests (5 attempts)')
    expect(waits).toEqual([2_000, 5_000, 10_000, 30_000])
    expect(seen).toHaveLength(5)
  })

  it('maxRetries bounds the attempts', async () => {
    const seen = record()
    server.use(http.get(`${PROD}/reports/:id`, rateLimited()))
    await expect(testProvider({ maxRetries: 1 }).provider.getReport(REPORT_ID)).rejects.toMatchObject({ code: 'provider_rate_limited', attempts: 2 })
    expect(seen).toHaveLength(2)
    seen.length = 0
    await expect(testProvider({ maxRetries: 0 }).provider.getReport(REPORT_ID)).rejects.toMatchObject({ attempts: 1 })
    expect(seen).toHaveLength(1)
  })

  it('retries a POST and a DELETE too (a 429 means nothing was done), keeping the same Idempotency-Key', async () => {
    const seen = record()
    server.use(
      http.post(`${PROD}/candidates`, sequence([rateLimited(), rateLimited()], () => HttpResponse.json(candidate, { status: 201 }))),
      http.delete(`${PROD}/invitations/:id`, sequence([rateLimited(), rateLimited()], () => HttpResponse.json(invitation))),
    )
    const { provider } = testProvider()
    expect(await provider.createCandidate(candidateInput)).toEqual({ candidateId: CANDIDATE_ID })
    await provider.cancelInvitation(INVITATION_ID)
    expect(seen.map((r) => r.method)).toEqual(['POST', 'POST', 'POST', 'DELETE', 'DELETE', 'DELETE'])
    expect(seen.slice(0, 3).map((r) => r.headers.get('idempotency-key'))).toEqual([IDEMPOTENCY_KEY, IDEMPOTENCY_KEY, IDEMPOTENCY_KEY])
  })
})

describe('outages (5xx, network errors)', () => {
  const unavailable = () => HttpResponse.json(checkrError('Service Unavailable'), { status: 503 })

  it('retries a GET', async () => {
    server.use(http.get(`${PROD}/reports/:id`, sequence([unavailable, () => HttpResponse.error()], () => HttpResponse.json(report))))
    const { provider, waits } = testProvider()
    expect((await provider.getReport(REPORT_ID)).status).toBe('complete')
    expect(waits).toEqual([2_000, 5_000])
  })

  it('retries a POST with the same Idempotency-Key (Checkr replays instead of acting twice)', async () => {
    const seen = record()
    server.use(http.post(`${PROD}/candidates`, sequence([unavailable, () => HttpResponse.error()], () => HttpResponse.json(candidate, { status: 201 }))))
    expect(await testProvider().provider.createCandidate(candidateInput)).toEqual({ candidateId: CANDIDATE_ID })
    expect(seen.map((r) => r.headers.get('idempotency-key'))).toEqual([IDEMPOTENCY_KEY, IDEMPOTENCY_KEY, IDEMPOTENCY_KEY])
    expect(new Set(await Promise.all(seen.map((r) => r.body))).size).toBe(1)
  })

  it('honours Retry-After on a 503', async () => {
    server.use(http.get(`${PROD}/reports/:id`, sequence([() => HttpResponse.json({}, { status: 503, headers: { 'Retry-After': '9' } })], () => HttpResponse.json(report))))
    const { provider, waits } = testProvider()
    await provider.getReport(REPORT_ID)
    expect(waits).toEqual([9_000])
  })

  it('replays a DELETE only once', async () => {
    const seen = record()
    server.use(http.delete(`${PROD}/adverse_actions/:id`, unavailable))
    const error = await rejectionOf(testProvider().provider.cancelAdverseAction('aa_1'))
    expect(error).toMatchObject({ code: 'provider_unavailable', status: 503, attempts: 2, retryable: true })
    expect(seen.map((r) => r.method)).toEqual(['DELETE', 'DELETE'])
  })

  it('gives up after maxRetries with provider_unavailable', async () => {
    const seen = record()
    server.use(http.get(`${PROD}/reports/:id`, unavailable))
    const error = await rejectionOf(testProvider({ maxRetries: 2 }).provider.getReport(REPORT_ID))
    expect(error).toMatchObject({ code: 'provider_unavailable', status: 503, checkrMessage: 'Service Unavailable', attempts: 3 })
    expect(seen).toHaveLength(3)
  })

  it('does not retry 501 Not Implemented', async () => {
    const seen = record()
    server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json(checkrError('Not Implemented'), { status: 501 })))
    await expect(testProvider().provider.getReport(REPORT_ID)).rejects.toMatchObject({ code: 'provider_unavailable', attempts: 1 })
    expect(seen).toHaveLength(1)
  })
})

describe('409 on a POST', () => {
  const inFlight = () => HttpResponse.json(checkrError('A request with this idempotency key is already in progress'), { status: 409 })

  it('after an attempt that got no response, is the earlier request still in flight: wait and replay', async () => {
    const seen = record()
    server.use(http.post(`${PROD}/candidates`, sequence([() => HttpResponse.error(), inFlight], () => HttpResponse.json(candidate, { status: 201 }))))
    const { provider, waits } = testProvider()
    expect(await provider.createCandidate(candidateInput)).toEqual({ candidateId: CANDIDATE_ID })
    expect(waits).toEqual([2_000, 5_000])
    expect(seen).toHaveLength(3)
  })

  it('on a first attempt, is a real conflict and is not retried', async () => {
    const seen = record()
    server.use(http.post(`${PROD}/candidates`, inFlight))
    await expect(testProvider().provider.createCandidate(candidateInput)).rejects.toMatchObject({ code: 'provider_conflict', attempts: 1 })
    expect(seen).toHaveLength(1)
  })
})

describe('client errors are final', () => {
  it.each([400, 401, 403, 404, 422])('HTTP %i is not retried', async (status) => {
    const seen = record()
    server.use(http.get(`${PROD}/reports/:id`, () => HttpResponse.json(checkrError('no'), { status })))
    const { provider, waits } = testProvider()
    await expect(provider.getReport(REPORT_ID)).rejects.toMatchObject({ status, attempts: 1, retryable: false })
    expect(seen).toHaveLength(1)
    expect(waits).toEqual([])
  })
})
