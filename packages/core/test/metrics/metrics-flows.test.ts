import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Registry } from 'prom-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { metricsEndpoint, prometheusMetrics } from '../../src/metrics'
import type { Storage } from '../../src/ports/storage'
import { describeEachBackend } from '../storage/support/backends'
import { createHarness, type Harness } from '../workflow/support/harness'
import { parseExposition, valueOf, type Sample } from './scrape'

const ADMIN = { kind: 'admin' as const, id: 'admin-1' }

const AUTH = { username: 'prometheus', password: 'flows-secret' }

/**
 * Real flows through the engine with the Prometheus adapter: each counter, histogram and gauge
 * scraped over HTTP (the endpoint's Fetch handler behind a bare node:http server on loopback,
 * with Basic auth) and checked against what happened.
 */
describeEachBackend('metrics from real flows', (db) => {
  let h: Harness
  let registry: Registry
  let server: Server
  let url: string
  const scrape = async (): Promise<Sample[]> => {
    const response = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}` } })
    expect(response.status).toBe(200)
    return parseExposition(await response.text())
  }

  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()))
  })

  beforeAll(async () => {
    registry = new Registry()
    const endpoint = metricsEndpoint({ registry, environment: 'production', basicAuth: AUTH, rateLimit: { max: 1000, windowSeconds: 1 } })
    server = createServer((req, res) => {
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
      endpoint
        .handler(new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers }), { remoteAddress: req.socket.remoteAddress ?? '' })
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers))
          res.end(Buffer.from(await response.arrayBuffer()))
        }, (error: unknown) => {
          res.writeHead(500)
          res.end(String(error))
        })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal/metrics`
    h = await createHarness(db(), {
      policy: { throttles: { invitePerIp: { max: 1, windowSeconds: 3600 } } },
      metrics: (storage, clock) => prometheusMetrics({ registry, storage, clock, cacheMs: 0 }),
    })
  }, 60_000)

  it('counts invites, webhooks, transitions, emails and jobs of a clear check, with its turnaround', async () => {
    await h.enrol('m-clear', 'clear')
    await h.enrol('m-second', 'clear')
    await h.vetkit.api.invite({ subjectId: 'm-clear', ip: '198.51.100.9' })
    await h.vetkit.api.invite({ subjectId: 'm-clear', ip: null }) // the check in progress: existing
    // A second subject from the same address within the hour: the per-IP rule (max 1) refuses it.
    await expect(h.vetkit.api.invite({ subjectId: 'm-second', ip: '198.51.100.9' })).rejects.toMatchObject({ code: 'rate_limited' })
    await h.advance({ days: 3 })
    // Three days on, the consent is too old to reuse: refused.
    await expect(h.vetkit.api.recheck({ subjectId: 'm-clear', ip: null })).rejects.toMatchObject({ code: 'consent_expired' })
    const s = await scrape()
    expect(valueOf(s, 'vetkit_invites_total', { outcome: 'created' })).toBe(1)
    expect(valueOf(s, 'vetkit_invites_total', { outcome: 'existing' })).toBe(1)
    expect(valueOf(s, 'vetkit_invites_total', { outcome: 'throttled' })).toBe(1)
    expect(valueOf(s, 'vetkit_invites_total', { outcome: 'refused' })).toBe(1)
    expect(valueOf(s, 'vetkit_transitions_total', { from: 'invited', to: 'pending' })).toBe(1)
    expect(valueOf(s, 'vetkit_transitions_total', { from: 'pending', to: 'passed' })).toBe(1)
    expect(valueOf(s, 'vetkit_webhooks_received_total', { signature: 'ok' })).toBeGreaterThanOrEqual(3)
    expect(valueOf(s, 'vetkit_webhooks_processed_total', { event: 'report.completed', outcome: 'applied' })).toBe(1)
    expect(valueOf(s, 'vetkit_webhooks_processed_total', { event: 'none', outcome: 'ignored' })).toBeGreaterThanOrEqual(1)
    expect(valueOf(s, 'vetkit_webhook_intake_seconds_count', { signature: 'ok' })).toBe(valueOf(s, 'vetkit_webhooks_received_total', { signature: 'ok' }))
    expect(valueOf(s, 'vetkit_webhook_processing_seconds_count', { outcome: 'applied' })).toBeGreaterThanOrEqual(2)
    expect(valueOf(s, 'vetkit_jobs_total', { type: 'webhook.process', outcome: 'completed' })).toBeGreaterThanOrEqual(3)
    expect(valueOf(s, 'vetkit_check_turnaround_hours_count', { outcome: 'clear' })).toBe(1)
    expect(valueOf(s, 'vetkit_checks', { status: 'passed' })).toBe(1)
    expect(valueOf(s, 'vetkit_stats_up')).toBe(1)
    expect(valueOf(s, 'vetkit_live_without_valid_check')).toBe(0)
  })

  it('counts a refused webhook by its signature outcome', async () => {
    const before = valueOf(await scrape(), 'vetkit_webhooks_received_total', { signature: 'bad_signature' })
    const response = await h.vetkit.webhooks.receive({ headers: new Headers({ 'content-type': 'application/json', 'x-checkr-signature': 'forged' }), rawBody: new TextEncoder().encode('{"id":"x"}') })
    expect(response.status).toBe(401)
    expect(valueOf(await scrape(), 'vetkit_webhooks_received_total', { signature: 'bad_signature' })).toBe(before + 1)
  })

  it('counts an adverse action started and finalized, and shows it waiting and overdue meanwhile', async () => {
    await h.enrol('m-adverse', 'consider')
    const { check } = await h.vetkit.api.invite({ subjectId: 'm-adverse', ip: null })
    await h.advance({ days: 3 })
    const [item] = await h.vetkit.api.listAdverseItems(check.id)
    await h.vetkit.api.startAdverseAction({ checkId: check.id, actor: ADMIN, adverseItemIds: [item!.id] })
    await h.settle()
    let s = await scrape()
    expect(valueOf(s, 'vetkit_adverse_actions_total', { action: 'started' })).toBe(1)
    expect(valueOf(s, 'vetkit_adverse_actions_waiting')).toBe(1)
    expect(valueOf(s, 'vetkit_adverse_actions_overdue')).toBe(0)
    expect(valueOf(s, 'vetkit_check_turnaround_hours_count', { outcome: 'consider' })).toBe(1)
    expect(valueOf(s, 'vetkit_emails_total', { template: 'check_under_review', outcome: 'sent' })).toBe(1)
    expect(valueOf(s, 'vetkit_emails_total', { template: 'pre_adverse_notice', outcome: 'sent' })).toBe(1)
    await h.advance({ days: 10 })
    s = await scrape()
    expect(valueOf(s, 'vetkit_adverse_actions_total', { action: 'finalized' })).toBe(1)
    expect(valueOf(s, 'vetkit_transitions_total', { from: 'pre_adverse', to: 'failed' })).toBe(1)
    expect(valueOf(s, 'vetkit_adverse_actions_waiting')).toBe(0)
    expect(valueOf(s, 'vetkit_jobs_total', { type: 'adverse.finalize', outcome: 'completed' })).toBe(1)
  })

  it('counts disputes opened and resolved', async () => {
    await h.enrol('m-dispute', 'dispute_then_clear')
    await h.vetkit.api.invite({ subjectId: 'm-dispute', ip: null })
    await h.advance({ days: 4 })
    expect(valueOf(await scrape(), 'vetkit_disputes_total', { action: 'opened' })).toBe(1)
    expect(valueOf(await scrape(), 'vetkit_checks', { status: 'disputed' })).toBe(1)
    // The reinvestigation clears the record.
    await h.advance({ days: 20 })
    const s = await scrape()
    expect(valueOf(s, 'vetkit_disputes_total', { action: 'opened' })).toBe(1)
    expect(valueOf(s, 'vetkit_disputes_total', { action: 'resolved' })).toBe(1)
  })

  it('counts a dead job and shows it dead-lettered', async () => {
    await h.storage.jobs.enqueue({ type: 'no.such.job', payload: {}, runAt: h.clock.now(), now: h.clock.now() })
    await h.settle()
    const s = await scrape()
    expect(valueOf(s, 'vetkit_jobs_total', { type: 'other', outcome: 'dead' })).toBe(1)
    expect(valueOf(s, 'vetkit_jobs_dead')).toBe(1)
  })

  it('shows passes expiring within 30 days, then the expiry', async () => {
    const passed = valueOf(await scrape(), 'vetkit_checks', { status: 'passed' })
    expect(passed).toBeGreaterThanOrEqual(1)
    expect(valueOf(await scrape(), 'vetkit_passes_expiring_30d')).toBe(0)
    // Two years less a few weeks: the passes are within 30 days of their end.
    await h.advance({ days: 710 })
    let s = await scrape()
    expect(valueOf(s, 'vetkit_passes_expiring_30d')).toBeGreaterThanOrEqual(1)
    await h.advance({ days: 60 })
    s = await scrape()
    expect(valueOf(s, 'vetkit_transitions_total', { from: 'passed', to: 'expired' })).toBe(passed)
    expect(valueOf(s, 'vetkit_checks', { status: 'expired' })).toBe(passed)
    expect(valueOf(s, 'vetkit_passes_expiring_30d')).toBe(0)
  }, 120_000)
})

