import assert from 'node:assert/strict'
import { VetkitError } from '../errors'
import type { ScreeningProvider, WebhookTrigger } from '../ports/provider'
import { agencySchema } from '../support/agency-schema'
import type { TestApi } from './test-api'

/** What the suite needs to drive one provider. Each call gives a fresh, independent provider. */
export interface ProviderContractSubject {
  provider: ScreeningProvider
  /**
   * Webhook deliveries in the provider's own wire format, signed as the provider signs them.
   * `invitationCompleted` is about an invitation this provider created; `thin` asks for the form
   * that carries only the object's id (omit it if the provider has none).
   */
  webhooks: {
    invitationCompleted(ids: { invitationId: string; candidateId: string }, options?: { thin?: boolean }): WebhookDelivery
    /** An event that concerns no check (a package created, a candidate's details updated). */
    unrelated(): WebhookDelivery
  }
}

export interface WebhookDelivery {
  headers: Headers
  rawBody: Uint8Array
}

/**
 * The behaviour vetkit's engine relies on from every screening provider: idempotent creation
 * under a key, re-reads that agree with what was created, a `provider_not_found` for an id it
 * does not know, webhook verification that fails closed, parsing into a neutral trigger, and a
 * resolution that says where the check is. A provider that passes can stand behind `createVetkit`.
 *
 * ```ts
 * import { describe, it } from 'vitest'
 * describeProviderContract('my provider', async () => ({ provider, webhooks }), { describe, it })
 * ```
 */
export function describeProviderContract(name: string, subject: () => Promise<ProviderContractSubject>, test: TestApi): void {
  const { describe, it } = test
  let sequence = 0
  const key = (what: string) => `contract-${what}-${Date.now().toString(36)}-${++sequence}`
  const candidateOf = async (provider: ScreeningProvider) =>
    (await provider.createCandidate({ subjectId: key('subject'), email: 'contract.subject@example.com', idempotencyKey: key('candidate') })).candidateId

  describe(`screening provider contract: ${name}`, () => {
    it('names itself, the package it orders and the agency its notices name', async () => {
      const { provider } = await subject()
      assert.match(provider.name, /^[a-z][a-z0-9_-]{0,31}$/, 'name: a short lowercase identifier (it scopes the stored provider ids)')
      assert.ok(['production', 'staging', 'simulator'].includes(provider.environment), 'environment')
      assert.ok(typeof provider.packageSlug === 'string' && provider.packageSlug.trim() !== '', 'packageSlug: non-empty')
      assert.ok(agencySchema.safeParse(provider.agency).success, 'agency: { name, address, phone, website } with an http(s) website')
    })

    it('creates a candidate once per idempotency key', async () => {
      const { provider } = await subject()
      const input = { subjectId: key('subject'), email: 'contract.once@example.com', idempotencyKey: key('candidate') }
      const first = await provider.createCandidate(input)
      const again = await provider.createCandidate(input)
      assert.equal(again.candidateId, first.candidateId, 'the same key must return the same candidate')
      const other = await provider.createCandidate({ ...input, idempotencyKey: key('candidate') })
      assert.notEqual(other.candidateId, first.candidateId, 'another key is another candidate')
    })

    it('creates an invitation once per key, and reads back what it created', async () => {
      const { provider } = await subject()
      const candidateId = await candidateOf(provider)
      const input = { candidateId, idempotencyKey: key('invitation') }
      const invitation = await provider.createInvitation(input)
      assert.equal((await provider.createInvitation(input)).invitationId, invitation.invitationId, 'the same key must return the same invitation')
      assert.equal(invitation.candidateId, candidateId)
      assert.match(invitation.invitationUrl, /^https?:\/\//, 'invitationUrl: an http(s) link the subject opens')
      assert.equal(invitation.reportId, null, 'a new invitation has no report yet')
      const read = await provider.getInvitation(invitation.invitationId)
      assert.equal(read.invitationId, invitation.invitationId)
      assert.equal(read.candidateId, candidateId)
      const candidate = await provider.getCandidate(candidateId)
      assert.equal(candidate.candidateId, candidateId)
      assert.ok(Array.isArray(candidate.reportIds), 'reportIds: an array, oldest first')
    })

    it('cancels an invitation, and cancelling it again is not an error', async () => {
      const { provider } = await subject()
      const invitation = await provider.createInvitation({ candidateId: await candidateOf(provider), idempotencyKey: key('invitation') })
      await provider.cancelInvitation(invitation.invitationId)
      await provider.cancelInvitation(invitation.invitationId)
    })

    it('answers provider_not_found for an object it does not know (the engine parks the event and retries)', async () => {
      const { provider } = await subject()
      for (const read of [() => provider.getReport('contract-no-such-report'), () => provider.getInvitation('contract-no-such-invitation')]) {
        await assert.rejects(read, (error: unknown) => error instanceof VetkitError && error.code === 'provider_not_found')
      }
    })

    it('accepts only webhooks it signed: unsigned, forged and altered deliveries fail closed', async () => {
      const { provider, webhooks } = await subject()
      const delivery = webhooks.unrelated()
      assert.deepEqual(provider.verifyWebhook(delivery), { ok: true })
      const unsigned = provider.verifyWebhook({ headers: new Headers(), rawBody: delivery.rawBody })
      assert.equal(unsigned.ok, false, 'no signature')
      const altered = new Uint8Array([...delivery.rawBody, 0x20])
      assert.equal(provider.verifyWebhook({ headers: delivery.headers, rawBody: altered }).ok, false, 'a body changed after signing')
    })

    it('parses a webhook into a neutral trigger, null for one that concerns no check, and refuses malformed bodies', async () => {
      const { provider, webhooks } = await subject()
      const unrelated = provider.parseWebhook(webhooks.unrelated().rawBody)
      assert.ok(unrelated.eventId.length > 0, 'eventId: the provider event id (the ledger deduplicates on it)')
      assert.equal(unrelated.trigger, null)
      assert.throws(() => provider.parseWebhook(new TextEncoder().encode('{"not":"a webhook"')))
      assert.throws(() => provider.parseWebhook(new TextEncoder().encode('[]')))
    })

    it('resolves a webhook about an invitation to the lookups that find its check, re-reading a thin one', async () => {
      const { provider, webhooks } = await subject()
      const candidateId = await candidateOf(provider)
      const invitation = await provider.createInvitation({ candidateId, idempotencyKey: key('invitation') })
      for (const thin of [false, true]) {
        const event = provider.parseWebhook(webhooks.invitationCompleted({ invitationId: invitation.invitationId, candidateId }, { thin }).rawBody)
        const trigger: WebhookTrigger | null = event.trigger
        assert.ok(trigger, 'invitation.completed triggers a check event')
        assert.equal(trigger.event, 'invitation.completed')
        const resolved = await provider.resolveWebhook(trigger)
        const lookups = resolved.match.map((lookup) => `${lookup.kind}:${lookup.id}`)
        assert.ok(lookups.includes(`invitation:${invitation.invitationId}`), `${thin ? 'thin' : 'full'}: matched by its invitation (got ${lookups.join(', ')})`)
        const candidateLookup = resolved.match.find((lookup) => lookup.kind === 'candidate')
        if (candidateLookup) {
          assert.equal(candidateLookup.id, candidateId)
          assert.equal(candidateLookup.newestOpen, true, 'a candidate is shared by re-checks: its lookup takes the newest open check')
        }
      }
    })
  })
}
