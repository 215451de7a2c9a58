import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../src/errors'
import {
  cryptoSettingsFromEnv,
  generateEncryptionKey,
  parseEncryptionKeys,
  parseSecretKey,
} from '../../src/crypto/encryption-keys'

const SETTING = 'VETKIT_ENCRYPTION_KEYS'
const a = randomBytes(32)
const b = randomBytes(32)
const A = a.toString('base64')
const B = b.toString('base64')

/** Asserts a ConfigurationError naming the setting, and that none of the secrets leaks into it. */
function expectConfigError(run: () => unknown, setting: string, secrets: string[], hint: RegExp): void {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(ConfigurationError)
  const error = caught as ConfigurationError
  expect(error.code).toBe('configuration_error')
  expect(error.field).toBe(setting)
  expect(error.message.startsWith(`${setting}: `)).toBe(true)
  expect(error.message).toMatch(hint)
  for (const secret of secrets.filter((s) => s.length >= 8)) {
    expect(error.message).not.toContain(secret)
    expect(error.message).not.toContain(secret.slice(0, 8))
  }
  expect(error.cause).toBeUndefined()
}

describe('parseEncryptionKeys', () => {
  it('parses id:base64 pairs in order, first = current', () => {
    const keys = parseEncryptionKeys(`k2:${B},k1:${A}`, SETTING)
    expect(keys.map((k) => k.id)).toEqual(['k2', 'k1'])
    expect(keys[0]?.key.equals(b)).toBe(true)
    expect(keys[1]?.key.equals(a)).toBe(true)
  })

  it('accepts base64url, unpadded base64 and whitespace around entries', () => {
    const url = a.toString('base64url')
    const keys = parseEncryptionKeys(` k1 : ${url} ,\n  k_2-x:${B.replace(/=+$/, '')}\n`, SETTING)
    expect(keys.map((k) => k.id)).toEqual(['k1', 'k_2-x'])
    expect(keys[0]?.key.equals(a)).toBe(true)
    expect(keys[1]?.key.equals(b)).toBe(true)
    expect(parseEncryptionKeys(`${'x'.repeat(32)}:${A}`, SETTING)[0]?.id).toBe('x'.repeat(32))
  })

  const short = randomBytes(16).toString('base64')
  const long = randomBytes(48).toString('base64')
  const junk = `${A.slice(0, 20)}!${A.slice(21)}`
  const inner = `${A.slice(0, 20)} ${A.slice(20)}`
  const quoted = `"${A}"`
  const dangling = `${A.replace(/=+$/, '')}AA`
  const mixed = `${a.toString('base64url').replace(/[A-Za-z]/, '-')}+`
  const badPad = `${A.replace(/=+$/, '')}===`
  const trailingBits = `${A.slice(0, 42)}${A[42] === 'B' ? 'C' : 'B'}=`

  it.each([
    ['an empty value', '', [], /is empty/],
    ['only whitespace', '   ', [], /is empty/],
    ['a stray comma', `k1:${A},`, [A], /entry 2 is empty/],
    ['a leading comma', `,k1:${A}`, [A], /entry 1 is empty/],
    ['a missing id', A, [A], /entry 1 has no key id/],
    ['swapped halves', `${A}:k1`, [A], /entry 1 has an invalid key id/],
    ['an empty id', `:${A}`, [A], /invalid key id/],
    ['an id with a space', `k 1:${A}`, [A], /invalid key id/],
    ['an id longer than 32', `${'x'.repeat(33)}:${A}`, [A], /invalid key id/],
    ['a duplicate id', `k1:${A},k1:${B}`, [A, B], /"k1" appears more than once/],
    ['a reused secret', `k2:${A},k1:${A}`, [A], /"k2" and "k1" have the same secret/],
    ['an empty secret', 'k1:', [], /key "k1" is empty.*openssl rand -base64 32/],
    ['a 16-byte secret', `k1:${short}`, [short], /key "k1" decodes to 16 bytes; it must be 32 .*openssl rand -base64 32/],
    ['a 48-byte secret', `k1:${long}`, [long], /decodes to 48 bytes/],
    ['junk characters', `k1:${junk}`, [junk], /key "k1" is not base64/],
    ['an inner space', `k1:${inner}`, [inner], /is not base64/],
    ['quotes', `k1:${quoted}`, [quoted], /is not base64/],
    ['mixed alphabets', `k1:${mixed}`, [mixed], /is not base64/],
    ['a dangling character', `k1:${dangling}`, [dangling], /is not valid base64/],
    ['bad padding', `k1:${badPad}`, [badPad], /is not valid base64|is not base64/],
    ['non-zero trailing bits', `k1:${trailingBits}`, [trailingBits], /is not valid base64/],
    ['a bad second entry', `k2:${B},k1:${short}`, [B, short], /key "k1" decodes to 16 bytes/],
  ])('rejects %s with a fix and without echoing the secret', (_name, value, secrets, hint) => {
    expectConfigError(() => parseEncryptionKeys(value, SETTING), SETTING, secrets, hint)
  })
})

