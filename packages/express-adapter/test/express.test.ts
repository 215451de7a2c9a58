import express from 'express'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { describeHttpContract, type StartedServer } from '../../../tests/http-contract/contract-suite'
import { echoVetkit, rawRequest } from '../../../tests/http-contract/echo-vetkit'
import { listen } from '../../../tests/http-contract/listen'
import { describeMetricsMount } from '../../../tests/http-contract/metrics-mount'
import { keepRawBody, vetkitRouter } from '../src'

describeHttpContract('Express', async (vetkit, { mountPath, bodyParserFirst }) => {
  const app = express()
  if (bodyParserFirst) {
    // The host's parsers run first; `keepRawBody` keeps the exact bytes webhooks are verified on.
    app.use(express.json({ verify: keepRawBody }))
    app.use(express.urlencoded({ extended: false, verify: keepRawBody }))
  }
  app.get('/host/ping', (_req, res) => {
    res.type('text/plain').send('pong')
  })
  app.use(mountPath, vetkitRouter(vetkit))
  if (!bodyParserFirst) app.use(express.json())
  return listen(app)
})

describeMetricsMount('Express', (endpoint) => {
  const app = express()
  app.use(vetkitRouter(endpoint, { basePath: endpoint.path }))
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('host: not found')
  })
  return listen(app)
})

