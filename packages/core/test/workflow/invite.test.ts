import { beforeAll, expect, it, vi } from 'vitest'
import { VetkitError } from '../../src/errors'
import { createVetkit } from '../../src/vetkit/create-vetkit'
import { describeEachBackend } from '../storage/support/backends'
import { createHarness, type Harness } from './support/harness'

describeEachBackend('invites and re-checks', (db) => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness(db())
  }, 60_000)

  it('refuses an invite without a consent, with an outdated disclosure, or with a stale one', async () => {
    await expect(h.vetkit.api.invite({ subjectId: 'w-nobody', ip: null })).rejects.toMatchObject({ code: 'consent_required', field: 'subjectId' })
    await expect(
      h.vetkit.api.recordConsent({ subjectId: 'w-old', disclosureVersion: '0', authorizationText: 'x', signatureName: 'A B', ip: null, userAgent: null }),
    ).rejects.toMatchObject({ code: 'consent_outdated', field: 'disclosureVersion' })
    await h.enrol('w-stale')
    h.clock.advance({ hours: 25 })
    await expect(h.vetkit.api.invite({ subjectId: 'w-stale', ip: null })).rejects.toMatchObject({ code: 'consent_expired', field: 'consent' })
    expect(await h.storage.checks.listForSubject('w-stale')).toEqual([])
  })

  it('names the bad field of a malformed request', async () => {
    await expect(h.vetkit.api.invite({ subjectId: '', ip: null })).rejects.toMatchObject({ code: 'invalid_input', field: 'subjectId' })
    await expect(h.vetkit.api.invite({ subjectId: 'w', ip: 'not-an-ip' })).rejects.toMatchObject({ code: 'invalid_input', field: 'ip' })
    await expect(h.vetkit.api.invite({ subjectId: 'w', ip: null, jurisdiction: 'mars' })).rejects.toMatchObject({ code: 'unknown_jurisdiction', field: 'jurisdiction' })
  })

  it('a second invite while one is in progress returns the same check and calls the provider once', async () => {
    await h.enrol('w-twice')
    const spy = vi.spyOn(h.fake, 'createInvitation')
    const [a, b] = await Promise.all([h.vetkit.api.invite({ subjectId: 'w-twice', ip: null }), h.vetkit.api.invite({ subjectId: 'w-twice', ip: null })])
    expect(a.check.id).toBe(b.check.id)
    expect([a.created, b.created].sort()).toEqual([false, true])
    expect(spy).toHaveBeenCalledTimes(1)
    spy.mockRestore()
    expect(await h.storage.checks.listForSubject('w-twice')).toHaveLength(1)
  })

  it('an invite whose transaction fails after the provider answered is repeated idempotently: one candidate, one invitation', async () => {
    await h.enrol('w-lost-commit')
    const createCandidate = vi.spyOn(h.fake, 'createCandidate')
    const createInvitation = vi.spyOn(h.fake, 'createInvitation')
    // The database goes away right after the provider calls: the check insert fails, the transaction rolls back.
    const realTransaction = h.storage.transaction.bind(h.storage)
    let failNext = true
    const flaky = Object.create(h.storage) as typeof h.storage
    flaky.transaction = (fn) =>
      realTransaction((tx) => {
        if (!failNext) return fn(tx)
        failNext = false
        const checks = Object.create(tx.checks) as typeof tx.checks
        checks.insert = async () => {
          throw new VetkitError('storage_unavailable', 'the database cannot be reached')
        }
        return fn(Object.assign(Object.create(tx) as typeof tx, { checks }))
      })
    const vetkit = createVetkit({ storage: flaky, provider: h.fake, clock: h.clock, environment: 'test' })
    await expect(vetkit.api.invite({ subjectId: 'w-lost-commit', ip: null })).rejects.toMatchObject({ code: 'storage_unavailable' })
    expect(await h.storage.checks.listForSubject('w-lost-commit')).toEqual([])
    // The client retries (the 503 said so): the provider replays its first answers.
    const { check, created } = await vetkit.api.invite({ subjectId: 'w-lost-commit', ip: null })
    expect(created).toBe(true)
    const [first, second] = await Promise.all(createInvitation.mock.results.slice(-2).map((r) => r.value as Promise<{ invitationId: string }>))
    expect(second!.invitationId).toBe(first!.invitationId)
    expect(check.invitationId).toBe(first!.invitationId)
    const candidates = await Promise.all(createCandidate.mock.results.slice(-2).map((r) => r.value as Promise<{ candidateId: string }>))
    expect(new Set(candidates.map((c) => c.candidateId)).size).toBe(1)
    // The provider holds exactly the one invitation vetkit knows about.
    const candidate = await h.fake.getCandidate(check.candidateId!)
    expect(candidate.reportIds).toEqual([])
    expect(h.fake.webhooksFor('invitation.created').filter((w) => w.body.includes(check.candidateId!))).toHaveLength(1)
    createCandidate.mockRestore()
    createInvitation.mockRestore()
  })

  it('a provider failure leaves nothing behind: no check, no history, no throttle hit', async () => {
    await h.enrol('w-provider-down')
    const spy = vi.spyOn(h.fake, 'createInvitation').mockRejectedValueOnce(new VetkitError('provider_unavailable', 'Checkr is down'))
    await expect(h.vetkit.api.invite({ subjectId: 'w-provider-down', ip: null })).rejects.toMatchObject({ code: 'provider_unavailable' })
    spy.mockRestore()
    expect(await h.storage.checks.listForSubject('w-provider-down')).toEqual([])
    // The per-subject throttle was rolled back with the rest: the retry is allowed.
    const retry = await h.vetkit.api.invite({ subjectId: 'w-provider-down', ip: null })
    expect(retry.created).toBe(true)
  })

  it('throttles invites per IP address (IPv6 by /56) even when they fail', async () => {
    const ip = '2001:db8:abcd:1200::1'
    const results: string[] = []
    for (let i = 0; i < 11; i++) {
      // Different addresses inside one /56 share the budget.
      const address = `2001:db8:abcd:12${(i % 16).toString(16).padStart(2, '0')}::${i + 1}`
      const error = await h.vetkit.api.invite({ subjectId: `w-ip-${i}`, ip: address }).then(
        () => 'ok',
        (e: VetkitError) => e.code,
      )
      results.push(error)
    }
    // 10 attempts allowed (each fails: no consent), the 11th throttled.
    expect(results.slice(0, 10).every((r) => r === 'consent_required')).toBe(true)
    expect(results[10]).toBe('rate_limited')
    await expect(h.vetkit.api.invite({ subjectId: 'w-ip-x', ip })).rejects.toMatchObject({ code: 'rate_limited' })
    await expect(h.vetkit.api.invite({ subjectId: 'w-ip-x', ip: '2001:db8:abcd:1300::1' })).rejects.toMatchObject({ code: 'consent_required' })
  })

  it('allows one successful invite per subject per day', async () => {
    await h.enrol('w-daily', 'canceled')
    await h.vetkit.api.invite({ subjectId: 'w-daily', ip: null })
    await h.advance({ days: 0, hours: 4 })
    const check = (await h.storage.checks.listForSubject('w-daily'))[0]!
    await h.vetkit.api.cancelCheck({ checkId: check.id, actor: { kind: 'admin', id: 'a' }, reason: 'wrong package' })
    await expect(h.vetkit.api.invite({ subjectId: 'w-daily', ip: null })).rejects.toMatchObject({ code: 'rate_limited' })
  })

  it('cancels a check even when the provider can no longer cancel its invitation', async () => {
    await h.enrol('w-cancel-late', 'clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'w-cancel-late', ip: null })
    h.clock.advance({ hours: 2 }) // the candidate finished the invitation; its webhook is not in yet
    const canceled = await h.vetkit.api.cancelCheck({ checkId: check.id, actor: { kind: 'admin', id: 'a' }, reason: 'duplicate' })
    expect(canceled.state.status).toBe('canceled')
    const entry = (await h.storage.history.listForCheck(check.id)).at(-1)
    expect(entry).toMatchObject({ eventType: 'check.canceled', details: { providerCancel: 'refused' }, reason: 'duplicate' })
    await h.advance({ days: 3 })
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('canceled')
  })

  it('re-checking a live subject keeps the valid clearance and never violates the gate (keep_clearance)', async () => {
    await h.enrol('w-live', 'clear')
    await h.vetkit.api.invite({ subjectId: 'w-live', ip: null })
    await h.advance({ days: 3 })
    await h.setLiveRaw('w-live', true)
    h.clock.advance({ days: 2 })
    await h.vetkit.api.recordConsent({ subjectId: 'w-live', disclosureVersion: '1', authorizationText: 'x', signatureName: 'W', ip: null, userAgent: null })
    const recheck = await h.vetkit.api.recheck({ subjectId: 'w-live', ip: null })
    expect(recheck.created).toBe(true)
    expect(await h.isLive('w-live')).toBe(true)
    expect(await h.vetkit.api.getStatus('w-live')).toMatchObject({ status: 'invited', eligible: true })
  })
})

