import { createDecipheriv, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ConfigurationError, VetkitError } from '../../src/errors'
import { createFieldCipher } from '../../src/crypto/field-cipher'
import type { EncryptionKey } from '../../src/crypto/encryption-keys'

const CONTEXT = 'checkr.candidate_id'
const k1: EncryptionKey = { id: 'k1', key: randomBytes(32) }
const k2: EncryptionKey = { id: 'k2', key: randomBytes(32) }

function expectDecryptionFailed(run: () => unknown): VetkitError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(VetkitError)
    expect((error as VetkitError).code).toBe('decryption_failed')
    return error as VetkitError
  }
  throw new Error('expected decryption to fail')
}

describe('createFieldCipher', () => {
  const cipher = createFieldCipher({ keys: [k1] })

  it('round-trips arbitrary Unicode strings, including the empty string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', minLength: 1 }), (plaintext, context) => {
        expect(cipher.decrypt(cipher.encrypt(plaintext, context), context)).toBe(plaintext)
      }),
    )
    expect(cipher.decrypt(cipher.encrypt('', CONTEXT), CONTEXT)).toBe('')
  })

  it('produces v1:<keyId>:<base64url> tokens with a fresh nonce each time', () => {
    const a = cipher.encrypt('cand_123', CONTEXT)
    const b = cipher.encrypt('cand_123', CONTEXT)
    expect(a).toMatch(/^v1:k1:[A-Za-z0-9_-]+$/)
    expect(a).not.toBe(b)
    // 12-byte nonce + 8-byte ciphertext + 16-byte tag
    expect(Buffer.from(a.split(':')[2] ?? '', 'base64url')).toHaveLength(12 + 8 + 16)
  })

  it('decrypts a token produced independently (Python cryptography AESGCM), pinning the format', () => {
    // key = 32 bytes of 0x07, nonce = 00..0b, AAD = context, plaintext 'cand_8f2a91c4'
    const token = 'v1:legacy:AAECAwQFBgcICQoLe-CHFEIxv3sWi9T_1lB8YnGxCog7YQXtNv01jUQ'
    const fixed = createFieldCipher({ keys: [{ id: 'legacy', key: Buffer.alloc(32, 7) }] })
    expect(fixed.decrypt(token, CONTEXT)).toBe('cand_8f2a91c4')
  })

  it('produces tokens that plain node:crypto can decrypt with the documented layout', () => {
    const token = cipher.encrypt('cand_ü😀', CONTEXT)
    const payload = Buffer.from(token.split(':')[2] ?? '', 'base64url')
    const decipher = createDecipheriv('aes-256-gcm', k1.key, payload.subarray(0, 12), { authTagLength: 16 })
    decipher.setAAD(Buffer.from(CONTEXT, 'utf8'))
    decipher.setAuthTag(payload.subarray(payload.length - 16))
    const plain = Buffer.concat([decipher.update(payload.subarray(12, payload.length - 16)), decipher.final()])
    expect(plain.toString('utf8')).toBe('cand_ü😀')
  })

  it('rejects a token when any character is changed', () => {
    const token = cipher.encrypt('cand_123', CONTEXT)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_:='
    for (let i = 0; i < token.length; i++) {
      for (const replacement of [alphabet[(alphabet.indexOf(token[i] ?? '') + 1) % alphabet.length], 'x', ':']) {
        if (replacement === undefined || replacement === token[i]) continue
        const tampered = token.slice(0, i) + replacement + token.slice(i + 1)
        expectDecryptionFailed(() => cipher.decrypt(tampered, CONTEXT))
      }
    }
  })

  it('rejects a token when any bit of the payload is flipped', () => {
    const token = cipher.encrypt('cand_123', CONTEXT)
    const payload = Buffer.from(token.split(':')[2] ?? '', 'base64url')
    fc.assert(
      fc.property(fc.nat({ max: payload.length - 1 }), fc.integer({ min: 0, max: 7 }), (index, bit) => {
        const tampered = Buffer.from(payload)
        tampered[index] = (tampered[index] ?? 0) ^ (1 << bit)
        expectDecryptionFailed(() => cipher.decrypt(`v1:k1:${tampered.toString('base64url')}`, CONTEXT))
      }),
      { numRuns: 200 },
    )
  })

  it('rejects truncated, extended and malformed tokens', () => {
    const token = cipher.encrypt('cand_123', CONTEXT)
    const payload = token.split(':')[2] ?? ''
    for (const bad of [
      '',
      'cand_123',
      token.slice(0, -1),
      `${token}A`,
      `${token}=`,
      `${token}:extra`,
      token.replace('v1:', 'v2:'),
      token.replace('v1:', ''),
      `v1:k1:${payload.replace(/[A-Za-z]/, '+')}`,
      `v1:k 1:${payload}`,
      `v1:k1:${Buffer.alloc(27).toString('base64url')}`,
    ]) {
      expectDecryptionFailed(() => cipher.decrypt(bad, CONTEXT))
    }
  })

  it('binds the context: a value moved to another column does not decrypt', () => {
    const token = cipher.encrypt('cand_123', CONTEXT)
    expectDecryptionFailed(() => cipher.decrypt(token, 'checkr.report_id'))
    expectDecryptionFailed(() => cipher.decrypt(token, 'checkr.candidate_id '))
  })

  it('fails with the same key id but a different secret', () => {
    const token = cipher.encrypt('cand_123', CONTEXT)
    const impostor = createFieldCipher({ keys: [{ id: 'k1', key: randomBytes(32) }] })
    expectDecryptionFailed(() => impostor.decrypt(token, CONTEXT))
  })

  it('never leaks the plaintext, key or token in decryption errors', () => {
    const token = cipher.encrypt('cand_secret_value', CONTEXT)
    const errors = [
      expectDecryptionFailed(() => cipher.decrypt(token, 'other.column')),
      expectDecryptionFailed(() => cipher.decrypt(`${token.slice(0, -2)}AA`, CONTEXT)),
      expectDecryptionFailed(() => createFieldCipher({ keys: [k2] }).decrypt(token, CONTEXT)),
      expectDecryptionFailed(() => cipher.decrypt('cand_secret_value', CONTEXT)),
    ]
    for (const error of errors) {
      const text = `${error.message} ${String(error.cause)} ${error.stack ?? ''}`
      expect(text).not.toContain('cand_secret_value')
      expect(text).not.toContain(token.split(':')[2] ?? '')
      expect(text).not.toContain(k1.key.toString('base64'))
      expect(text).not.toContain(k1.key.toString('base64url'))
      expect(text).not.toContain(k1.key.toString('hex'))
      expect(error.cause).toBeUndefined()
    }
  })

  it('reports an unknown key id by name so the operator knows which key to restore', () => {
    const token = createFieldCipher({ keys: [k2] }).encrypt('cand_123', CONTEXT)
    const error = expectDecryptionFailed(() => cipher.decrypt(token, CONTEXT))
    expect(error.message).toContain('"k2"')
    expect(error.message).toContain(CONTEXT)
    expect(error.field).toBe(CONTEXT)
  })

  it('rejects an empty context and strings that UTF-8 cannot represent', () => {
    for (const run of [() => cipher.encrypt('x', ''), () => cipher.decrypt(cipher.encrypt('x', CONTEXT), '')]) {
      expect(run).toThrow(expect.objectContaining({ code: 'invalid_argument' }))
    }
    expect(() => cipher.encrypt('cand_\uD800', CONTEXT)).toThrow(expect.objectContaining({ code: 'invalid_argument' }))
  })
})

