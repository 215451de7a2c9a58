import { Registry } from 'prom-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { metricsEndpoint, prometheusMetrics } from '@vetkit/core/metrics'
import type { StartedServer } from './contract-suite'

const AUTH = { username: 'prometheus', password: 'scrape-secret' }
const authorization = `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}`

/**
 * The metrics endpoint mounted through an adapter, over a real socket: served with its hardening
 * at its path, and the old `/metrics` answered by the host (404), never by vetkit.
 */
export function describeMetricsMount(name: string, start: (endpoint: ReturnType<typeof metricsEndpoint>) => Promise<StartedServer>): void {
  describe(`metrics endpoint through ${name}`, () => {
    let server: StartedServer
    beforeAll(async () => {
      const registry = new Registry()
      const metrics = prometheusMetrics({ registry })
      metrics.count('invites', { outcome: 'created' })
      server = await start(metricsEndpoint({ registry, environment: 'production', basicAuth: AUTH }))
    })
    afterAll(async () => {
      await server?.close()
    })

    it('serves the metrics with Basic auth, no-store, and refuses without it', async () => {
      const ok = await fetch(`${server.baseUrl}/internal/metrics`, { headers: { authorization } })
      expect(ok.status).toBe(200)
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
      expect(ok.headers.get('cache-control')).toBe('no-store')
      expect(await ok.text()).toContain('vetkit_invites_total{outcome="created"} 1')
      const refused = await fetch(`${server.baseUrl}/internal/metrics`)
      expect(refused.status).toBe(401)
      expect(refused.headers.get('www-authenticate')).toMatch(/^Basic/)
      expect((await fetch(`${server.baseUrl}/internal/metrics`, { method: 'POST', headers: { authorization } })).status).toBe(405)
    })

    it('never serves /metrics', async () => {
      const old = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization } })
      expect(old.status).toBe(404)
      expect(await old.text()).not.toContain('vetkit_')
    })
  })
}
