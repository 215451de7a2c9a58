import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CHECKR_PLACEHOLDER_SIGNATURE, signCheckrPayload, verifyCheckrWebhook } from '../../../src/providers/checkr'

// Checkr's published test vector (checkr/webhook-verification-examples).
const VECTOR_KEY = 'test-secret'
const VECTOR_BODY = '{"monday":"75F","tuesday":"80F"}'
const VECTOR_SIGNATURE = 'b7412f05e981a473b5ecbdb5393afaea02a679db6d7c8e56803512ec4ba98151'

const rawBody = new TextEncoder().encode(VECTOR_BODY)
const request = (headers: Record<string, string>) => ({ headers: new Headers(headers), rawBody })
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`

describe('signCheckrPayload', () => {
  it("reproduces Checkr's published test vector", () => {
    expect(signCheckrPayload(rawBody, VECTOR_KEY)).toBe(VECTOR_SIGNATURE)
    expect(signCheckrPayload(VECTOR_BODY, VECTOR_KEY)).toBe(VECTOR_SIGNATURE)
  })

  it('signs the exact bytes: re-serialised JSON with a space does not match', () => {
    expect(signCheckrPayload('{"monday": "75F","tuesday":"80F"}', VECTOR_KEY)).not.toBe(VECTOR_SIGNATURE)
  })
})

describe('verifyCheckrWebhook', () => {
  const auth = { signingKeys: [VECTOR_KEY] }

  it('accepts the test vector, computed over the raw body', () => {
    expect(verifyCheckrWebhook(request({ 'X-Checkr-Signature': VECTOR_SIGNATURE }), auth)).toEqual({ ok: true })
  })

  it('accepts a signature computed independently with node:crypto', () => {
    const signature = createHmac('sha256', 'another-key').update(rawBody).digest('hex')
    expect(verifyCheckrWebhook(request({ 'X-Checkr-Signature': signature }), { signingKeys: ['another-key'] })).toEqual({ ok: true })
  })

  it('accepts uppercase hex', () => {
    expect(verifyCheckrWebhook(request({ 'X-Checkr-Signature': VECTOR_SIGNATURE.toUpperCase() }), auth)).toEqual({ ok: true })
  })

  it('refuses a wrong signature of the right shape', () => {
    const wrong = `${VECTOR_SIGNATURE.slice(0, -1)}0`
    expect(verifyCheckrWebhook(request({ 'X-Checkr-Signature': wrong }), auth)).toMatchObject({ ok: false, outcome: 'bad_signature' })
  })

  it('refuses the right signature under the wrong key, and a body changed by one byte', () => {
    expect(verifyCheckrWebhook(request({ 'X-Checkr-Signature': VECTOR_SIGNATURE }), { signingKeys: ['test-secret2'] })).toMatchObject({
      ok: false,
      outcome: 'bad_signature',
    })
    const tampered = { headers: new Headers({ 'X-Checkr-Signature': VECTOR_SIGNATURE }), rawBody: new TextEncoder().encode(VECTOR_BODY.replace('75F', '76F')) }
    expect(verifyCheckrWebhook(tampered, auth)).toMatchObject({ ok: false, outcome: 'bad_signature' })
  })

  it('refuses a signature of the wrong length without throwing', () => {
    for (const signature of [VECTOR_SIGNATURE.slice(0, 63), `${VECTOR_SIGNATURE}0`, `${VECTOR_SIGNATURE}${VECTOR_SIGNATURE}`]) {
      expect(verifyCheckrWebhook(request({ 'X-Checkr-Signature': signature }), auth)).toMatchObject({ ok: false, outcome: 'bad_signature' })
    }
  })

  it('refuses a prefixed or non-hex header', () => {
    expect(verifyCheckrWebhook(request({ 'X-Checkr-Signature': `sha256=${VECTOR_SIGNATURE}` }), auth)).toMatchObject({ ok: false })
    expect(verifyCheckrWebhook(request({ 'X-Checkr-Signature': 'z'.repeat(64) }), auth)).toMatchObject({ ok: false, outcome: 'bad_signature' })
  })

  it('refuses a missing header', () => {
    expect(verifyCheckrWebhook(request({}), auth)).toMatchObject({ ok: false, outcome: 'bad_signature' })
  })

  it("refuses Checkr's placeholder header with its own outcome", () => {
    expect(CHECKR_PLACEHOLDER_SIGNATURE).toBe('Please create an API key to check the authenticity of our webhooks.')
    const result = verifyCheckrWebhook(request({ 'X-Checkr-Signature': 'Please create an API key to check the authenticity of our webhooks.' }), auth)
    expect(result).toMatchObject({ ok: false, outcome: 'placeholder_signature' })
  })

  it('tries every key: a body signed with the second key passes (rotation, partner secret)', () => {
    const keys = { signingKeys: ['old-api-key', VECTOR_KEY] }
    expect(verifyCheckrWebhook(request({ 'X-Checkr-Signature': VECTOR_SIGNATURE }), keys)).toEqual({ ok: true })
    expect(verifyCheckrWebhook(request({ 'X-Checkr-Signature': VECTOR_SIGNATURE }), { signingKeys: ['old-api-key', 'other'] })).toMatchObject({ ok: false })
  })

  it('fails closed with no key configured', () => {
    expect(verifyCheckrWebhook(request({ 'X-Checkr-Signature': VECTOR_SIGNATURE }), { signingKeys: [] })).toMatchObject({
      ok: false,
      outcome: 'bad_signature',
    })
  })

  describe('Basic auth', () => {
    const withBasic = { signingKeys: [VECTOR_KEY], basicAuth: { username: 'checkr', password: 's3cret:pass' } }

    it('passes with the right credentials and a good signature', () => {
      const headers = { 'X-Checkr-Signature': VECTOR_SIGNATURE, Authorization: basic('checkr', 's3cret:pass') }
      expect(verifyCheckrWebhook(request(headers), withBasic)).toEqual({ ok: true })
    })

    it('refuses a wrong password or username', () => {
      for (const authorization of [basic('checkr', 'wrong'), basic('someone', 's3cret:pass'), basic('checkr', 's3cret')]) {
        const headers = { 'X-Checkr-Signature': VECTOR_SIGNATURE, Authorization: authorization }
        expect(verifyCheckrWebhook(request(headers), withBasic)).toMatchObject({ ok: false, outcome: 'bad_basic_auth' })
      }
    })

    it('refuses a missing or malformed Authorization header', () => {
      for (const headers of [{ 'X-Checkr-Signature': VECTOR_SIGNATURE }, { 'X-Checkr-Signature': VECTOR_SIGNATURE, Authorization: 'Bearer abc' }]) {
        expect(verifyCheckrWebhook(request(headers), withBasic)).toMatchObject({ ok: false, outcome: 'bad_basic_auth' })
      }
    })

    it('still requires the signature when Basic auth is right', () => {
      const headers = { 'X-Checkr-Signature': '0'.repeat(64), Authorization: basic('checkr', 's3cret:pass') }
      expect(verifyCheckrWebhook(request(headers), withBasic)).toMatchObject({ ok: false, outcome: 'bad_signature' })
    })
  })
})
