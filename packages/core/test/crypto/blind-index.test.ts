import { createHmac, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../src/errors'
import { createBlindIndex } from '../../src/crypto/blind-index'

const CONTEXT = 'checkr.candidate_id'
// 00 01 02 ... 1f
const FIXED_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i))

describe('createBlindIndex', () => {
  it('matches a known answer computed with openssl', () => {
    // printf 'checkr.candidate_id\0cand_8f2a91c4' \
    //   | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1f -binary | base64 | tr '+/' '-_' | tr -d '='
    expect(createBlindIndex({ key: FIXED_KEY }).compute('cand_8f2a91c4', CONTEXT)).toBe(
      'Bmi9aYdFgKGZwK_8lkcZPje6VMN_2Re8mCvmYLQAZJs',
    )
  })

  it('equals base64url(HMAC-SHA256(key, context + NUL + value)) for arbitrary input', () => {
    const key = randomBytes(32)
    const index = createBlindIndex({ key })
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-ascii', minLength: 1 }), (value, context) => {
        fc.pre(!context.includes('\u0000'))
        const expected = createHmac('sha256', key).update(Buffer.from(`${context}\u0000${value}`, 'utf8')).digest()
        expect(index.compute(value, context)).toBe(expected.toString('base64url'))
      }),
    )
  })

  it('is deterministic, also across instances with the same key', () => {
    const key = randomBytes(32)
    const first = createBlindIndex({ key }).compute('cand_123', CONTEXT)
    expect(createBlindIndex({ key }).compute('cand_123', CONTEXT)).toBe(first)
    expect(createBlindIndex({ key: Buffer.from(key) }).compute('cand_123', CONTEXT)).toBe(first)
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('separates contexts, values and keys', () => {
    const index = createBlindIndex({ key: randomBytes(32) })
    expect(index.compute('cand_123', CONTEXT)).not.toBe(index.compute('cand_123', 'checkr.report_id'))
    expect(index.compute('cand_123', CONTEXT)).not.toBe(index.compute('cand_124', CONTEXT))
    expect(index.compute('', CONTEXT)).not.toBe(index.compute('', 'other'))
    expect(createBlindIndex({ key: randomBytes(32) }).compute('cand_123', CONTEXT)).not.toBe(
      index.compute('cand_123', CONTEXT),
    )
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (value, c1, c2) => {
        fc.pre(c1 !== c2 && !c1.includes('\u0000') && !c2.includes('\u0000'))
        expect(index.compute(value, c1)).not.toBe(index.compute(value, c2))
      }),
    )
  })

  it('rejects contexts that would make the NUL separator ambiguous', () => {
    const index = createBlindIndex({ key: randomBytes(32) })
    // Without the check, ("a\0b", "c") and ("a", "b\0c") would hash the same bytes.
    expect(() => index.compute('c', 'a\u0000b')).toThrow(expect.objectContaining({ code: 'invalid_argument' }))
    expect(() => index.compute('c', '')).toThrow(expect.objectContaining({ code: 'invalid_argument' }))
    expect(index.compute('b\u0000c', 'a')).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('rejects values with lone surrogates, which UTF-8 would collapse into one index', () => {
    const index = createBlindIndex({ key: randomBytes(32) })
    expect(() => index.compute('\uD800', CONTEXT)).toThrow(expect.objectContaining({ code: 'invalid_argument' }))
    expect(index.compute('\uD83D\uDE00', CONTEXT)).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('requires a 32-byte key', () => {
    for (const length of [0, 16, 31, 33, 64]) {
      expect(() => createBlindIndex({ key: randomBytes(length) })).toThrow(ConfigurationError)
    }
  })

  it('is not affected by later changes to the caller’s key buffer', () => {
    const key = randomBytes(32)
    const index = createBlindIndex({ key })
    const before = index.compute('cand_123', CONTEXT)
    key.fill(0)
    expect(index.compute('cand_123', CONTEXT)).toBe(before)
  })
})
