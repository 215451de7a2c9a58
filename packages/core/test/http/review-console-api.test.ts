import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import { createVetkitClient, REVIEW_QUEUE_NAMES, ROUTES, VetkitClientError, type VetkitClient } from '../../src/client'
import { OPERATIONS } from '../../src/operations/operations'
import { describeEachBackend } from '../storage/support/backends'
import { createHarness, SIGNING_KEY, type Harness } from '../workflow/support/harness'

/** What the review console reads and does, over the typed client (the Fetch handler, no server). */
describeEachBackend('review console API', (db) => {
  let h: Harness
  let admin: VetkitClient
  beforeAll(async () => {
    h = await createHarness(db(), {
      http: { authenticate: (r) => (r.headers.get('authorization') === 'admin' ? { id: 'root', roles: ['admin'] } : null) },
    })
    const fetchVia = (async (url: string | URL | Request, init?: RequestInit) => h.vetkit.handler(new Request(url, init))) as typeof fetch
    admin = createVetkitClient({ baseUrl: 'https://host.test', fetch: fetchVia, headers: { authorization: 'admin' } })
  }, 60_000)

  it('counts every queue and lists a queue by name', async () => {
    await h.enrol('rc-consider', 'consider')
    await h.enrol('rc-pending', 'invitation_expired')
    await h.vetkit.api.upsertSubject({ subjectId: 'rc-consider', displayName: 'Grace Hopper' })
    const considered = await h.vetkit.api.invite({ subjectId: 'rc-consider', ip: null })
    await h.vetkit.api.invite({ subjectId: 'rc-pending', ip: null })
    await h.advance({ days: 3 })

    const { counts } = await admin.countChecks()
    expect(Object.keys(counts)).toEqual(REVIEW_QUEUE_NAMES)
    expect(counts).toMatchObject({ needs_review: 1, pending: 1, all: 2, in_dispute: 0 })

    const review = await admin.listChecks({ query: { queue: 'needs_review' } })
    expect(review.items.map((i) => i.id)).toEqual([considered.check.id])
    expect(review.items[0]!.consentSignedAt).not.toBeNull()
    expect((await admin.listChecks({ query: { search: 'grace h' } })).items.map((i) => i.id)).toEqual([considered.check.id])
    expect((await admin.listChecks({ query: { search: considered.check.id } })).items.map((i) => i.id)).toEqual([considered.check.id])
    const oldestFirst = await admin.listChecks({ query: { sort: 'created_asc' } })
    const newestFirst = await admin.listChecks({ query: { sort: 'created_desc' } })
    expect(oldestFirst.items.map((i) => i.id)).toEqual(newestFirst.items.map((i) => i.id).reverse())
    await expect(admin.listChecks({ query: { queue: 'nope' as never } })).rejects.toMatchObject({ status: 422, field: 'query.queue' })
    await expect(admin.listChecks({ query: { sort: 'name_asc' as never } })).rejects.toMatchObject({ status: 422, field: 'query.sort' })
  })

  it('shows a check with its emails and report link, and the wait before and during an adverse action', async () => {
    const { items } = await admin.listChecks({ query: { queue: 'needs_review' } })
    const checkId = items[0]!.id
    const detail = await admin.getCheck({ params: { checkId } })
    expect(detail.subject).toEqual({ id: 'rc-consider', email: expect.any(String), displayName: 'Grace Hopper' })
    expect(detail.emails.map((e) => [e.template, e.status])).toContainEqual(['check_under_review', 'sent'])
    expect(detail.reportUrl).toMatch(/^https:\/\/dashboard\.vetkit-fake\.invalid\/reports\//)

    const preview = await admin.listAdverseItems({ params: { checkId } })
    expect(preview.items.length).toBeGreaterThan(0)
    expect(preview.waitBusinessDays).toBe(5)
    const started = await admin.startAdverseAction({ params: { checkId }, body: { adverseItemIds: [preview.items[0]!.id] } })
    expect(started.adverseAction?.finalNoticeDueAt).toBe(preview.finalNoticeDueIfStartedNow)
    expect(started.adverseAction?.businessDaysRemaining).toBe(5)
    const early = await admin.finalizeAdverseAction({ params: { checkId }, body: {} }).catch((e: unknown) => e)
    expect(early).toBeInstanceOf(VetkitClientError)
    expect(early).toMatchObject({ status: 409, code: 'adverse_wait_not_elapsed' })

    const paused = await admin.openDispute({ params: { checkId }, body: { reason: 'the candidate disputes the record' } })
    expect(paused.adverseAction).toMatchObject({ paused: true, finalNoticeDueAt: null, businessDaysRemaining: null })
  })

  it('opens one webhook delivery with its headers redacted and the entries it caused', async () => {
    const page = await admin.listWebhooks({ query: { processingOutcome: 'applied', limit: 50 } })
    const moved = page.items.find((w) => w.checkId !== null)!
    const detail = await admin.getWebhook({ params: { webhookId: moved.id } })
    expect(detail.webhook.id).toBe(moved.id)
    expect(detail.headers['content-type']).toBe('application/json')
    const signature = Object.keys(detail.headers).find((name) => name.includes('signature'))
    expect(signature).toBeDefined()
    expect(detail.headers[signature!]).toBe('[redacted]')
    expect(JSON.stringify(detail)).not.toContain(SIGNING_KEY)
    expect(detail.check?.id).toBe(moved.checkId)
    expect(detail.history.length).toBeGreaterThan(0)
    expect(detail.history.every((entry) => entry.webhookEventId === moved.id)).toBe(true)
    await expect(admin.getWebhook({ params: { webhookId: '999999999' } })).rejects.toMatchObject({ status: 404, code: 'not_found' })
    await expect(admin.getWebhook({ params: { webhookId: 'abc' } })).rejects.toMatchObject({ status: 422, field: 'params.webhookId' })
  })
})

describe('typed client', () => {
  it('carries the route table of every operation, and only that', () => {
    for (const [name, contract] of Object.entries(OPERATIONS)) {
      expect(ROUTES[name as keyof typeof ROUTES]).toEqual({ method: contract.method, path: contract.path, access: contract.access, status: contract.status })
    }
    expect(Object.keys(ROUTES)).toEqual(Object.keys(OPERATIONS))
  })

  it('keeps the server schemas out of a browser bundle', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../../src/client/index.ts', import.meta.url))],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'browser',
      format: 'esm',
    })
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.filter((path) => path.includes('node_modules'))).toEqual([])
    expect(inputs.some((path) => path.endsWith('operations/operations.ts'))).toBe(false)
  })

  it('resolves the base URL at every call and passes the abort signal', async () => {
    let base = 'https://a.test/vk'
    const seen: string[] = []
    const client = createVetkitClient({
      baseUrl: () => base,
      fetch: (async (url: string, init?: RequestInit) => {
        seen.push(url)
        if (init?.signal?.aborted) throw init.signal.reason
        return new Response(JSON.stringify({ counts: {} }), { headers: { 'content-type': 'application/json' } })
      }) as typeof fetch,
    })
    await client.countChecks()
    base = 'https://b.test/other/'
    await client.countChecks()
    expect(seen).toEqual(['https://a.test/vk/admin/queue-counts', 'https://b.test/other/admin/queue-counts'])
    const controller = new AbortController()
    controller.abort()
    await expect(client.countChecks({}, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('turns a network failure and a body that is not JSON into a VetkitClientError', async () => {
    const offline = createVetkitClient({ baseUrl: '/vk', fetch: (async () => { throw new TypeError('fetch failed') }) as typeof fetch })
    await expect(offline.countChecks()).rejects.toMatchObject({ name: 'VetkitClientError', status: 0, code: 'network_error' })
    const proxy = createVetkitClient({ baseUrl: '/vk', fetch: (async () => new Response('<html>502 Bad Gateway</html>', { status: 502 })) as typeof fetch })
    const error = await proxy.countChecks().catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'VetkitClientError', status: 502, code: 'bad_response' })
    expect((error as Error).message).toMatch(/not JSON/)
    const limited = createVetkitClient({
      baseUrl: '/vk',
      fetch: (async () => new Response(JSON.stringify({ code: 'rate_limited', detail: 'slow down' }), { status: 429, headers: { 'retry-after': '7' } })) as typeof fetch,
    })
    await expect(limited.countChecks()).rejects.toMatchObject({ status: 429, code: 'rate_limited', message: 'slow down', retryAfterSeconds: 7 })
  })
})