describe('key rotation', () => {
  it('keeps old tokens readable, encrypts with the new key and flags old tokens', () => {
    const before = createFieldCipher({ keys: [k1] })
    const oldToken = before.encrypt('cand_123', CONTEXT)
    expect(before.needsReencryption(oldToken)).toBe(false)

    const after = createFieldCipher({ keys: [k2, k1] })
    expect(after.decrypt(oldToken, CONTEXT)).toBe('cand_123')
    expect(after.needsReencryption(oldToken)).toBe(true)

    const newToken = after.encrypt(after.decrypt(oldToken, CONTEXT), CONTEXT)
    expect(newToken.startsWith('v1:k2:')).toBe(true)
    expect(after.needsReencryption(newToken)).toBe(false)
    expect(after.decrypt(newToken, CONTEXT)).toBe('cand_123')

    // Once the old key is dropped, its tokens are refused; new ones still work.
    const retired = createFieldCipher({ keys: [k2] })
    expectDecryptionFailed(() => retired.decrypt(oldToken, CONTEXT))
    expect(retired.decrypt(newToken, CONTEXT)).toBe('cand_123')
  })

  it('flags tokens from unknown keys for re-encryption and refuses malformed ones', () => {
    const cipher = createFieldCipher({ keys: [k2] })
    expect(cipher.needsReencryption(createFieldCipher({ keys: [k1] }).encrypt('x', CONTEXT))).toBe(true)
    expectDecryptionFailed(() => cipher.needsReencryption('not-a-token'))
  })
})

describe('createFieldCipher configuration', () => {
  it.each([
    ['no keys', []],
    ['a short key', [{ id: 'k1', key: randomBytes(16) }]],
    ['a long key', [{ id: 'k1', key: randomBytes(33) }]],
    ['a bad key id', [{ id: 'k:1', key: randomBytes(32) }]],
    ['an empty key id', [{ id: '', key: randomBytes(32) }]],
    ['duplicate key ids', [k1, { id: 'k1', key: randomBytes(32) }]],
  ] satisfies [string, EncryptionKey[]][])('rejects %s', (_name, keys) => {
    expect(() => createFieldCipher({ keys })).toThrow(ConfigurationError)
  })

  it('is not affected by later changes to the caller’s key buffer', () => {
    const key = randomBytes(32)
    const cipher = createFieldCipher({ keys: [{ id: 'k1', key }] })
    const token = cipher.encrypt('cand_123', CONTEXT)
    key.fill(0)
    expect(cipher.decrypt(token, CONTEXT)).toBe('cand_123')
  })
})
