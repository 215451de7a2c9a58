import { bodyParser } from '@koa/bodyparser'
import Router from '@koa/router'
import Koa from 'koa'
import koaBodyParser from 'koa-bodyparser'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { describeHttpContract, type StartedServer } from '../../../tests/http-contract/contract-suite'
import { echoVetkit, rawRequest } from '../../../tests/http-contract/echo-vetkit'
import { listen } from '../../../tests/http-contract/listen'
import { describeMetricsMount } from '../../../tests/http-contract/metrics-mount'
import { vetkitMiddleware } from '../src'

describeHttpContract('Koa', async (vetkit, { mountPath, bodyParserFirst }) => {
  const app = new Koa()
  app.silent = true
  // @koa/bodyparser keeps `ctx.request.rawBody`, so webhooks still verify after it.
  if (bodyParserFirst) app.use(bodyParser())
  app.use(vetkitMiddleware(vetkit, { basePath: mountPath }))
  const router = new Router()
  router.get('/host/ping', (ctx) => {
    ctx.body = 'pong'
  })
  app.use(router.routes())
  return listen(app.callback())
})

describeMetricsMount('Koa', (endpoint) => {
  const app = new Koa()
  app.silent = true
  app.use(vetkitMiddleware(endpoint, { basePath: endpoint.path }))
  return listen(app.callback())
})

