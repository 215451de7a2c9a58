import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto'
import { ConfigurationError, VetkitError } from '../errors'
import { KEY_BYTES, KEY_ID_PATTERN, type EncryptionKey } from './encryption-keys'

/**
 * Encrypts single values (provider ids) at rest with AES-256-GCM.
 *
 * Token format, stable across releases: `v1:<keyId>:<base64url(nonce || ciphertext || tag)>` with a
 * 12-byte random nonce and a 16-byte tag. The AAD is the UTF-8 `context` (e.g.
 * `checkr.candidate_id`), so a value copied into another column fails to decrypt. The key id is
 * not in the AAD: a token relabelled with another id fails anyway, since that key cannot verify it.
 */
export interface FieldCipher {
  /** Encrypts with the current (first) key. */
  encrypt(plaintext: string, context: string): string
  /** Decrypts with whichever configured key the token names. Throws `decryption_failed`. */
  decrypt(token: string, context: string): string
  /** True when the token was encrypted with an older key and should be rewritten. */
  needsReencryption(token: string): boolean
}

const VERSION = 'v1'
const NONCE_BYTES = 12
const TAG_BYTES = 16
const ALGORITHM = 'aes-256-gcm'
const BASE64URL = /^[A-Za-z0-9_-]+$/
const LONE_SURROGATE = /\p{Cs}/u

type ParsedToken = { keyId: string; nonce: Buffer; ciphertext: Buffer; tag: Buffer }

export function createFieldCipher(options: { keys: readonly EncryptionKey[] }): FieldCipher {
  const keys = new Map<string, KeyObject>()
  for (const { id, key } of options.keys) {
    if (!KEY_ID_PATTERN.test(id)) {
      throw new ConfigurationError('encryptionKeys', "key ids must be 1 to 32 letters, digits, '_' or '-'")
    }
    if (keys.has(id)) throw new ConfigurationError('encryptionKeys', `key id "${id}" appears more than once`)
    if (key.length !== KEY_BYTES) {
      throw new ConfigurationError('encryptionKeys', `key "${id}" is ${key.length} bytes; it must be ${KEY_BYTES}`)
    }
    // A KeyObject copies the bytes, so later changes to the caller's Buffer cannot affect us.
    keys.set(id, createSecretKey(key))
  }
  const [current] = keys
  if (current === undefined) {
    throw new ConfigurationError('encryptionKeys', 'at least one key is required; the first one encrypts')
  }
  const [currentId, currentKey] = current

  return {
    encrypt(plaintext, context) {
      requireContext(context)
      // UTF-8 would turn a lone surrogate into U+FFFD, so decrypt would return a different string.
      if (LONE_SURROGATE.test(plaintext)) {
        throw new VetkitError('invalid_argument', `cannot encrypt ${context}: the value is not well-formed Unicode`, {
          field: context,
        })
      }
      const nonce = randomBytes(NONCE_BYTES)
      const cipher = createCipheriv(ALGORITHM, currentKey, nonce, { authTagLength: TAG_BYTES })
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      const payload = Buffer.concat([nonce, ciphertext, cipher.getAuthTag()])
      return `${VERSION}:${currentId}:${payload.toString('base64url')}`
    },

    decrypt(token, context) {
      requireContext(context)
      const parsed = parseToken(token)
      if (parsed === undefined) {
        throw decryptionFailed(context, 'not a vetkit v1 token (truncated, or stored before encryption was enabled?)')
      }
      const key = keys.get(parsed.keyId)
      if (key === undefined) {
        throw decryptionFailed(
          context,
          `it was encrypted with key "${parsed.keyId}", which is not configured; ` +
            'add that key back after the current one',
        )
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, key, parsed.nonce, { authTagLength: TAG_BYTES })
        decipher.setAAD(Buffer.from(context, 'utf8'))
        decipher.setAuthTag(parsed.tag)
        return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString('utf8')
      } catch {
        // GCM only says "unable to authenticate"; no cause is attached, to keep crypto internals out of logs.
        throw decryptionFailed(
          context,
          `authentication failed: the value was modified, belongs to another field, ` +
            `or key "${parsed.keyId}" has the wrong secret`,
        )
      }
    },

    needsReencryption(token) {
      const parsed = parseToken(token)
      if (parsed === undefined) throw decryptionFailed(undefined, 'not a vetkit v1 token')
      return parsed.keyId !== currentId
    },
  }
}

function parseToken(token: string): ParsedToken | undefined {
  const parts = token.split(':')
  if (parts.length !== 3) return undefined
  const [version, keyId, encoded] = parts
  if (version !== VERSION || keyId === undefined || !KEY_ID_PATTERN.test(keyId)) return undefined
  if (encoded === undefined || !BASE64URL.test(encoded)) return undefined
  const payload = Buffer.from(encoded, 'base64url')
  // Only the canonical encoding is accepted, so every character of a token is covered by the tag.
  if (payload.toString('base64url') !== encoded || payload.length < NONCE_BYTES + TAG_BYTES) return undefined
  return {
    keyId,
    nonce: payload.subarray(0, NONCE_BYTES),
    ciphertext: payload.subarray(NONCE_BYTES, payload.length - TAG_BYTES),
    tag: payload.subarray(payload.length - TAG_BYTES),
  }
}

function requireContext(context: string): void {
  if (context === '') {
    throw new VetkitError('invalid_argument', 'an encryption context is required', { field: 'context' })
  }
}

/** The message names the field and the reason, never the token, key or plaintext. */
function decryptionFailed(context: string | undefined, reason: string): VetkitError {
  const what = context === undefined ? 'value' : context
  return new VetkitError('decryption_failed', `could not decrypt ${what}: ${reason}`, {
    ...(context === undefined ? {} : { field: context }),
  })
}
