/**
 * Hostile input, kept as a test: at least 10,000 generated requests over every route of the
 * OpenAPI document (read from the server, so new routes are attacked too) and the webhook, through
 * a real Express app and a real Koa app on loopback, against one engine on PGlite with real state.
 *
 * Every request carries faults (wrong types, huge, deep, non-UTF-8 or NUL bodies, duplicate keys,
 * wrong content types, unknown methods, dot segments, long ids, hostile queries, bad callers;
 * forged, truncated and replayed webhook signatures). Required: no 5xx, only 4xx (replays 200 as
 * duplicates, read-only probes anything below 500), problem+json errors with a code, no stack or
 * path in any answer, no write but the webhook refusal counters, a bounded ledger, bounded memory,
 * no request lost. Replay a run with `HOSTILE_SEED=<seed>` (and `HOSTILE_REQUESTS=<n>`).
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { openPglite, type PgliteDatabase } from '@vetkit/core/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StartedServer } from '../http-contract/contract-suite'
import { AUTHORIZATION_TEXT, createHostileEngine, SIGNING_KEY, type HostileEngine } from './hostile/engine'
import { FAULT_KINDS, planRequest, type Planned, type World } from './hostile/generate'
import { describeRequest, judge } from './hostile/inspect'
import { operationsOf, type Operation } from './hostile/openapi'
import { seedFromEnv } from './hostile/rng'
import { createSender, pool, type WireResult } from './hostile/send'
import { startExpress, startKoa } from './hostile/servers'
import { diff, snapshot, type Snapshot } from './hostile/snapshot'

const MOUNT = '/vetkit'
const TOTAL = Number(process.env.HOSTILE_REQUESTS ?? 10_240)
const CONCURRENCY = 16
const HEAP_BOUND_MB = 150
const SEED = seedFromEnv()

/** `global.gc`, exposed on demand when the process was not started with --expose-gc. */
function collectGarbage(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (exposed) return exposed
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}
const heapMb = (gc: () => void) => {
  gc()
  gc()
  return process.memoryUsage().heapUsed / 1024 / 1024
}
const fmt = (n: number) => n.toLocaleString('en-US')

