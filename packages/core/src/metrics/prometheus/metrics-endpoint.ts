import proxyAddr from 'proxy-addr'
import type { Registry } from 'prom-client'
import { timingSafeEqualStrings } from '../../crypto/timing-safe'
import { ConfigurationError } from '../../errors'
import { errorFields } from '../../support/error-fields'
import { clientIpFrom, type TrustProxy } from '../../support/client-ip'
import type { Logger } from '../../ports/logger'
import { scrapeRateLimit } from './scrape-rate-limit'

export interface MetricsEndpointOptions {
  registry: Registry
  /** The one path served (the full request path). Default `/internal/metrics`; never `/metrics`. */
  path?: string
  /** `production` requires `basicAuth` (unless `allowUnauthenticated`). Default from NODE_ENV. */
  environment?: 'production' | 'development' | 'test'
  /** Credentials Prometheus sends (`basic_auth` in its scrape config), compared in constant time. */
  basicAuth?: { username: string; password: string }
  /** Production without credentials: only behind a network that already restricts who scrapes. */
  allowUnauthenticated?: boolean
  /**
   * Client addresses allowed to scrape: IPv4 and IPv6 addresses or CIDRs, or proxy-addr's presets
   * (`loopback`, `linklocal`, `uniquelocal`). Default: loopback and private networks.
   */
  allow?: readonly string[]
  /** Which proxies to believe about the client address (as vetkit's `http.trustProxy`). Default none. */
  trustProxy?: TrustProxy
  /** Scrapes per client address per window. Default 30 per 60 s. */
  rateLimit?: { max: number; windowSeconds: number }
  /** The largest response served; above it the scrape fails (503) and says why in the log. Default 5 MB. */
  maxBytes?: number
  logger?: Pick<Logger, 'warn' | 'error'>
}

/** What the adapters mount (`vetkitRouter(endpoint)`, `vetkitMiddleware(endpoint)`), or call as a Fetch handler. */
export interface MetricsEndpoint {
  handler(request: Request, context?: { remoteAddress?: string }): Promise<Response>
  /** The endpoint has no webhooks. */
  readonly webhookPath: null
  readonly path: string
}

const DEFAULT_ALLOW = ['loopback', 'uniquelocal', 'linklocal'] as const
const OLD_PATH = '/metrics'

/**
 * The metrics endpoint, hardened in layers, each answering before the next is reached:
 * only its own path (the old `/metrics` is never served), GET and HEAD (405 with `Allow`),
 * the CIDR allowlist on the trusted client address (403), Basic auth in constant time (401),
 * a per-address scrape limit (429 with `Retry-After`), then the registry's text, capped in size
 * (503 and a log line when over). Every answer is `no-store`.
 */
export function metricsEndpoint(options: MetricsEndpointOptions): MetricsEndpoint {
  const path = options.path ?? '/internal/metrics'
  if (!path.startsWith('/') || path === OLD_PATH) throw new ConfigurationError('metrics.path', `must be an absolute path other than ${OLD_PATH}, e.g. /internal/metrics`)
  const environment = options.environment ?? (process.env.NODE_ENV === 'production' ? 'production' : 'development')
  const auth = options.basicAuth
  if (auth && (!auth.username || !auth.password || auth.username.includes(':'))) {
    throw new ConfigurationError('metrics.basicAuth', 'needs a username without ":" and a non-empty password')
  }
  if (environment === 'production' && !auth && options.allowUnauthenticated !== true) {
    throw new ConfigurationError('metrics.basicAuth', 'is required in production: set the credentials Prometheus sends, or allowUnauthenticated: true behind a network that restricts scrapers')
  }
  const allowed = compileAllowlist(options.allow ?? DEFAULT_ALLOW)
  const trust = options.trustProxy ?? false
  const limit = scrapeRateLimit(options.rateLimit ?? { max: 30, windowSeconds: 60 })
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024
  const expected = auth ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}` : null

  return {
    path,
    webhookPath: null,
    async handler(request, context = {}) {
      const url = new URL(request.url)
      if (url.pathname !== path) return answer(404, 'not found')
      if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'method not allowed', { allow: 'GET, HEAD' })
      const client = clientIpFrom(request.headers, context.remoteAddress, trust)
      if (client === null || !allowed(client)) return answer(403, 'forbidden')
      // Compared whole, in constant time; a missing header is compared too, so timing tells nothing.
      if (expected !== null && !timingSafeEqualStrings(request.headers.get('authorization') ?? '', expected)) {
        return answer(401, 'unauthorized', { 'www-authenticate': 'Basic realm="vetkit metrics", charset="UTF-8"' })
      }
      const decision = limit(client, Date.now())
      if (!decision.allowed) return answer(429, 'too many scrapes', { 'retry-after': String(decision.retryAfterSeconds) })

      let text: string
      try {
        text = await options.registry.metrics()
      } catch (error) {
        options.logger?.error('metrics: the registry could not be rendered', { err: errorFields(error) })
        return answer(503, 'metrics unavailable')
      }
      const bytes = Buffer.byteLength(text, 'utf8')
      if (bytes > maxBytes) {
        options.logger?.error('metrics: the response is larger than maxBytes, refused (a label with too many values?)', { bytes, maxBytes })
        return answer(503, 'metrics unavailable')
      }
      const headers = { ...NO_STORE, 'content-type': options.registry.contentType, 'content-length': String(bytes) }
      return new Response(request.method === 'HEAD' ? null : text, { status: 200, headers })
    },
  }
}

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' }

function answer(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, { status, headers: { ...NO_STORE, 'content-type': 'text/plain; charset=utf-8', ...headers } })
}

function compileAllowlist(entries: readonly string[]): (address: string) => boolean {
  try {
    const trust = proxyAddr.compile([...entries])
    return (address) => trust(address, 0)
  } catch (error) {
    throw new ConfigurationError('metrics.allow', `is not a list of addresses, CIDRs or presets: ${error instanceof Error ? error.message : String(error)}`)
  }
}
