import { Counter, Registry } from 'prom-client'
import { describe, expect, it, vi } from 'vitest'
import { ConfigurationError } from '../../src/errors'
import { metricsEndpoint, type MetricsEndpointOptions } from '../../src/metrics'

const AUTH = { username: 'prometheus', password: 's3cret-scrape' }
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`

function registryWithOne(): Registry {
  const registry = new Registry()
  new Counter({ name: 'vetkit_probe_total', help: 'probe', registers: [registry] }).inc()
  return registry
}

function endpoint(options: Partial<MetricsEndpointOptions> = {}) {
  return metricsEndpoint({ registry: registryWithOne(), environment: 'test', ...options })
}

async function call(
  target: ReturnType<typeof metricsEndpoint>,
  init: { method?: string; path?: string; remote?: string | undefined; headers?: Record<string, string> } = {},
): Promise<Response> {
  const request = new Request(`http://host.test${init.path ?? '/internal/metrics'}`, { method: init.method ?? 'GET', headers: init.headers ?? {} })
  return target.handler(request, 'remote' in init ? (init.remote === undefined ? {} : { remoteAddress: init.remote }) : { remoteAddress: '127.0.0.1' })
}

describe('the metrics endpoint', () => {
  describe('path', () => {
    it('serves its one path, never /metrics, and nothing else', async () => {
      const target = endpoint()
      expect((await call(target)).status).toBe(200)
      for (const path of ['/metrics', '/internal/metrics/', '/internal/metrics.json', '/internal', '/']) expect((await call(target, { path })).status, path).toBe(404)
      const custom = endpoint({ path: '/ops/vk' })
      expect((await call(custom, { path: '/ops/vk' })).status).toBe(200)
      expect((await call(custom)).status).toBe(404)
      expect(() => endpoint({ path: '/metrics' })).toThrow(ConfigurationError)
      expect(() => endpoint({ path: 'internal/metrics' })).toThrow(ConfigurationError)
    })
  })

  describe('method', () => {
    it('answers GET and HEAD, and 405 with Allow to anything else', async () => {
      const target = endpoint()
      const head = await call(target, { method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(await head.text()).toBe('')
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        const refused = await call(target, { method })
        expect(refused.status, method).toBe(405)
        expect(refused.headers.get('allow')).toBe('GET, HEAD')
      }
    })
  })

  describe('basic auth', () => {
    it('is required in production, unless explicitly waived', () => {
      expect(() => metricsEndpoint({ registry: registryWithOne(), environment: 'production' })).toThrow(/basicAuth/)
      expect(() => metricsEndpoint({ registry: registryWithOne(), environment: 'production', allowUnauthenticated: true })).not.toThrow()
      expect(() => metricsEndpoint({ registry: registryWithOne(), environment: 'production', basicAuth: AUTH })).not.toThrow()
      expect(() => endpoint({ basicAuth: { username: 'a:b', password: 'x' } })).toThrow(/basicAuth/)
      expect(() => endpoint({ basicAuth: { username: 'a', password: '' } })).toThrow(/basicAuth/)
    })

    it('refuses a missing, wrong or malformed credential with 401 and a challenge, and serves the right one', async () => {
      const target = endpoint({ basicAuth: AUTH })
      const cases: [string, Record<string, string>][] = [
        ['missing', {}],
        ['wrong password', { authorization: basic(AUTH.username, 'nope') }],
        ['wrong user', { authorization: basic('someone', AUTH.password) }],
        ['a prefix of the right one', { authorization: basic(AUTH.username, AUTH.password).slice(0, -2) }],
        ['much longer', { authorization: basic(AUTH.username, AUTH.password) + 'A'.repeat(10_000) }],
        ['another scheme', { authorization: `Bearer ${AUTH.password}` }],
        ['lower-case scheme', { authorization: basic(AUTH.username, AUTH.password).replace('Basic', 'basic') }],
      ]
      for (const [what, headers] of cases) {
        const refused = await call(target, { headers })
        expect(refused.status, what).toBe(401)
        expect(refused.headers.get('www-authenticate'), what).toMatch(/^Basic realm="vetkit metrics"/)
        expect(await refused.text(), what).not.toContain('vetkit_probe_total')
      }
      const served = await call(target, { headers: { authorization: basic(AUTH.username, AUTH.password) } })
      expect(served.status).toBe(200)
      expect(await served.text()).toContain('vetkit_probe_total 1')
    })

    it('compares the credential with the timing-safe comparison', async () => {
      const timing = await import('../../src/crypto/timing-safe')
      const spy = vi.spyOn(timing, 'timingSafeEqualStrings')
      const target = endpoint({ basicAuth: AUTH })
      await call(target, { headers: { authorization: basic(AUTH.username, 'nope') } })
      expect(spy).toHaveBeenCalledWith(basic(AUTH.username, 'nope'), basic(AUTH.username, AUTH.password))
      spy.mockRestore()
    })
  })

  describe('allowlist', () => {
    it('admits loopback and private networks by default, on IPv4 and IPv6', async () => {
      const target = endpoint()
      for (const remote of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.20', 'fd00::5', 'fe80::1']) {
        expect((await call(target, { remote })).status, remote).toBe(200)
      }
      for (const remote of ['203.0.113.5', '8.8.8.8', '2001:db8::1', '2606:4700::1111']) expect((await call(target, { remote })).status, remote).toBe(403)
      expect((await call(target, { remote: undefined })).status, 'no address at all').toBe(403)
    })

    it('takes CIDRs of both families', async () => {
      const target = endpoint({ allow: ['203.0.113.0/24', '2001:db8:aa::/48'] })
      expect((await call(target, { remote: '203.0.113.77' })).status).toBe(200)
      expect((await call(target, { remote: '203.0.114.1' })).status).toBe(403)
      expect((await call(target, { remote: '2001:db8:aa:1::9' })).status).toBe(200)
      expect((await call(target, { remote: '2001:db8:ab::9' })).status).toBe(403)
      expect((await call(target, { remote: '127.0.0.1' })).status, 'loopback is not implied').toBe(403)
      expect(() => endpoint({ allow: ['not-an-address'] })).toThrow(/metrics.allow/)
    })

    it('judges the client behind trusted proxies only', async () => {
      const proxied = { headers: { 'x-forwarded-for': '203.0.113.9' }, remote: '127.0.0.1' }
      // No trusted proxy: the header is the client's word; the socket (loopback) is the client.
      expect((await call(endpoint(), proxied)).status).toBe(200)
      // Behind a trusted loopback proxy, the client is the forwarded address: public, refused.
      expect((await call(endpoint({ trustProxy: ['loopback'] }), proxied)).status).toBe(403)
      expect((await call(endpoint({ trustProxy: ['loopback'], allow: ['203.0.113.0/24'] }), proxied)).status).toBe(200)
      // A forged hop from an untrusted socket changes nothing.
      expect((await call(endpoint({ trustProxy: ['loopback'], allow: ['10.0.0.0/8'] }), { headers: { 'x-forwarded-for': '10.0.0.1' }, remote: '203.0.113.50' })).status).toBe(403)
    })
  })

  describe('caching, rate limit and size', () => {
    it('marks every answer no-store', async () => {
      const target = endpoint({ basicAuth: AUTH })
      for (const response of [await call(target), await call(target, { headers: { authorization: basic(AUTH.username, AUTH.password) } }), await call(target, { path: '/metrics' }), await call(target, { method: 'POST' })]) {
        expect(response.headers.get('cache-control')).toBe('no-store')
        expect(response.headers.get('pragma')).toBe('no-cache')
      }
    })

    it('limits scrapes per client address, with Retry-After', async () => {
      const target = endpoint({ rateLimit: { max: 2, windowSeconds: 60 } })
      expect((await call(target)).status).toBe(200)
      expect((await call(target)).status).toBe(200)
      const limited = await call(target)
      expect(limited.status).toBe(429)
      const retry = Number(limited.headers.get('retry-after'))
      expect(retry).toBeGreaterThan(0)
      expect(retry).toBeLessThanOrEqual(60)
      expect((await call(target, { remote: '10.0.0.2' })).status, 'another scraper has its own budget').toBe(200)
    })

    it('fails closed above the size cap, with a log line that says why', async () => {
      const logger = { warn: vi.fn(), error: vi.fn() }
      const target = endpoint({ maxBytes: 64, logger })
      const refused = await call(target)
      expect(refused.status).toBe(503)
      expect(await refused.text()).not.toContain('vetkit_probe_total')
      expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('larger than maxBytes'), expect.objectContaining({ maxBytes: 64 }))
    })
  })
})
