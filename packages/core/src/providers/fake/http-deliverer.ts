import { ConfigurationError } from '../../errors'
import type { FakeWebhookDeliverer } from './delivery'
import { basicAuthHeader } from './webhook-envelope'

export interface HttpDelivererOptions {
  /** Basic auth to send; by default taken from the URL (`https://user:pass@host/path`), as Checkr does. */
  basicAuth?: { username: string; password: string } | undefined
  /** For tests; the global `fetch` by default. */
  fetch?: typeof fetch | undefined
}

/** A deliverer that POSTs each webhook to a URL, for a host running in another process. */
export function httpDeliverer(url: string | URL, options: HttpDelivererOptions = {}): FakeWebhookDeliverer {
  let target: URL
  try {
    target = new URL(url)
  } catch (cause) {
    throw new ConfigurationError('url', 'is not a valid URL', { cause })
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new ConfigurationError('url', 'must be http or https')
  const fromUrl = target.username || target.password
    ? { username: decodeURIComponent(target.username), password: decodeURIComponent(target.password) }
    : undefined
  const auth = options.basicAuth ?? fromUrl
  // fetch refuses URLs with credentials: they travel in the Authorization header instead.
  target.username = ''
  target.password = ''
  const send = options.fetch ?? fetch
  return async ({ headers, rawBody }) => {
    const outgoing = new Headers(headers)
    if (auth) outgoing.set('authorization', basicAuthHeader(auth))
    // A redirect is not an acknowledgement: Checkr retries anything but a 2xx.
    const response = await send(target, { method: 'POST', headers: outgoing, body: rawBody, redirect: 'manual' })
    await response.body?.cancel()
    return { status: response.status }
  }
}
