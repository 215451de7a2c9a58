import { beforeAll, expect, expectTypeOf, it } from 'vitest'
import { createVetkitClient, VetkitClientError, type VetkitClient } from '../../src/client'
import { describeEachBackend } from '../storage/support/backends'
import { AUTHORIZATION_TEXT, createHarness, type Harness } from '../workflow/support/harness'

describeEachBackend('typed client', (db) => {
  let h: Harness
  let admin: VetkitClient
  let ada: VetkitClient
  beforeAll(async () => {
    h = await createHarness(db(), {
      http: {
        basePath: '/vk',
        authenticate: (r) =>
          r.headers.get('authorization') === 'admin' ? { id: 'root', roles: ['admin'] } : r.headers.get('authorization') === 'ada' ? { id: 'u1', roles: [], subjectId: 'ada' } : null,
      },
    })
    // The handler is a Fetch function: the client can call it without a server.
    const fetchVia = (async (url: string | URL | Request, init?: RequestInit) => h.vetkit.handler(new Request(url, init))) as typeof fetch
    admin = createVetkitClient({ baseUrl: 'https://host.test/vk', fetch: fetchVia, headers: { authorization: 'admin' } })
    ada = createVetkitClient({ baseUrl: () => 'https://host.test/vk/', fetch: fetchVia, headers: async () => ({ authorization: 'ada' }) })
  }, 60_000)

  it('calls every kind of route with typed input and output', async () => {
    const consent = await ada.recordConsent({
      params: { subjectId: 'ada' },
      body: { disclosureVersion: '1', authorizationText: AUTHORIZATION_TEXT, signatureName: 'Ada L', email: 'ada@example.test' },
    })
    expect(consent.subjectId).toBe('ada')
    const invited = await ada.invite({ params: { subjectId: 'ada' } })
    expectTypeOf(invited.check.status).toEqualTypeOf<'invited' | 'pending' | 'suspended' | 'passed' | 'consider' | 'pre_adverse' | 'disputed' | 'failed' | 'canceled' | 'expired'>()
    expect(invited).toMatchObject({ created: true, check: { status: 'invited' } })
    const page = await admin.listChecks({ query: { status: 'invited', limit: 10 } })
    expect(page.items.map((i) => i.subjectId)).toEqual(['ada'])
    const status = await ada.getStatus({ params: { subjectId: 'ada' } })
    expect(status.status).toBe('invited')
    const own = await ada.listSubjectChecks({ params: { subjectId: 'ada' } })
    expectTypeOf(own.items[0]!.closedReason).toEqualTypeOf<
      'invitation_expired' | 'invitation_canceled' | 'report_canceled' | 'check_canceled' | 'adverse_action' | 'validity_expired' | null
    >()
    expect(own.items.map((c) => [c.id, c.status, c.inDispute])).toEqual([[invited.check.id, 'invited', false]])
  })

  it('throws VetkitClientError with the problem code and field', async () => {
    const error = await ada.getStatus({ params: { subjectId: 'bob' } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VetkitClientError)
    expect(error).toMatchObject({ status: 403, code: 'forbidden' })
    const invalid = await admin.listChecks({ query: { limit: 999 } }).catch((e: unknown) => e)
    expect(invalid).toMatchObject({ status: 422, code: 'invalid_input', field: 'query.limit' })
  })
})