describe('Express adapter: Node <-> Fetch', () => {
  let server: StartedServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })
  const serve = async (app: express.Express) => {
    server = await listen(app)
    return server
  }

  it('passes the method, the full original URL, every header and the socket address', async () => {
    const vetkit = echoVetkit()
    const app = express()
    app.use('/api/v1/vetkit', vetkitRouter(vetkit))
    const s = await serve(app)
    const res = await rawRequest(s, 'GET', '/api/v1/vetkit/admin/checks?status=passed&limit=2', [
      ['X-Multi', 'one'],
      ['X-Multi', 'two'],
      ['Cookie', 'a=1'],
      ['Cookie', 'b=2'],
      ['Authorization', 'Bearer t'],
    ])
    expect(res.status).toBe(200)
    const seen = vetkit.seen[0]!
    expect(seen.method).toBe('GET')
    expect(seen.url).toBe(`${s.baseUrl}/api/v1/vetkit/admin/checks?status=passed&limit=2`)
    expect(seen.headers).toMatchObject({ 'x-multi': 'one, two', cookie: 'a=1; b=2', authorization: 'Bearer t' })
    expect(seen.remoteAddress).toBe('127.0.0.1')
  })

  it('never lets the Host header rewrite the path', async () => {
    const vetkit = echoVetkit()
    const app = express()
    app.use('/vetkit', vetkitRouter(vetkit))
    const s = await serve(app)
    await rawRequest(s, 'GET', '/vetkit/subjects/ada/status', [['Host', 'evil.example/admin']])
    expect(vetkit.seen[0]!.url).toBe('http://localhost/vetkit/subjects/ada/status')
  })

  it('writes the status, every header with each Set-Cookie on its own line, and streams the body', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const vetkit = echoVetkit(() => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('first;'))
          await gate
          controller.enqueue(new TextEncoder().encode('second'))
          controller.close()
        },
      })
      const headers = new Headers([['set-cookie', 'a=1; Path=/'], ['set-cookie', 'b=2; Path=/; HttpOnly'], ['x-vetkit', 'yes'], ['content-type', 'text/plain']])
      return new Response(body, { status: 202, headers })
    })
    const app = express()
    app.use('/vetkit', vetkitRouter(vetkit))
    const s = await serve(app)
    const res = await fetch(`${s.baseUrl}/vetkit/anything`)
    expect(res.status).toBe(202)
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly'])
    expect(res.headers.get('x-vetkit')).toBe('yes')
    const reader = res.body!.getReader()
    // The first chunk arrives while the handler's body is still open: nothing is buffered whole.
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first;')
    release()
    let rest = ''
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value)
    expect(rest).toBe('second')
  })

  it('streams a large request body to vetkit unchanged', async () => {
    const vetkit = echoVetkit((seen) => Response.json({ length: seen.body.byteLength, last: seen.body.at(-1) }))
    const app = express()
    app.use('/vetkit', vetkitRouter(vetkit))
    const s = await serve(app)
    const payload = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251)
    const res = await fetch(`${s.baseUrl}/vetkit/upload`, { method: 'PUT', body: payload })
    expect(await res.json()).toEqual({ length: payload.byteLength, last: payload.at(-1) })
  })

  it('answers without reading a large body (401 before an upload) and closes that connection', async () => {
    const vetkit = { webhookPath: '/webhooks/fake', handler: async () => Response.json({ code: 'unauthenticated' }, { status: 401 }) }
    const app = express()
    app.use('/vetkit', vetkitRouter(vetkit))
    const s = await serve(app)
    const res = await rawRequest(s, 'POST', '/vetkit/subjects/ada/consents', [['Content-Type', 'application/json']], Buffer.alloc(4 * 1024 * 1024, 0x20))
    expect(res.status).toBe(401)
    expect(res.headers.connection).toBe('close')
    const after = await fetch(`${s.baseUrl}/vetkit/x`)
    expect(after.status).toBe(401)
  })

  it('with a basePath, takes only its own paths and passes the rest on', async () => {
    const vetkit = echoVetkit()
    const app = express()
    app.use(vetkitRouter(vetkit, { basePath: '/vetkit/' }))
    app.get('/other', (_req, res) => {
      res.send('host')
    })
    const s = await serve(app)
    expect(await (await fetch(`${s.baseUrl}/other`)).text()).toBe('host')
    expect((await fetch(`${s.baseUrl}/vetkitten`)).status).toBe(404)
    expect(vetkit.seen).toHaveLength(0)
    expect((await fetch(`${s.baseUrl}/vetkit/subjects/ada/status`)).status).toBe(200)
    expect(vetkit.seen).toHaveLength(1)
    expect(() => vetkitRouter(vetkit, { basePath: 'vetkit' })).toThrow(/must start with/)
  })

  it('after a plain express.json(): JSON routes get the parsed body again, webhooks refuse with body_already_parsed', async () => {
    const vetkit = echoVetkit()
    const logger = { error: vi.fn() }
    const app = express()
    app.use(express.json())
    app.use('/vetkit', vetkitRouter(vetkit, { logger }))
    const s = await serve(app)
    const json = await fetch(`${s.baseUrl}/vetkit/subjects/ada/consents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{ "signatureName" : "Ada" }' })
    expect(json.status).toBe(200)
    expect(vetkit.seen[0]!.body).toEqual(new TextEncoder().encode('{"signatureName":"Ada"}'))
    expect(vetkit.seen[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'content-length': '23' })

    const webhook = await fetch(`${s.baseUrl}/vetkit/webhooks/fake`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"evt_1"}' })
    expect(webhook.status).toBe(500)
    expect(webhook.headers.get('content-type')).toBe('application/problem+json')
    expect(await webhook.json()).toMatchObject({ code: 'body_already_parsed', detail: expect.stringContaining('keepRawBody') })
    expect(vetkit.seen).toHaveLength(1)
    expect(logger.error).toHaveBeenCalledWith('vetkit: request body already parsed', expect.objectContaining({ path: '/vetkit/webhooks/fake' }))
  })

  it('without a logger, reports the mounting error once as a process warning', async () => {
    const warnings: Error[] = []
    const onWarning = (warning: Error) => warnings.push(warning)
    process.on('warning', onWarning)
    try {
      const app = express()
      app.use(express.json())
      app.use('/vetkit', vetkitRouter(echoVetkit()))
      const s = await serve(app)
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${s.baseUrl}/vetkit/webhooks/fake`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
        expect(res.status).toBe(500)
      }
      await new Promise((resolve) => setImmediate(resolve))
      expect(warnings.filter((w) => (w as Error & { code?: string }).code === 'VETKIT_BODY_ALREADY_PARSED')).toHaveLength(1)
    } finally {
      process.off('warning', onWarning)
    }
  })

  it('after express.raw() or a verify hook, webhooks get their exact bytes', async () => {
    const bytes = new Uint8Array([0x7b, 0x20, 0x22, 0xc3, 0xa9, 0x22, 0x3a, 0x20, 0x31, 0x20, 0x7d, 0x0a]) // '{ "é": 1 }\n'
    for (const parser of [express.raw({ type: '*/*' }), express.json({ verify: keepRawBody }), express.text({ type: '*/*' })]) {
      const vetkit = echoVetkit()
      const app = express()
      app.use(parser)
      app.use('/vetkit', vetkitRouter(vetkit))
      const s = await serve(app)
      const res = await fetch(`${s.baseUrl}/vetkit/webhooks/fake`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes })
      expect(res.status).toBe(200)
      expect(vetkit.seen[0]!.body).toEqual(bytes)
      await s.close()
      server = undefined
    }
  })

  it('mounted before the parsers, leaves the host\'s parsing alone', async () => {
    const vetkit = echoVetkit()
    const app = express()
    app.use('/vetkit', vetkitRouter(vetkit))
    app.use(express.json())
    app.post('/host/echo', (req, res) => {
      res.json(req.body)
    })
    const s = await serve(app)
    const res = await fetch(`${s.baseUrl}/host/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })
    expect(await res.json()).toEqual({ a: 1 })
    expect(vetkit.seen).toHaveLength(0)
  })
})