describeEachBackend('re-check policy: suspend', (db) => {
  it('takes a live subject offline in the same transaction as the re-check, without a gate error', async () => {
    const h = await createHarness(db(), { policy: { recheck: { whileEligible: 'suspend' } } })
    await h.enrol('w-suspend', 'clear')
    await h.vetkit.api.invite({ subjectId: 'w-suspend', ip: null })
    await h.advance({ days: 3 })
    await h.setLiveRaw('w-suspend', true)
    h.clock.advance({ days: 2 })
    await h.vetkit.api.recordConsent({ subjectId: 'w-suspend', disclosureVersion: '1', authorizationText: 'x', signatureName: 'W', ip: null, userAgent: null })
    await h.vetkit.api.recheck({ subjectId: 'w-suspend', ip: null })
    expect(await h.isLive('w-suspend')).toBe(false)
    await expect(h.setLiveRaw('w-suspend', true)).rejects.toThrow(/vetkit_go_live_gate/)
    await h.settle()
    expect(h.events.filter((e) => e.type === 'subject.eligibility_changed' && e.subjectId === 'w-suspend').at(-1)?.payload).toMatchObject({ eligible: false })
    await h.advance({ days: 3 })
    expect(await h.vetkit.api.getStatus('w-suspend')).toMatchObject({ status: 'passed', eligible: true })
  })
})
