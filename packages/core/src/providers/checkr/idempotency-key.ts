import { createHash } from 'node:crypto'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The `Idempotency-Key` header value for a caller's key. Checkr documents the header as a UUID;
 * a UUID passes through unchanged, and any other key (e.g. `check:123:invite`) is hashed into a
 * deterministic UUIDv8 (RFC 9562), so the same key still yields the same header and a free-form
 * key can never put characters into a header that `Headers` rejects.
 */
export function checkrIdempotencyKey(key: string): string {
  if (UUID.test(key)) return key
  const bytes = createHash('sha256').update(`vetkit:checkr:${key}`, 'utf8').digest().subarray(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