describe('Koa adapter: Node <-> Fetch', () => {
  let server: StartedServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })
  const serve = async (app: Koa) => {
    app.silent = true
    server = await listen(app.callback())
    return server
  }

  it('passes the method, the full original URL, every header and the socket address', async () => {
    const vetkit = echoVetkit()
    const app = new Koa()
    app.use(vetkitMiddleware(vetkit, { basePath: '/api/v1/vetkit' }))
    const s = await serve(app)
    const res = await rawRequest(s, 'GET', '/api/v1/vetkit/admin/checks?status=passed', [
      ['X-Multi', 'one'],
      ['X-Multi', 'two'],
      ['Cookie', 'a=1'],
      ['Cookie', 'b=2'],
    ])
    expect(res.status).toBe(200)
    const seen = vetkit.seen[0]!
    expect(seen.url).toBe(`${s.baseUrl}/api/v1/vetkit/admin/checks?status=passed`)
    expect(seen.headers).toMatchObject({ 'x-multi': 'one, two', cookie: 'a=1; b=2' })
    expect(seen.remoteAddress).toBe('127.0.0.1')
  })

  it('writes the status and every header with each Set-Cookie on its own line, visible to middleware above', async () => {
    const vetkit = echoVetkit(
      () => new Response('created', { status: 201, headers: [['set-cookie', 'a=1; Path=/'], ['set-cookie', 'b=2; Path=/'], ['content-type', 'text/plain']] }),
    )
    const app = new Koa()
    const outer: number[] = []
    app.use(async (ctx, next) => {
      await next()
      outer.push(ctx.status)
      ctx.set('x-host', 'seen')
    })
    app.use(vetkitMiddleware(vetkit, { basePath: '/vetkit' }))
    const s = await serve(app)
    const res = await fetch(`${s.baseUrl}/vetkit/x`)
    expect(res.status).toBe(201)
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    expect(res.headers.get('content-type')).toBe('text/plain')
    expect(res.headers.get('x-host')).toBe('seen')
    expect(await res.text()).toBe('created')
    expect(outer).toEqual([201])
  })

  it('keeps an empty body empty without turning the status into 204', async () => {
    const vetkit = echoVetkit(() => new Response(null, { status: 202 }))
    const app = new Koa()
    app.use(vetkitMiddleware(vetkit))
    const s = await serve(app)
    const res = await fetch(`${s.baseUrl}/anything`)
    expect(res.status).toBe(202)
    expect(await res.text()).toBe('')
  })

  it('answers without reading a large body (401 before an upload) and closes that connection', async () => {
    const vetkit = { webhookPath: '/webhooks/fake', handler: async () => Response.json({ code: 'unauthenticated' }, { status: 401 }) }
    const app = new Koa()
    app.use(vetkitMiddleware(vetkit, { basePath: '/vetkit' }))
    const s = await serve(app)
    const res = await rawRequest(s, 'POST', '/vetkit/subjects/ada/consents', [['Content-Type', 'application/json']], Buffer.alloc(4 * 1024 * 1024, 0x20))
    expect(res.status).toBe(401)
    expect(res.headers.connection).toBe('close')
    expect((await fetch(`${s.baseUrl}/vetkit/x`)).status).toBe(401)
  })

  it('serves HTTP/2 too: a body without Content-Length still reaches vetkit', async () => {
    const { connect, createServer } = await import('node:http2')
    const vetkit = echoVetkit()
    const app = new Koa()
    app.use(vetkitMiddleware(vetkit, { basePath: '/vetkit' }))
    const h2 = createServer(app.callback())
    await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve))
    const { port } = h2.address() as { port: number }
    const session = connect(`http://127.0.0.1:${port}`)
    try {
      const stream = session.request({ ':method': 'POST', ':path': '/vetkit/subjects/ada/invite', 'content-type': 'application/json', cookie: 'a=1' })
      stream.end('{"jurisdiction":"US"}')
      const [status, text] = await new Promise<[number, string]>((resolve, reject) => {
        let code = 0
        let body = ''
        stream.on('response', (headers) => {
          code = Number(headers[':status'])
        })
        stream.setEncoding('utf8')
        stream.on('data', (chunk: string) => (body += chunk))
        stream.on('end', () => resolve([code, body]))
        stream.on('error', reject)
      })
      expect(status).toBe(200)
      expect(JSON.parse(text)).toMatchObject({ method: 'POST', url: `http://127.0.0.1:${port}/vetkit/subjects/ada/invite`, body: '{"jurisdiction":"US"}' })
      expect(vetkit.seen[0]!.headers).not.toHaveProperty(':path')
    } finally {
      session.close()
      await new Promise((resolve) => h2.close(resolve))
    }
  })

  it('with a prefix, takes only its own paths and passes the rest on', async () => {
    const vetkit = echoVetkit()
    const app = new Koa()
    app.use(vetkitMiddleware(vetkit, { basePath: '/vetkit' }))
    app.use((ctx) => {
      ctx.body = `host ${ctx.path}`
    })
    const s = await serve(app)
    expect(await (await fetch(`${s.baseUrl}/vetkitten`)).text()).toBe('host /vetkitten')
    expect(vetkit.seen).toHaveLength(0)
    expect((await fetch(`${s.baseUrl}/vetkit`)).status).toBe(200)
    expect(vetkit.seen).toHaveLength(1)
  })

  it('works behind an @koa/router route', async () => {
    const vetkit = echoVetkit()
    const app = new Koa()
    const router = new Router()
    router.all(/^\/vetkit(?:\/.*)?$/, vetkitMiddleware(vetkit))
    app.use(router.routes())
    const s = await serve(app)
    const res = await fetch(`${s.baseUrl}/vetkit/subjects/ada/invite`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(res.status).toBe(200)
    expect(vetkit.seen[0]).toMatchObject({ method: 'POST', url: `${s.baseUrl}/vetkit/subjects/ada/invite` })
  })

  it('after koa-bodyparser or @koa/bodyparser, webhooks get their exact bytes and JSON routes their body', async () => {
    const bytes = new TextEncoder().encode('{ "id" : "evt_1", "name": "é" }\n')
    for (const parser of [koaBodyParser(), bodyParser()]) {
      const vetkit = echoVetkit()
      const app = new Koa()
      app.use(parser)
      app.use(vetkitMiddleware(vetkit, { basePath: '/vetkit' }))
      const s = await serve(app)
      for (const path of ['/vetkit/webhooks/fake', '/vetkit/subjects/ada/consents']) {
        const res = await fetch(`${s.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes })
        expect(res.status).toBe(200)
      }
      expect(vetkit.seen.map((seen) => seen.body)).toEqual([bytes, bytes])
      expect(vetkit.seen[0]!.headers['content-length']).toBe(String(bytes.byteLength))
      await s.close()
      server = undefined
    }
  })

  it('after koa-body with includeUnparsed, webhooks get the unparsed text', async () => {
    const vetkit = echoVetkit()
    const app = new Koa()
    // What koa-body does with `includeUnparsed: true`.
    app.use(async (ctx, next) => {
      const chunks: Buffer[] = []
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer)
      const text = Buffer.concat(chunks).toString('utf8')
      ;(ctx.request as { body?: unknown }).body = Object.assign(JSON.parse(text) as object, { [Symbol.for('unparsedBody')]: text })
      await next()
    })
    app.use(vetkitMiddleware(vetkit, { basePath: '/vetkit' }))
    const s = await serve(app)
    const res = await fetch(`${s.baseUrl}/vetkit/webhooks/fake`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{ "id": "evt_1" }' })
    expect(res.status).toBe(200)
    expect(new TextDecoder().decode(vetkit.seen[0]!.body)).toBe('{ "id": "evt_1" }')
  })

  it('after a parser that keeps no raw body: JSON routes get the parsed body again, webhooks refuse with body_already_parsed', async () => {
    const vetkit = echoVetkit()
    const errors: Error[] = []
    const app = new Koa()
    app.on('error', (error: Error) => errors.push(error))
    // A parser that reads the stream and keeps only the parsed value.
    app.use(async (ctx, next) => {
      const chunks: Buffer[] = []
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer)
      ;(ctx.request as { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
      await next()
    })
    app.use(vetkitMiddleware(vetkit, { basePath: '/vetkit' }))
    const s = await serve(app)
    const json = await fetch(`${s.baseUrl}/vetkit/subjects/ada/consents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{ "a" : 1 }' })
    expect(json.status).toBe(200)
    expect(new TextDecoder().decode(vetkit.seen[0]!.body)).toBe('{"a":1}')
    const webhook = await fetch(`${s.baseUrl}/vetkit/webhooks/fake`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(webhook.status).toBe(500)
    expect(webhook.headers.get('content-type')).toBe('application/problem+json')
    expect(await webhook.json()).toMatchObject({ code: 'body_already_parsed', detail: expect.stringContaining('before the body parser') })
    expect(vetkit.seen).toHaveLength(1)
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('body parser')])

    const logger = { error: vi.fn() }
    const logged = new Koa()
    logged.use(async (ctx, next) => {
      for await (const _chunk of ctx.req) void _chunk
      ;(ctx.request as { body?: unknown }).body = {}
      await next()
    })
    logged.use(vetkitMiddleware(vetkit, { basePath: '/vetkit', logger }))
    await s.close()
    const s2 = await serve(logged)
    expect((await fetch(`${s2.baseUrl}/vetkit/webhooks/fake`, { method: 'POST', body: '{}' })).status).toBe(500)
    expect(logger.error).toHaveBeenCalledWith('vetkit: request body already parsed', expect.objectContaining({ code: 'body_already_parsed' }))
  })
})
