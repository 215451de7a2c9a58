/**
 * The authorization matrix: every route of the served OpenAPI document x six callers x both
 * adapters (real Express and Koa apps over loopback sockets), held against ONE table of what is
 * allowed. The table below is written from the rules, not from the handler:
 *
 * - subject routes (`/subjects/{subjectId}/...`): the subject itself, or an admin acting for it;
 * - admin routes (`/admin/...`): the admin role only, even on the caller's own subject or check;
 * - the provider's webhook: its signature authenticates it, whoever's bearer token rides along;
 * - `GET /openapi.json`: public.
 *
 * Which class a route is in comes from the contract table (`OPERATIONS[name].access`); which callers a
 * class admits comes only from `EXPECTED`. Denied means exactly 401 `unauthenticated` (nobody, or a
 * token the host does not know) or 403 `forbidden` (known, not allowed), as problem+json, and no
 * row of any table written. Allowed means neither 401 nor 403, and the request reached its route.
 */
import { createHash } from 'node:crypto'
import { OPERATIONS, type OperationContract, type OperationName } from '@vetkit/core'
import { openPglite, type PgliteDatabase } from '@vetkit/core/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TABLES, type TableName } from '../../packages/core/src/storage/knex/table-names'
import { createClient, field, type CallOptions, type CallResult, type Client, type Json } from '../http-contract/client'
import type { StartedServer } from '../http-contract/contract-suite'
import { AUTHORIZATION_TEXT } from '../http-contract/engine'
import { createMatrixEngine, HOST_TOKENS, type MatrixEngine } from './authz/engine'
import { ADAPTERS, startAdapter, type AdapterName } from './authz/servers'

const MOUNT = '/vetkit'

// ---------------------------------------------------------------------------------------------
// The expectation table
// ---------------------------------------------------------------------------------------------

type CallerKind = 'anonymous' | 'unknown-token' | 'no-role' | 'other-subject' | 'self-subject' | 'admin'
type AccessClass = 'subject' | 'admin' | 'webhook' | 'openapi'
type Verdict = 'allowed' | 'unauthenticated' | 'forbidden'

/** The callers, by the bearer token they send (null: no Authorization header). Every route names subject ada. */
const CALLERS: Record<CallerKind, { token: string | null }> = {
  anonymous: { token: null },
  'unknown-token': { token: 'forged-token' },
  'no-role': { token: 'support-token' }, // signed in, no subject, roles [support]
  'other-subject': { token: 'bob-token' },
  'self-subject': { token: 'ada-token' },
  admin: { token: 'admin-token' },
}
const CALLER_KINDS = Object.keys(CALLERS) as CallerKind[]

const EXPECTED: Record<AccessClass, Record<CallerKind, Verdict>> = {
  subject: {
    anonymous: 'unauthenticated',
    'unknown-token': 'unauthenticated',
    'no-role': 'forbidden',
    'other-subject': 'forbidden',
    'self-subject': 'allowed',
    admin: 'allowed',
  },
  admin: {
    anonymous: 'unauthenticated',
    'unknown-token': 'unauthenticated',
    'no-role': 'forbidden',
    'other-subject': 'forbidden',
    'self-subject': 'forbidden',
    admin: 'allowed',
  },
  webhook: {
    anonymous: 'allowed',
    'unknown-token': 'allowed',
    'no-role': 'allowed',
    'other-subject': 'allowed',
    'self-subject': 'allowed',
    admin: 'allowed',
  },
  openapi: {
    anonymous: 'allowed',
    'unknown-token': 'allowed',
    'no-role': 'allowed',
    'other-subject': 'allowed',
    'self-subject': 'allowed',
    admin: 'allowed',
  },
}
const DENIAL: Record<Exclude<Verdict, 'allowed'>, number> = { unauthenticated: 401, forbidden: 403 }

// ---------------------------------------------------------------------------------------------
// Routes, requests and verdicts
// ---------------------------------------------------------------------------------------------

interface MatrixRoute {
  /** `METHOD /template`, under the mount point. */
  label: string
  method: 'GET' | 'HEAD' | 'POST'
  template: string
  access: AccessClass
  /** The contract, for the routes of `OPERATIONS`. */
  name: OperationName | null
}

