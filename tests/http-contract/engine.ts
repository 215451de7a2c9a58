import { createVetkit, manualClock, memoryMailer, type ManualClock, type Vetkit, type Worker } from '@vetkit/core'
import { httpDeliverer, createFakeProvider, type FakeProvider } from '@vetkit/core/fake'
import { createKnexStorage } from '@vetkit/core/knex'
import type { PgliteDatabase } from '@vetkit/core/pglite'
import { createSimulation, testSealer } from '@vetkit/core/testing'

export const SIGNING_KEY = 'contract-webhook-signing-key'
export const AUTHORIZATION_TEXT = 'I authorize Example Marketplace to obtain a consumer report about me.'

/** Bearer tokens the test host's `authenticate` hook knows. */
export const TOKENS: Record<string, { id: string; roles: string[]; subjectId?: string }> = {
  'admin-token': { id: 'admin-1', roles: ['admin'] },
  'ada-token': { id: 'user-ada', roles: [], subjectId: 'ada' },
  'bob-token': { id: 'user-bob', roles: [], subjectId: 'bob' },
}

export interface ContractEngine {
  vetkit: Vetkit
  fake: FakeProvider
  clock: ManualClock
  worker: Worker
  /** Where the fake provider POSTs its webhooks (over the real socket); set once the server runs. */
  setWebhookUrl(url: string): void
  /** Delivers due webhooks (over HTTP) and runs due jobs until quiet. */
  settle(): Promise<void>
  /** Moves the clock forward from one due event to the next, settling at each. */
  advance(hours: number): Promise<void>
}

let prefixes = 0

/**
 * A whole engine on a shared PGlite database (its own table prefix), the fake provider and a
 * manual clock. Trusts loopback proxies, so tests can vary the client address with X-Forwarded-For
 * while the socket address is always 127.0.0.1.
 */
export async function createContractEngine(db: PgliteDatabase, basePath: string): Promise<ContractEngine> {
  const storage = createKnexStorage({ knex: db.knex, sealer: testSealer(), tablePrefix: `hc${++prefixes}_` })
  await storage.migrate()
  const clock = manualClock(new Date(Math.floor(Date.now() / 1000) * 1000))
  let webhookUrl: string | null = null
  const fake = createFakeProvider({
    clock,
    signingKey: SIGNING_KEY,
    deliver: (webhook) => {
      if (!webhookUrl) throw new Error('the server is not running yet')
      return httpDeliverer(webhookUrl)(webhook)
    },
  })
  const vetkit = createVetkit({
    storage,
    provider: fake,
    clock,
    environment: 'test',
    email: {
      mailer: memoryMailer(),
      from: '"Example Trust & Safety" <trust@example.test>',
      branding: { productName: 'Example Marketplace', supportEmail: 'support@example.test', links: { status: 'https://example.test/status' } },
    },
    http: {
      basePath,
      trustProxy: ['loopback'],
      authenticate: (request) => TOKENS[request.headers.get('authorization')?.replace(/^Bearer /, '') ?? ''] ?? null,
    },
  })
  const worker = vetkit.createWorker({ batchSize: 50 })

  const simulation = createSimulation({ clock, fake, jobs: storage.jobs, worker })

  return {
    vetkit,
    fake,
    clock,
    worker,
    setWebhookUrl: (url) => {
      webhookUrl = url
    },
    settle: simulation.settle,
    advance: (hours) => simulation.advance({ hours }),
  }
}
