import { createApp, type App } from '../src/app'
import { APP_FAKE_TIMINGS, configFromEnv, FAKE_SIGNING_KEY, type AppConfig } from '../src/config'

/** The app as tests run it: in-memory PGlite, no seed, a fast fake Checkr, quick polling, quiet. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...configFromEnv({}),
    port: 0,
    database: { kind: 'pglite', dataDir: null },
    fakeStateFile: null,
    // The app's pace, with a quicker happy path; the seed relies on the slow paths staying slow.
    provider: { kind: 'fake', signingKey: FAKE_SIGNING_KEY, timings: { ...APP_FAKE_TIMINGS, invitationCompleted: { seconds: 0 }, reportCompleted: { seconds: 0 } } },
    seed: false,
    deliveryIntervalMs: 100,
    worker: { ...configFromEnv({}).worker, pollIntervalMs: 100 },
    log: () => undefined,
    ...overrides,
  }
}

export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<{ host: App; url: string }> {
  const host = await createApp(testConfig(overrides))
  const { localUrl } = await host.listen(0, '127.0.0.1')
  return { host, url: localUrl }
}

export interface Reply {
  status: number
  json: Record<string, unknown>
  text: string
  headers: Headers
}

export type Call = (as: string | null, method: string, path: string, body?: unknown) => Promise<Reply>

/** A fetch as the demo user `as` (the X-Demo-User header), JSON in and out. */
export function client(url: string): Call {
  return async (as, method, path, body) => {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (as) headers['x-demo-user'] = as
    if (body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(url + path, { method, headers, redirect: 'manual', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
    const text = await res.text()
    let json: Record<string, unknown> = {}
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {}
    } catch {
      // An HTML page.
    }
    return { status: res.status, json, text, headers: res.headers }
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