interface Fixture {
  adaCheckId: string
  adverseItemId: string
  /** A webhook the fake already delivered: re-sent, it is a recorded duplicate. */
  webhookEventId: string
  /** That delivery's row in the webhook log. */
  webhookLogId: string
}

interface Cell {
  adapter: AdapterName
  route: MatrixRoute
  caller: CallerKind
  expected: Verdict
}

interface Outcome {
  cell: Cell
  status: number
  code: string | null
  /** Why the answer breaks the table; null when it agrees. */
  violation: string | null
}

const NOTE = 'authorization matrix'
const consentBody = (subjectId: string): Json => ({
  disclosureVersion: '1',
  authorizationText: AUTHORIZATION_TEXT,
  signatureName: `Name ${subjectId}`,
  email: `${subjectId}@example.test`,
})

/** Path parameters: always subject ada, or ada's check. A new parameter fails the sanity test. */
const PARAMS: Record<string, (f: Fixture) => string> = {
  subjectId: () => 'ada',
  checkId: (f) => f.adaCheckId,
  webhookId: (f) => f.webhookLogId,
}

/** Minimal valid bodies (checked against each contract's schema); a route not listed sends `{}`. */
const BODIES: Partial<Record<OperationName, (f: Fixture) => Json>> = {
  recordConsent: () => consentBody('ada'),
  clear: () => ({ reason: NOTE }),
  startAdverseAction: (f) => ({ adverseItemIds: [f.adverseItemId], medium: 'email' }),
  finalizeAdverseAction: () => ({ reason: NOTE }),
  cancelAdverseAction: () => ({ reason: NOTE }),
  openDispute: () => ({ reason: NOTE, writtenDispute: false }),
  resolveDispute: () => ({ reason: NOTE }),
  cancelCheck: () => ({ reason: NOTE }),
}

/**
 * The order the allowed writes run in, after every read: a lifecycle on ada's `consider` check, so
 * each decision has something to act on at least once. Routes not listed run after these.
 */
const WRITE_ORDER: readonly string[] = [
  'recordConsent',
  'invite',
  'recheck',
  'startAdverseAction',
  'finalizeAdverseAction',
  'cancelAdverseAction',
  'openDispute',
  'resolveDispute',
  'clear',
  'adminRecheck',
  'cancelCheck',
]

const entries = Object.entries(OPERATIONS) as [OperationName, OperationContract][]

function fillPath(template: string, fixture: Fixture): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const value = PARAMS[key]
    if (!value) throw new Error(`no value for the path parameter {${key}} (add it to PARAMS)`)
    return encodeURIComponent(value(fixture))
  })
}

function paramsOf(template: string, fixture: Fixture): Record<string, string> {
  return Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map(([, key = '']) => [key, PARAMS[key]?.(fixture) ?? '']))
}

function bodyOf(route: MatrixRoute, fixture: Fixture): Json {
  return route.name ? (BODIES[route.name]?.(fixture) ?? {}) : {}
}

/** Maps the document's operations to the contract table: unmapped operations are reported, not guessed. */
function routesFromOpenApi(paths: Record<string, Record<string, unknown>>, webhookTemplate: string) {
  const routes: MatrixRoute[] = []
  const unmapped: string[] = []
  for (const [fullPath, operations] of Object.entries(paths)) {
    for (const method of Object.keys(operations)) {
      const upper = method.toUpperCase()
      if (!fullPath.startsWith(`${MOUNT}/`)) {
        unmapped.push(`${upper} ${fullPath} (outside ${MOUNT})`)
        continue
      }
      const template = fullPath.slice(MOUNT.length)
      const label = `${upper} ${template}`
      if (upper === 'POST' && template === webhookTemplate) {
        routes.push({ label, method: 'POST', template, access: 'webhook', name: null })
        continue
      }
      const hit = entries.find(([, contract]) => contract.method === upper && contract.path === template)
      if (!hit) {
        unmapped.push(label)
        continue
      }
      const [name, contract] = hit
      routes.push({ label, method: contract.method, template, access: contract.access, name })
    }
  }
  // The document does not describe itself; the public route that serves it is in the matrix too.
  routes.push({ label: 'GET /openapi.json', method: 'GET', template: '/openapi.json', access: 'openapi', name: null })
  return { routes, unmapped }
}

