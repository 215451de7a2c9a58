import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Compares secrets (webhook signatures, Basic auth credentials) without leaking, through timing,
 * how much of a guess was right. Both sides are first reduced to HMAC-SHA256 digests under a random
 * per-process key: digests always have equal length, so a length mismatch neither throws (as
 * `crypto.timingSafeEqual` does) nor returns early, and the attacker cannot choose the digests.
 */
let processKey: Buffer | undefined

export function timingSafeEqualStrings(a: string, b: string): boolean {
  processKey ??= randomBytes(32)
  return timingSafeEqual(digest(processKey, a), digest(processKey, b))
}

// UTF-16LE keeps every code unit, so strings that differ only in lone surrogates still differ.
function digest(key: Buffer, value: string): Buffer {
  return createHmac('sha256', key).update(value, 'utf16le').digest()
}
