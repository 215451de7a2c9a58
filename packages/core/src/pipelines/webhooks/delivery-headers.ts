/**
 * The request headers kept with a webhook delivery for the webhook log, minus what could let a
 * reader forge or replay one: credentials, cookies and signatures are kept by name only, so a
 * reviewer sees that a signature came without seeing it. Bounded, because the sender chooses them.
 */
const REDACTED = /authorization|cookie|signature|secret|token|api[-_]?key|password/i
const MAX_HEADERS = 40
const MAX_VALUE = 512

export function deliveryHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {}
  let count = 0
  for (const [name, value] of headers) {
    if (count++ >= MAX_HEADERS) break
    kept[name] = REDACTED.test(name) ? '[redacted]' : value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value
  }
  return kept
}

/** The headers stored with a sealed event (`{}` for one stored before headers were kept). */
export function readDeliveryHeaders(sealed: Record<string, unknown> | null): Record<string, string> {
  const raw = sealed?.deliveryHeaders
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {}
  return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}