describe('hostile input', () => {
  let db: PgliteDatabase
  let engine: HostileEngine
  let servers: { name: 'express' | 'koa'; server: StartedServer }[] = []
  let operations: Operation[] = []
  let world: World

  /** A well-formed call (fetch), through the Express app unless `via` says otherwise. */
  const call = async (method: string, path: string, options: { token?: string; body?: unknown; raw?: Buffer; headers?: Record<string, string>; via?: StartedServer } = {}) => {
    const headers = new Headers(options.headers)
    if (options.token) headers.set('authorization', `Bearer ${options.token}`)
    if (method === 'POST' && !headers.has('content-type')) headers.set('content-type', 'application/json')
    const body = options.raw ?? (method === 'POST' ? JSON.stringify(options.body ?? {}) : undefined)
    const base = (options.via ?? servers[0]?.server)?.baseUrl ?? ''
    const response = await fetch(`${base}${MOUNT}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) })
    const text = await response.text()
    return { status: response.status, json: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown> }
  }

  beforeAll(async () => {
    db = await openPglite()
    engine = await createHostileEngine(db, MOUNT)
    servers = [
      { name: 'express', server: await startExpress(engine.vetkit, MOUNT) },
      { name: 'koa', server: await startKoa(engine.vetkit, MOUNT) },
    ]

    // A little real state: two subjects with consent and a check each (one screening, one
    // invited), delivered webhooks to replay, and real cursors to forge others from.
    for (const subjectId of ['ada', 'bob']) {
      const consent = { disclosureVersion: '1', authorizationText: AUTHORIZATION_TEXT, signatureName: `Name ${subjectId}`, email: `${subjectId}@example.test` }
      expect((await call('POST', `/subjects/${subjectId}/consents`, { token: `${subjectId}-token`, body: consent })).status).toBe(201)
    }
    expect((await call('POST', '/subjects/ada/invite', { token: 'ada-token' })).status).toBe(201)
    engine.clock.advance({ hours: 1 })
    const webhooks: { body: Buffer; signature: string }[] = []
    for (const { eventId } of engine.fake.pendingWebhooks()) {
      const { headers, rawBody } = engine.fake.buildWebhook(eventId)
      const delivered = await call('POST', '/webhooks/fake', { raw: Buffer.from(rawBody), headers: Object.fromEntries(headers) })
      expect(delivered).toMatchObject({ status: 200, json: { ok: true } })
      webhooks.push({ body: Buffer.from(rawBody), signature: headers.get('x-checkr-signature') ?? '' })
    }
    expect(webhooks.length).toBeGreaterThanOrEqual(2)
    await engine.worker.drain()
    expect((await call('POST', '/subjects/bob/invite', { token: 'bob-token' })).status).toBe(201)

    const checkIds: string[] = []
    for (const subjectId of ['ada', 'bob']) {
      const status = await call('GET', `/subjects/${subjectId}/status`, { token: 'admin-token' })
      expect(status.status).toBe(200)
      checkIds.push(String(status.json.checkId))
    }
    const log = await call('GET', '/admin/webhooks?limit=5', { token: 'admin-token' })
    const webhookIds = (log.json.items as { id: string }[]).map((row) => row.id)
    expect(webhookIds.length).toBeGreaterThan(0)
    const cursors: Record<string, string> = {}
    for (const list of ['/admin/checks', '/admin/webhooks']) {
      const page = await call('GET', `${list}?limit=1`, { token: 'admin-token' })
      expect(page.status).toBe(200)
      if (typeof page.json.nextCursor === 'string') cursors[`${MOUNT}${list}`] = page.json.nextCursor
    }
    expect(Object.keys(cursors)).toHaveLength(2)

    const doc = await fetch(`${servers[0]?.server.baseUrl}${MOUNT}/openapi.json`)
    expect(doc.status).toBe(200)
    operations = operationsOf(await doc.json(), MOUNT)
    world = {
      mount: MOUNT,
      adminToken: 'admin-token',
      subjects: [
        { id: 'ada', token: 'ada-token' },
        { id: 'bob', token: 'bob-token' },
      ],
      strangerToken: 'cy-token',
      checkIds,
      webhookIds,
      cursors,
      webhooks,
      signingKey: SIGNING_KEY,
    }
  }, 120_000)

  afterAll(async () => {
    for (const { server } of servers) await server.close()
    await db?.close()
  })

  it('answers 10,000+ hostile requests over every route with 4xx only, writes nothing, stays bounded', async () => {
    const webhook = operations.find((op) => op.access === 'webhook')
    expect(webhook?.template).toBe(`${MOUNT}/webhooks/fake`)
    expect(operations.filter((op) => op.access === 'admin' || op.access === 'subject').length).toBeGreaterThanOrEqual(17)
    const webhookOperation = webhook?.id ?? ''

    const before: Snapshot = await snapshot(db.knex, engine.storage)
    const gc = collectGarbage()
    const heapBefore = heapMb(gc)
    const started = Date.now()

    const senders = servers.map(({ name, server }) => ({ name, sender: createSender(server.baseUrl, { maxSockets: CONCURRENCY, timeoutMs: 30_000 }) }))
    const perServer: Record<string, number> = { express: 0, koa: 0 }
    const perOperation = new Map<string, number>()
    const perKind = new Map<string, number>()
    const statuses = new Map<number, number>()
    const serverErrors: string[] = []
    const failures: string[] = []
    const lost: string[] = []
    let faults = 0
    let refusedWebhooks = 0
    let duplicates = 0
    let probes = 0
    const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1)

    await pool(TOTAL, CONCURRENCY, async (i) => {
      const planned: Planned = planRequest(SEED, i, operations, world)
      const target = senders[i % senders.length]
      if (!target) return
      perServer[target.name] = (perServer[target.name] ?? 0) + 1
      count(perOperation, planned.operation)
      for (const kind of planned.mutations) count(perKind, kind)
      faults += planned.mutations.length
      if (planned.expect === 'any') probes++
      const result: WireResult = await target.sender.send(planned.wire)
      if (!result.ok) {
        lost.push(`${target.name} ${describeRequest(planned)} -> ${result.error}`)
        return
      }
      count(statuses, result.status)
      if (planned.operation === webhookOperation && result.status >= 400) refusedWebhooks++
      if (planned.expect === 'duplicate' && result.status === 200) duplicates++
      const verdict = judge(planned, result, webhookOperation)
      const line = `${target.name} ${describeRequest(planned)} -> ${result.status} ${JSON.stringify(result.body.slice(0, 300))}`
      if (verdict.serverError) serverErrors.push(line)
      if (verdict.problems.length > 0) failures.push(`${verdict.problems.join('; ')}: ${line}`)
    })
    for (const { sender } of senders) sender.close()

    const seconds = (Date.now() - started) / 1000
    const heapGrowth = heapMb(gc) - heapBefore
    const after: Snapshot = await snapshot(db.knex, engine.storage)
    const writes = diff(before, after)
    const refusalRows = writes.refusalRowsAfter - writes.refusalRowsBefore

    const kinds = new Set([...perKind.keys()])
    console.log(
      `hostile input: ${fmt(TOTAL)} requests tried (express ${fmt(perServer.express ?? 0)}, koa ${fmt(perServer.koa ?? 0)}) over ${perOperation.size} operations, ` +
        `${fmt(faults)} faults injected (${kinds.size} kinds), ${serverErrors.length} server errors, lost: ${lost.length}, ` +
        `replays ${fmt(duplicates)} duplicate, probes ${fmt(probes)}, ledger refusal rows +${refusalRows} for ${fmt(refusedWebhooks)} refused webhooks, ` +
        `heap ${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(1)} MB, ${seconds.toFixed(1)} s, seed ${SEED}`,
    )
    console.log(`  statuses: ${[...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s} x${fmt(n)}`).join(', ')}`)
    console.log(`  faults: ${[...perKind.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}`)
    console.log(`  rows (before -> after): ${Object.entries(writes.rowCounts).map(([t, [b, a]]) => `${t} ${b}->${a}`).join(', ')}`)
    const show = (title: string, lines: string[]) => (lines.length === 0 ? '' : `${title} (${lines.length}, replay with HOSTILE_SEED=${SEED}):\n${lines.slice(0, 25).join('\n')}`)

    // Both apps still serve, and still answer a replay as a duplicate.
    for (const { server } of servers) {
      expect((await call('GET', '/subjects/ada/status', { token: 'ada-token', via: server })).status).toBe(200)
      const replay = world.webhooks[0]
      if (replay) {
        const again = await call('POST', '/webhooks/fake', { raw: replay.body, headers: { 'x-checkr-signature': replay.signature }, via: server })
        expect(again).toMatchObject({ status: 200, json: { ok: true, duplicate: true } })
      }
    }
    // One report of everything wrong, so a failure shows all of it at once.
    const report = [
      show('server errors', serverErrors),
      show('lost requests', lost),
      show('wrong answers', failures.filter((f) => !f.startsWith('server error'))),
      show('writes by refused requests', writes.unexpected),
    ].filter(Boolean)
    expect(report.join('\n\n')).toBe('')
    // Every route of the document and the webhook were attacked, with every kind of fault.
    expect(operations.filter((op) => !perOperation.has(op.id)).map((op) => op.id)).toEqual([])
    expect(FAULT_KINDS.filter((k) => !kinds.has(k))).toEqual([])
    // Refusals are aggregated: a few rows per source and reason, never one per request.
    expect(refusedWebhooks).toBeGreaterThan(500)
    expect(refusalRows).toBeLessThanOrEqual(200)
    expect(refusalRows * 5).toBeLessThan(refusedWebhooks)
    expect(writes.refusalCountersAfter).toBeLessThanOrEqual(100)
    expect(heapGrowth).toBeLessThan(HEAP_BOUND_MB)
  })
})
