import { Console } from 'node:console'
import { PassThrough, Writable } from 'node:stream'
import knexFactory from 'knex'
import pino from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import winston from 'winston'
import { systemClock } from '../../src/domain/clock'
import type { LoggerLike } from '../../src/logging/resolve-logger'
import { createFakeProvider } from '../../src/providers/fake'
import { createKnexStorage } from '../../src/storage/knex'
import { testSealer } from '../../src/testing'
import { createVetkit } from '../../src/vetkit/create-vetkit'
import type { VetkitEnvironment } from '../../src/vetkit/environment-guards'

/** An engine whose `authenticate` hook throws: the simplest server-side fault (no database needed). */
function engineWith(logger: LoggerLike | undefined, environment: VetkitEnvironment = 'test') {
  const knex = knexFactory({ client: 'pg', connection: 'postgres://127.0.0.1:1/never' })
  return createVetkit({
    storage: createKnexStorage({ knex, sealer: testSealer() }),
    provider: createFakeProvider({ clock: systemClock, signingKey: 'k' }),
    environment,
    ...(logger ? { logger } : {}),
    http: {
      authenticate: () => {
        throw new Error('session store unreachable', { cause: new Error('ECONNREFUSED 10.0.0.5:6379') })
      },
    },
  })
}

async function fault(logger: LoggerLike | undefined, environment?: VetkitEnvironment) {
  const response = await engineWith(logger, environment).handler(new Request('http://host/subjects/mae/status'))
  expect(response.status).toBe(500)
  const body = (await response.json()) as Record<string, unknown>
  // Nothing internal reaches the client.
  expect(JSON.stringify(body)).not.toMatch(/session store|ECONNREFUSED|at /)
  return body
}

function capture() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'))
      done()
    },
  })
  return { lines, stream }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the logger contract', () => {
  it('pino, passed as it is, gets the fields first: the stack and the cause of a 500 are in its JSON line', async () => {
    const { lines, stream } = capture()
    await fault(pino({ level: 'info' }, stream))
    expect(lines).toHaveLength(1)
    const line = JSON.parse(lines[0] ?? '{}') as { level: number; msg: string; status: number; route: string; err: { message: string; stack: string; cause: { message: string } } }
    expect(line.level).toBe(50)
    expect(line.msg).toBe('the authenticate hook threw')
    expect(line.status).toBe(500)
    expect(line.route).toBe('getStatus')
    // pino's own error serializer formats it (it folds the cause into the message).
    expect(line.err.message).toContain('session store unreachable')
    expect(line.err.stack).toMatch(/^Error: session store unreachable\n\s+at /)
    expect(lines[0]).toContain('ECONNREFUSED 10.0.0.5:6379')
  })

  it('winston, passed as it is, gets the message first with the fields as metadata', async () => {
    const entries: Record<string, unknown>[] = []
    const sink = new PassThrough({ objectMode: true })
    sink.on('data', (info: Record<string, unknown>) => entries.push(info))
    const logger = winston.createLogger({ level: 'info', transports: [new winston.transports.Stream({ stream: sink })] })
    await fault(logger)
    await new Promise((resolve) => setImmediate(resolve))
    expect(entries).toHaveLength(1)
    const entry = entries[0] as { level: string; message: string; code: string; err: { stack: string; cause: { message: string } } }
    expect(entry.level).toBe('error')
    expect(entry.message).toBe('the authenticate hook threw')
    expect(entry.code).toBe('internal_error')
    expect(entry.err.stack).toContain('session store unreachable')
    expect(entry.err.cause.message).toBe('ECONNREFUSED 10.0.0.5:6379')
  })

  it('a console, passed as it is, prints the message and then the fields, stack included', async () => {
    const { lines, stream } = capture()
    await fault(new Console({ stdout: stream, stderr: stream }))
    const text = lines.join('')
    expect(text).toMatch(/^the authenticate hook threw/)
    expect(text).toContain('session store unreachable')
    expect(text).toContain('ECONNREFUSED 10.0.0.5:6379')
    expect(text).toContain("at authorize")
  })

  it('without a logger, development writes warnings and errors to stderr; the test environment stays silent', async () => {
    const written: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
    await fault(undefined, 'development')
    expect(written.join('')).toMatch(/^vetkit error: the authenticate hook threw \{.*"status":500.*\}\n\s+Error: session store unreachable\n[\s\S]*caused by: Error: ECONNREFUSED/)
    written.length = 0
    await fault(undefined, 'test')
    expect(written).toEqual([])
  })

  it('a logger that throws does not turn the 500 into an unhandled error', async () => {
    const broken = { info: () => undefined, warn: () => undefined, error: () => { throw new Error('log sink full') } }
    const body = await fault(broken)
    expect(body.code).toBe('internal_error')
  })
})
