/**
 * The authorization matrix's engine: the contract suite's engine (PGlite, the fake provider, a
 * manual clock), built here so the test reaches the knex storage (row snapshots) and knows one
 * more caller: authenticated, but neither a subject nor an admin.
 */
import { createVetkit, manualClock, memoryMailer, type ManualClock, type Vetkit, type Worker } from '@vetkit/core'
import { createFakeProvider, httpDeliverer, type FakeProvider } from '@vetkit/core/fake'
import { createKnexStorage, type KnexStorage } from '@vetkit/core/knex'
import type { PgliteDatabase } from '@vetkit/core/pglite'
import { createSimulation, testSealer } from '@vetkit/core/testing'
import { SIGNING_KEY, TOKENS } from '../../http-contract/engine'

export interface HostCaller {
  id: string
  roles: string[]
  subjectId?: string | null
}

/** Bearer tokens the host's `authenticate` hook knows: the contract suite's, and a support agent's. */
export const HOST_TOKENS: Readonly<Record<string, HostCaller>> = {
  ...TOKENS,
  'support-token': { id: 'user-support', roles: ['support'], subjectId: null },
}

export interface MatrixEngine {
  vetkit: Vetkit
  storage: KnexStorage
  fake: FakeProvider
  clock: ManualClock
  worker: Worker
  setWebhookUrl(url: string): void
  /** Moves the clock forward from one due event to the next, delivering webhooks and running jobs. */
  advance(hours: number): Promise<void>
}

export async function createMatrixEngine(db: PgliteDatabase, basePath: string): Promise<MatrixEngine> {
  const storage = createKnexStorage({ knex: db.knex, sealer: testSealer(), tablePrefix: 'authz_' })
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
      authenticate: (request) => {
        const header = request.headers.get('authorization')
        if (!header?.startsWith('Bearer ')) return null
        return HOST_TOKENS[header.slice('Bearer '.length)] ?? null
      },
    },
  })
  const worker = vetkit.createWorker({ batchSize: 50 })
  const simulation = createSimulation({ clock, fake, jobs: storage.jobs, worker })
  return {
    vetkit,
    storage,
    fake,
    clock,
    worker,
    setWebhookUrl: (url) => {
      webhookUrl = url
    },
    advance: (hours) => simulation.advance({ hours }),
  }
}
