import { createHmac } from 'node:crypto'
import { timingSafeEqualStrings } from '../../crypto/timing-safe'
import type { WebhookVerification } from '../../ports/provider'

/** What Checkr sends in `X-Checkr-Signature` when the account has no API key yet. */
export const CHECKR_PLACEHOLDER_SIGNATURE = 'Please create an API key to check the authenticity of our webhooks.'

export const CHECKR_SIGNATURE_HEADER = 'x-checkr-signature'

/** Checkr's scheme: lowercase hex HMAC-SHA256 of the raw body, no prefix, no timestamp. */
export function signCheckrPayload(rawBody: Uint8Array | string, key: string): string {
  return createHmac('sha256', key).update(rawBody).digest('hex')
}

export interface CheckrWebhookAuth {
  /**
   * Keys that may have signed the body: the API key (and, during a rotation, the previous one),
   * or the partner application's OAuth client secret. At least one.
   */
  signingKeys: readonly string[]
  /** When the webhook URL carries Basic auth (`https://user:pass@host/...`), the expected pair. */
  basicAuth?: { username: string; password: string } | undefined
}

const HEX_SHA256 = /^[0-9a-f]{64}$/

/**
 * Verifies a Checkr webhook over its raw bytes. Fails closed: a missing, malformed or placeholder
 * header, or a body signed by none of the keys, is refused. Every comparison is constant-time
 * (`timingSafeEqualStrings` hashes both sides first, so lengths never short-circuit), and every
 * configured key is tried so the time taken does not say which key matched.
 */
export function verifyCheckrWebhook(request: { headers: Headers; rawBody: Uint8Array }, auth: CheckrWebhookAuth): WebhookVerification {
  if (auth.signingKeys.length === 0) {
    return { ok: false, outcome: 'bad_signature', message: 'no webhook signing key is configured' }
  }
  if (auth.basicAuth) {
    const presented = parseBasicAuth(request.headers.get('authorization'))
    // Both halves compared, always, so a right username with a wrong password takes the same time.
    const userOk = timingSafeEqualStrings(presented?.username ?? '', auth.basicAuth.username)
    const passOk = timingSafeEqualStrings(presented?.password ?? '', auth.basicAuth.password)
    if (!presented || !userOk || !passOk) {
      return { ok: false, outcome: 'bad_basic_auth', message: 'webhook Basic auth credentials are missing or wrong' }
    }
  }
  const header = request.headers.get(CHECKR_SIGNATURE_HEADER)?.trim() ?? ''
  if (header === CHECKR_PLACEHOLDER_SIGNATURE) {
    return {
      ok: false,
      outcome: 'placeholder_signature',
      message: "Checkr sent its placeholder signature: create an API key in Checkr's dashboard so webhooks are signed",
    }
  }
  const signature = header.toLowerCase()
  if (!HEX_SHA256.test(signature)) {
    return { ok: false, outcome: 'bad_signature', message: 'X-Checkr-Signature is missing or not a SHA-256 hex digest' }
  }
  let matched = false
  for (const key of auth.signingKeys) {
    if (timingSafeEqualStrings(signCheckrPayload(request.rawBody, key), signature)) matched = true
  }
  return matched ? { ok: true } : { ok: false, outcome: 'bad_signature', message: 'X-Checkr-Signature does not match the body' }
}

function parseBasicAuth(header: string | null): { username: string; password: string } | null {
  if (!header) return null
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header)
  if (!match?.[1]) return null
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return null
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}