function judge(cell: Cell, response: CallResult): string | null {
  const { status } = response
  const code = typeof response.json.code === 'string' ? response.json.code : null
  if (cell.expected === 'allowed') {
    if (status === 401 || status === 403) return `denied an allowed caller (${status} ${code ?? ''})`
    // Anything else is a decision of the route itself, but it must be the route that answered.
    if (status === 400 || status === 404 || status === 405 || status === 415 || status >= 500) return `did not reach the route (${status} ${code ?? ''})`
    return null
  }
  const want = DENIAL[cell.expected]
  if (status !== want) return `expected ${want} ${cell.expected}, got ${status} ${code ?? ''}`
  const type = response.headers.get('content-type')
  if (type !== 'application/problem+json') return `denied with content-type ${type ?? 'none'}`
  if (cell.route.method === 'HEAD') return response.text === '' ? null : 'HEAD answered with a body'
  if (code !== cell.expected) return `denied with code ${code ?? 'none'}, not ${cell.expected}`
  if (response.json.status !== want) return `problem body says status ${String(response.json.status)}`
  return null
}

type Snapshot = Record<TableName, { rows: number; digest: string }>

const jsonSafe = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)

/** Every row of every table (count and a digest of the contents): inserts, updates and deletes all show. */
async function snapshot(db: PgliteDatabase, engine: MatrixEngine): Promise<Snapshot> {
  const result: Partial<Snapshot> = {}
  for (const table of TABLES) {
    const rows = (await db.knex(engine.storage.tables.ref(table)).select()) as unknown[]
    const lines = rows.map((row) => JSON.stringify(row, jsonSafe)).sort()
    result[table] = { rows: rows.length, digest: createHash('sha256').update(lines.join('\n')).digest('hex') }
  }
  return result as Snapshot
}

const countsOf = (s: Snapshot) => TABLES.map((t) => `${t} ${s[t].rows}`).join(', ')

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

