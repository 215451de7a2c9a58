import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { timingSafeEqualStrings } from '../../src/crypto/timing-safe'

describe('timingSafeEqualStrings', () => {
  it('agrees with === on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(timingSafeEqualStrings(a, b)).toBe(a === b)
        expect(timingSafeEqualStrings(a, a)).toBe(true)
      }),
    )
  })

  it('handles empty strings and different lengths without throwing', () => {
    expect(timingSafeEqualStrings('', '')).toBe(true)
    expect(timingSafeEqualStrings('', 'a')).toBe(false)
    expect(timingSafeEqualStrings('a', '')).toBe(false)
    expect(timingSafeEqualStrings('secret', 'secret-but-longer')).toBe(false)
    expect(timingSafeEqualStrings('x'.repeat(10_000), 'x'.repeat(10_001))).toBe(false)
  })

  it('distinguishes near misses: one character, case and Unicode forms', () => {
    expect(timingSafeEqualStrings('sha256=abcdef', 'sha256=abcdee')).toBe(false)
    expect(timingSafeEqualStrings('Basic dXNlcjpwYXNz', 'basic dXNlcjpwYXNz')).toBe(false)
    // NFC vs NFD "é": equal to the eye, different strings
    expect(timingSafeEqualStrings('\u00e9', 'e\u0301')).toBe(false)
    expect(timingSafeEqualStrings('😀', '😀')).toBe(true)
  })

  it('distinguishes strings that differ only in lone surrogates (UTF-8 would map both to U+FFFD)', () => {
    expect(timingSafeEqualStrings('\uD800', '\uDBFF')).toBe(false)
    expect(timingSafeEqualStrings('\uD800', '\uFFFD')).toBe(false)
    expect(timingSafeEqualStrings('\uD800', '\uD800')).toBe(true)
  })
})