describe('parseSecretKey', () => {
  const setting = 'VETKIT_BLIND_INDEX_KEY'

  it('parses one 32-byte secret in base64 or base64url', () => {
    expect(parseSecretKey(A, setting).equals(a)).toBe(true)
    expect(parseSecretKey(` ${a.toString('base64url')}\n`, setting).equals(a)).toBe(true)
  })

  it.each([
    ['empty', '', [], /is empty/],
    ['an id prefix', `k1:${A}`, [A], /without an "id:" prefix/],
    ['16 bytes', randomBytes(16).toString('base64'), [], /decodes to 16 bytes/],
    ['junk', `${A.slice(0, 10)}%${A.slice(11)}`, [A.slice(0, 10)], /is not base64/],
  ])('rejects %s', (_name, value, secrets, hint) => {
    expectConfigError(() => parseSecretKey(value, setting), setting, [value, ...secrets], hint)
  })
})

describe('cryptoSettingsFromEnv', () => {
  const blind = randomBytes(32)

  it('returns undefined pieces when nothing is configured (empty counts as unset)', () => {
    expect(cryptoSettingsFromEnv({})).toEqual({ encryptionKeys: undefined, blindIndexKey: undefined })
    expect(
      cryptoSettingsFromEnv({ VETKIT_ENCRYPTION_KEYS: '', VETKIT_ENCRYPTION_KEY: ' ', VETKIT_BLIND_INDEX_KEY: '' }),
    ).toEqual({ encryptionKeys: undefined, blindIndexKey: undefined })
  })

  it('reads the list form and the blind-index key', () => {
    const settings = cryptoSettingsFromEnv({
      VETKIT_ENCRYPTION_KEYS: `k2:${B},k1:${A}`,
      VETKIT_BLIND_INDEX_KEY: blind.toString('base64'),
    })
    expect(settings.encryptionKeys?.map((k) => k.id)).toEqual(['k2', 'k1'])
    expect(settings.blindIndexKey?.equals(blind)).toBe(true)
  })

  it('reads the single-key form as id k1', () => {
    const settings = cryptoSettingsFromEnv({ VETKIT_ENCRYPTION_KEY: A })
    expect(settings.encryptionKeys).toHaveLength(1)
    expect(settings.encryptionKeys?.[0]?.id).toBe('k1')
    expect(settings.encryptionKeys?.[0]?.key.equals(a)).toBe(true)
    expect(settings.blindIndexKey).toBeUndefined()
  })

  it('refuses both forms at once', () => {
    expectConfigError(
      () => cryptoSettingsFromEnv({ VETKIT_ENCRYPTION_KEYS: `k1:${A}`, VETKIT_ENCRYPTION_KEY: B }),
      'VETKIT_ENCRYPTION_KEYS',
      [A, B],
      /VETKIT_ENCRYPTION_KEY is also set/,
    )
  })

  it('names the variable at fault', () => {
    const short = randomBytes(16).toString('base64')
    expectConfigError(() => cryptoSettingsFromEnv({ VETKIT_ENCRYPTION_KEY: short }), 'VETKIT_ENCRYPTION_KEY', [short], /16 bytes/)
    expectConfigError(
      () => cryptoSettingsFromEnv({ VETKIT_ENCRYPTION_KEYS: `k1:${short}` }),
      'VETKIT_ENCRYPTION_KEYS',
      [short],
      /16 bytes/,
    )
    expectConfigError(
      () => cryptoSettingsFromEnv({ VETKIT_BLIND_INDEX_KEY: short }),
      'VETKIT_BLIND_INDEX_KEY',
      [short],
      /16 bytes/,
    )
  })

  it('refuses a blind-index key that is also an encryption key', () => {
    expectConfigError(
      () => cryptoSettingsFromEnv({ VETKIT_ENCRYPTION_KEYS: `k2:${B},k1:${A}`, VETKIT_BLIND_INDEX_KEY: A }),
      'VETKIT_BLIND_INDEX_KEY',
      [A, B],
      /must differ from every encryption key/,
    )
  })
})

describe('generateEncryptionKey', () => {
  it('generates distinct keys that the parsers accept', () => {
    const first = generateEncryptionKey()
    expect(first).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(first).not.toBe(generateEncryptionKey())
    expect(parseSecretKey(first, 'X')).toHaveLength(32)
    expect(parseEncryptionKeys(`k1:${first}`, 'X')[0]?.key.toString('base64')).toBe(first)
  })
})