describe('authorization matrix: every route x caller x adapter against one table', () => {
  const started = performance.now()
  let db: PgliteDatabase | undefined
  let engine: MatrixEngine
  const servers = new Map<AdapterName, StartedServer>()
  const clients = new Map<AdapterName, Client>()
  let fixture: Fixture
  let routes: MatrixRoute[] = []
  let unmapped: string[] = []
  const outcomes: Outcome[] = []
  const unsigned: Outcome[] = []
  let before: Snapshot | undefined
  let after: Snapshot | undefined

  const clientOf = (adapter: AdapterName) => {
    const client = clients.get(adapter)
    if (!client) throw new Error(`${adapter} is not running`)
    return client
  }
  const admin = (method: string, path: string, body?: Json) =>
    clientOf('express').call(method, path, body === undefined ? { token: 'admin-token' } : { token: 'admin-token', body })

  beforeAll(async () => {
    db = await openPglite()
    engine = await createMatrixEngine(db, MOUNT)
    for (const adapter of ADAPTERS) {
      const server = await startAdapter(adapter, engine.vetkit, MOUNT)
      servers.set(adapter, server)
      clients.set(adapter, createClient(() => `${server.baseUrl}${MOUNT}`))
    }
    const express = servers.get('express')
    if (!express) throw new Error('express did not start')
    engine.setWebhookUrl(`${express.baseUrl}${MOUNT}${engine.vetkit.webhookPath}`)

    // Real state: ada and bob consented and invited; ada's report comes back `consider`, bob's clear.
    for (const subjectId of ['ada', 'bob']) {
      expect((await admin('POST', `/subjects/${subjectId}/consents`, consentBody(subjectId))).status).toBe(201)
    }
    engine.fake.setScenario('ada', 'consider')
    for (const subjectId of ['ada', 'bob']) expect((await admin('POST', `/subjects/${subjectId}/invite`, {})).status).toBe(201)
    await engine.advance(3 * 24)
    expect((await admin('GET', '/subjects/ada/status')).json).toMatchObject({ status: 'consider', eligible: false })
    expect((await admin('GET', '/subjects/bob/status')).json).toMatchObject({ status: 'passed' })

    const adaCheckId = field<string>(await engine.vetkit.api.getStatus('ada'), 'checkId')
    const items = field<{ id: string }[]>((await admin('GET', `/admin/checks/${adaCheckId}/adverse-items`)).json, 'items')
    const webhook = engine.fake.webhooksFor().find((w) => w.delivered)
    if (!items[0] || !webhook) throw new Error('the setup produced no adverse item or no delivered webhook')
    const logged = (await engine.vetkit.webhooks.list({ limit: 200 })).items.find((row) => row.eventId === webhook.eventId)
    if (!logged) throw new Error('the delivered webhook is not in the log')
    fixture = { adaCheckId, adverseItemId: items[0].id, webhookEventId: webhook.eventId, webhookLogId: logged.id }
  }, 120_000)

  afterAll(async () => {
    for (const server of servers.values()) await server.close()
    await db?.close()
  })

  const send = (cell: Cell): Promise<CallResult> => {
    const { route, caller } = cell
    const options: CallOptions = {}
    const token = CALLERS[caller].token
    if (token !== null) options.token = token
    if (route.access === 'webhook') {
      const { headers, rawBody } = engine.fake.buildWebhook(fixture.webhookEventId)
      options.headers = Object.fromEntries(headers)
      options.raw = rawBody
    } else if (route.method === 'POST') {
      options.body = bodyOf(route, fixture)
    }
    return clientOf(cell.adapter).call(route.method, fillPath(route.template, fixture), options)
  }

  const run = async (cells: readonly Cell[], into: Outcome[]) => {
    for (const cell of cells) {
      const response = await send(cell)
      const code = typeof response.json.code === 'string' ? response.json.code : null
      into.push({ cell, status: response.status, code, violation: judge(cell, response) })
    }
  }

  const cells = (): Cell[] =>
    ADAPTERS.flatMap((adapter) =>
      routes.flatMap((route) => CALLER_KINDS.map((caller) => ({ adapter, route, caller, expected: EXPECTED[route.access][caller] }))),
    )

  const describeViolations = (list: readonly Outcome[]) =>
    list.filter((o) => o.violation !== null).map((o) => `${o.cell.route.label} | ${o.cell.caller} | ${o.cell.adapter} | ${o.status} | ${o.violation ?? ''}`)

  const report = (list: readonly Outcome[]) => {
    const violations = describeViolations(list)
    if (violations.length > 0) console.log(`authorization matrix violations (route | caller | adapter | status | why):\n  ${violations.join('\n  ')}`)
    return violations
  }

  it('takes its routes from the OpenAPI document each adapter serves, every operation mapped to a contract', async () => {
    const documents: Record<string, Record<string, unknown>>[] = []
    for (const adapter of ADAPTERS) {
      const doc = await clientOf(adapter).call('GET', '/openapi.json')
      expect(doc.status, adapter).toBe(200)
      documents.push(field<Record<string, Record<string, unknown>>>(doc.json, 'paths'))
    }
    expect(documents[1]).toEqual(documents[0])
    const derived = routesFromOpenApi(documents[0] ?? {}, engine.vetkit.webhookPath)
    routes = derived.routes
    unmapped = derived.unmapped
    expect(unmapped, 'OpenAPI operations with no contract in OPERATIONS').toEqual([])
    // And the other way: no contract the document leaves out (so none escapes the matrix).
    expect(entries.map(([name]) => name).filter((name) => !routes.some((r) => r.name === name))).toEqual([])
    expect(routes.filter((r) => r.access === 'webhook')).toHaveLength(1)
    // The table's callers are the host's tokens, plus nobody and a forged token.
    expect(CALLER_KINDS.map((c) => CALLERS[c].token).filter((t) => t !== null && !(t in HOST_TOKENS))).toEqual(['forged-token'])
  })

  it('sends each route a request that is valid apart from who sends it', () => {
    expect(routes.length).toBeGreaterThan(2)
    for (const route of routes) {
      if (!route.name) continue
      const contract: OperationContract = OPERATIONS[route.name]
      const params = paramsOf(route.template, fixture)
      if (contract.params) expect(contract.params.safeParse(params).success, `${route.label} params`).toBe(true)
      if (contract.body) expect(contract.body.safeParse(bodyOf(route, fixture)).success, `${route.label} body`).toBe(true)
      expect(() => fillPath(route.template, fixture)).not.toThrow()
    }
  })

  it('denies exactly who the table denies, with 401 or 403 problem+json, and writes nothing', async () => {
    const denied = cells().filter((c) => c.expected !== 'allowed')
    const heads = denied.filter((c) => c.route.method === 'GET').map((c) => ({ ...c, route: { ...c.route, method: 'HEAD' as const, label: c.route.label.replace(/^GET/, 'HEAD') } }))
    before = await snapshot(db!, engine)
    await run([...denied, ...heads], outcomes)
    after = await snapshot(db!, engine)
    expect(report(outcomes)).toEqual([])
    expect(after, 'denied requests wrote to the database').toEqual(before)
  })

  it('lets exactly who the table allows through: the reads first, then the webhook, then the writes', async () => {
    const allowed = cells().filter((c) => c.expected === 'allowed')
    const rank = (c: Cell) => {
      if (c.route.method !== 'POST') return -2
      if (c.route.access === 'webhook') return -1
      const i = WRITE_ORDER.indexOf(c.route.name ?? '')
      return i === -1 ? WRITE_ORDER.length : i
    }
    const heads = allowed.filter((c) => c.route.method === 'GET').map((c) => ({ ...c, route: { ...c.route, method: 'HEAD' as const, label: c.route.label.replace(/^GET/, 'HEAD') } }))
    const ordered = [...allowed, ...heads].map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map(({ c }) => c)
    const mine: Outcome[] = []
    await run(ordered, mine)
    outcomes.push(...mine)
    expect(report(mine)).toEqual([])
  })

  it('refuses an unsigned webhook whoever the caller, admin included (the signature, not the hook)', async () => {
    const webhook = routes.find((r) => r.access === 'webhook')!
    for (const adapter of ADAPTERS) {
      for (const caller of CALLER_KINDS) {
        const { rawBody } = engine.fake.buildWebhook(fixture.webhookEventId)
        const token = CALLERS[caller].token
        const options: CallOptions = { raw: rawBody, type: 'application/json' }
        if (token !== null) options.token = token
        const response = await clientOf(adapter).call('POST', webhook.template, options)
        const code = typeof response.json.code === 'string' ? response.json.code : null
        const cell: Cell = { adapter, route: { ...webhook, label: `${webhook.label} (unsigned)` }, caller, expected: 'unauthenticated' }
        unsigned.push({ cell, status: response.status, code, violation: response.status === 401 ? null : `an unsigned webhook answered ${response.status} ${code ?? ''}` })
      }
    }
    expect(report(unsigned)).toEqual([])
  })

  it('prints its counts', () => {
    const main = outcomes.filter((o) => o.cell.route.method !== 'HEAD')
    const heads = outcomes.filter((o) => o.cell.route.method === 'HEAD')
    const tally = (list: readonly Outcome[]) => ({
      denied: list.filter((o) => o.cell.expected !== 'allowed' && o.violation === null).length,
      allowed: list.filter((o) => o.cell.expected === 'allowed' && o.violation === null).length,
      violations: list.filter((o) => o.violation !== null).length,
    })
    const m = tally(main)
    const h = tally(heads)
    const statuses = new Map<number, number>()
    for (const o of outcomes) if (o.cell.expected === 'allowed') statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(
      [
        `authorization matrix: ${routes.length} routes x ${CALLER_KINDS.length} callers x ${ADAPTERS.length} adapters = ${main.length} requests, ${m.denied} denied as expected, ${m.allowed} allowed, violations: ${m.violations}`,
        `  HEAD on the ${routes.filter((r) => r.method === 'GET').length} GET routes: ${heads.length} requests, ${h.denied} denied as expected, ${h.allowed} allowed, violations: ${h.violations}`,
        `  unsigned webhook: ${unsigned.length} requests, ${unsigned.filter((o) => o.violation === null).length} refused with 401, violations: ${unsigned.filter((o) => o.violation !== null).length}`,
        `  allowed answers by status: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s} x${n}`).join(', ')}`,
        `  rows before and after the denied requests: ${before && after ? countsOf(after) : 'not taken'}; unchanged: ${before !== undefined && JSON.stringify(before) === JSON.stringify(after)}`,
        `  callers: ${CALLER_KINDS.join(', ')}; ${seconds} s`,
      ].join('\n'),
    )
    expect(main.length).toBe(routes.length * CALLER_KINDS.length * ADAPTERS.length)
    expect(m.violations + h.violations + unsigned.filter((o) => o.violation !== null).length).toBe(0)
  })
})
