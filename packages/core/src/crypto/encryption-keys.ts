import { randomBytes, timingSafeEqual } from 'node:crypto'
import { ConfigurationError } from '../errors'

/**
 * Keys come from the environment as base64 text. Everything here fails at start-up with a message
 * that says how to fix the setting, and no message ever echoes a secret (or text that might be one),
 * because start-up errors end up in deploy logs.
 */

export type EncryptionKey = { id: string; key: Buffer }

/** Key ids are stored in every token, so they stay short and free of the token's `:` separator. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/
/** AES-256 and the blind-index HMAC both take 32-byte keys. */
export const KEY_BYTES = 32

const HOW_TO_GENERATE = 'generate one with `openssl rand -base64 32`'
const KEY_ID_RULE = "use 1 to 32 letters, digits, '_' or '-'"

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/

type Decoded = { ok: true; bytes: Buffer } | { ok: false; problem: string }

/**
 * Standard base64 or base64url, strictly: `Buffer.from(text, 'base64')` silently skips junk and
 * truncates, which would turn a pasting mistake into a different (weaker) key.
 */
function decodeBase64Strict(text: string): Decoded {
  if (!BASE64.test(text) && !BASE64URL.test(text)) {
    return {
      ok: false,
      problem:
        'is not base64: it contains characters outside the base64 alphabet (stray quotes, spaces or line breaks?)',
    }
  }
  const unpadded = text.replace(/=+$/, '')
  const bytes = Buffer.from(unpadded, 'base64')
  // Re-encoding catches bad padding, a dangling character and non-zero trailing bits.
  const padded = text.length === unpadded.length || text.length % 4 === 0
  if (!padded || bytes.toString('base64url') !== unpadded.replaceAll('+', '-').replaceAll('/', '_')) {
    return { ok: false, problem: 'is not valid base64 (truncated or badly padded?)' }
  }
  return { ok: true, bytes }
}

function decodeSecret(secret: string, what: string, setting: string): Buffer {
  if (secret === '') throw new ConfigurationError(setting, `${what} is empty; ${HOW_TO_GENERATE}`)
  const decoded = decodeBase64Strict(secret)
  if (!decoded.ok) throw new ConfigurationError(setting, `${what} ${decoded.problem}; ${HOW_TO_GENERATE}`)
  if (decoded.bytes.length !== KEY_BYTES) {
    throw new ConfigurationError(
      setting,
      `${what} decodes to ${decoded.bytes.length} bytes; ` +
        `it must be ${KEY_BYTES} random bytes in base64, ${HOW_TO_GENERATE}`,
    )
  }
  return decoded.bytes
}

/**
 * Parses `id:base64,id:base64`. The first key encrypts; the others are older keys still accepted
 * for decryption, so rotating is "prepend a new key, re-encrypt, then drop the old one".
 */
export function parseEncryptionKeys(value: string, setting: string): EncryptionKey[] {
  const entries = value.split(',').map((entry) => entry.trim())
  if (entries.length === 1 && entries[0] === '') {
    throw new ConfigurationError(setting, `is empty; set it to id:base64 (e.g. k1:<secret>) and ${HOW_TO_GENERATE}`)
  }
  const keys: EncryptionKey[] = []
  entries.forEach((entry, index) => {
    const position = `entry ${index + 1}`
    if (entry === '') throw new ConfigurationError(setting, `${position} is empty; remove the stray comma`)
    const colon = entry.indexOf(':')
    if (colon === -1) {
      throw new ConfigurationError(setting, `${position} has no key id; write it as id:base64 (e.g. k1:<secret>)`)
    }
    const id = entry.slice(0, colon).trim()
    // An invalid id is not echoed: with the halves swapped (secret:id) it would be the secret.
    if (!KEY_ID_PATTERN.test(id)) {
      throw new ConfigurationError(setting, `${position} has an invalid key id; ${KEY_ID_RULE}`)
    }
    if (keys.some((k) => k.id === id)) {
      throw new ConfigurationError(setting, `key id "${id}" appears more than once; every key needs its own id`)
    }
    const key = decodeSecret(entry.slice(colon + 1).trim(), `key "${id}"`, setting)
    const twin = keys.find((k) => timingSafeEqual(k.key, key))
    if (twin !== undefined) {
      throw new ConfigurationError(
        setting,
        `keys "${twin.id}" and "${id}" have the same secret; ` +
          `a rotated key must be newly generated (${HOW_TO_GENERATE})`,
      )
    }
    keys.push({ id, key })
  })
  return keys
}

/** A single 32-byte base64 secret, e.g. the blind-index key. */
export function parseSecretKey(value: string, setting: string): Buffer {
  const secret = value.trim()
  if (secret.includes(':')) {
    throw new ConfigurationError(setting, 'takes only the base64 secret, without an "id:" prefix')
  }
  return decodeSecret(secret, 'the key', setting)
}

export type CryptoSettings = {
  /** Undefined when no key is configured: the caller decides whether that is allowed. */
  encryptionKeys: EncryptionKey[] | undefined
  blindIndexKey: Buffer | undefined
}

/**
 * Reads `VETKIT_ENCRYPTION_KEYS` (list) or `VETKIT_ENCRYPTION_KEY` (one secret, id `k1`) and
 * `VETKIT_BLIND_INDEX_KEY`. Empty variables count as unset, as `.env` templates often leave them so.
 */
export function cryptoSettingsFromEnv(env: Record<string, string | undefined>): CryptoSettings {
  const list = nonEmpty(env['VETKIT_ENCRYPTION_KEYS'])
  const single = nonEmpty(env['VETKIT_ENCRYPTION_KEY'])
  if (list !== undefined && single !== undefined) {
    throw new ConfigurationError(
      'VETKIT_ENCRYPTION_KEYS',
      'VETKIT_ENCRYPTION_KEY is also set; use only one (VETKIT_ENCRYPTION_KEYS=k2:<new>,k1:<old> to rotate)',
    )
  }
  const encryptionKeys =
    list !== undefined
      ? parseEncryptionKeys(list, 'VETKIT_ENCRYPTION_KEYS')
      : single !== undefined
        ? [{ id: 'k1', key: parseSecretKey(single, 'VETKIT_ENCRYPTION_KEY') }]
        : undefined

  const blindSource = nonEmpty(env['VETKIT_BLIND_INDEX_KEY'])
  const blindIndexKey = blindSource === undefined ? undefined : parseSecretKey(blindSource, 'VETKIT_BLIND_INDEX_KEY')
  // One key for two primitives couples them: rotating the encryption key would break every index.
  if (blindIndexKey !== undefined && encryptionKeys?.some((k) => timingSafeEqual(k.key, blindIndexKey))) {
    throw new ConfigurationError(
      'VETKIT_BLIND_INDEX_KEY',
      `must differ from every encryption key; ${HOW_TO_GENERATE}`,
    )
  }
  return { encryptionKeys, blindIndexKey }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}

/** A fresh key in the format the settings expect, for docs and the CLI. */
export function generateEncryptionKey(): string {
  return randomBytes(KEY_BYTES).toString('base64')
}