describe('labels', () => {
  it('records a value outside a label set as other, never as given', async () => {
    const registry = new Registry()
    const metrics = prometheusMetrics({ registry })
    metrics.count('emails', { template: 'ada@example.com' as never, outcome: 'sent' })
    metrics.count('jobs', { type: 'user-1234', outcome: 'dead' })
    const text = await registry.metrics()
    expect(text).not.toContain('ada@example.com')
    expect(text).not.toContain('user-1234')
    expect(valueOf(parseExposition(text), 'vetkit_emails_total', { template: 'other' })).toBe(1)
  })

  it('reads the gauges once per scrape, even uncached, and once per cache window', async () => {
    let reads = 0
    const stats = { checksByStatus: { invited: 0, pending: 2, suspended: 0, passed: 5, consider: 0, pre_adverse: 0, disputed: 0, failed: 0, canceled: 0, expired: 0 }, pendingOver7d: 1, jobsBacklog: 0, oldestJobAgeSeconds: 0, jobsDead: 0, adverseWaiting: 0, adverseOverdue: 0, liveWithoutValidCheck: null, passesExpiring30d: 3 }
    const storage = { stats: { tracksLiveRows: false, snapshot: async () => { reads++; return stats } } } as unknown as Storage
    const uncached = new Registry()
    prometheusMetrics({ registry: uncached, storage, cacheMs: 0 })
    const text = await uncached.metrics()
    expect(reads).toBe(1)
    await uncached.metrics()
    expect(reads).toBe(2)
    expect(valueOf(parseExposition(text), 'vetkit_passes_expiring_30d')).toBe(3)
    expect(text).not.toMatch(/^vetkit_live_without_valid_check /m)
    reads = 0
    const cached = new Registry()
    prometheusMetrics({ registry: cached, storage, cacheMs: 60_000 })
    await Promise.all([cached.metrics(), cached.metrics()])
    await cached.metrics()
    expect(reads).toBe(1)
  })

  it('uses only the registry it is given', async () => {
    const { register } = await import('prom-client')
    const before = (await register.getMetricsAsJSON()).length
    prometheusMetrics({ registry: new Registry() })
    expect((await register.getMetricsAsJSON()).length).toBe(before)
  })
})
