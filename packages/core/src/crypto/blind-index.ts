import { createHmac, createSecretKey } from 'node:crypto'
import { ConfigurationError, VetkitError } from '../errors'
import { KEY_BYTES } from './encryption-keys'

/**
 * Encrypted columns use random nonces, so equal values never produce equal ciphertexts. A blind
 * index is the deterministic companion used for lookups:
 * `base64url(HMAC-SHA256(key, context + "\0" + value))`.
 *
 * It has its own key, so rotating the encryption keys never invalidates stored indexes, and the
 * context keeps the same value in two columns from producing linkable indexes.
 */
export interface BlindIndex {
  compute(value: string, context: string): string
}

const LONE_SURROGATE = /\p{Cs}/u

export function createBlindIndex(options: { key: Buffer }): BlindIndex {
  if (options.key.length !== KEY_BYTES) {
    throw new ConfigurationError('blindIndexKey', `the key is ${options.key.length} bytes; it must be ${KEY_BYTES}`)
  }
  // A KeyObject copies the bytes, so later changes to the caller's Buffer cannot change indexes.
  const key = createSecretKey(options.key)
  return {
    compute(value, context) {
      // The NUL separator is only unambiguous if the context cannot contain one.
      if (context === '' || context.includes('\u0000')) {
        throw new VetkitError('invalid_argument', 'a blind-index context must be non-empty and contain no NUL', {
          field: 'context',
        })
      }
      // UTF-8 maps every lone surrogate to U+FFFD, which would make distinct values collide.
      if (LONE_SURROGATE.test(value)) {
        throw new VetkitError('invalid_argument', `cannot index ${context}: the value is not well-formed Unicode`, {
          field: context,
        })
      }
      return createHmac('sha256', key).update(`${context}\u0000${value}`, 'utf8').digest('base64url')
    },
  }
}
