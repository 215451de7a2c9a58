import { createVetkit, manualClock, memoryMailer, type ManualClock, type Vetkit, type Worker } from '@vetkit/core'
import { createFakeProvider, type FakeProvider } from '@vetkit/core/fake'
import { createKnexStorage, type KnexStorage } from '@vetkit/core/knex'
import type { PgliteDatabase } from '@vetkit/core/pglite'
import { testSealer } from '@vetkit/core/testing'

export const SIGNING_KEY = 'hostile-webhook-signing-key'
export const AUTHORIZATION_TEXT = 'I authorize Example Marketplace to obtain a consumer report about me.'

/** Bearer tokens the host's `authenticate` hook knows: an admin and three subjects. */
export const TOKENS: Record<string, { id: string; roles: string[]; subjectId?: string }> = {
  'admin-token': { id: 'admin-1', roles: ['admin'] },
  'ada-token': { id: 'user-ada', roles: [], subjectId: 'ada' },
  'bob-token': { id: 'user-bob', roles: [], subjectId: 'bob' },
  'cy-token': { id: 'user-cy', roles: [], subjectId: 'cy' },
}

export interface HostileEngine {
  vetkit: Vetkit
  fake: FakeProvider
  clock: ManualClock
  worker: Worker
  /** This engine's tables (its own prefix), for the before/after snapshots. */
  storage: KnexStorage
}

/**
 * A whole engine on a PGlite database (table prefix `hostile_`): the fake provider, a manual clock,
 * an `authenticate` hook that knows `TOKENS`, and loopback proxies trusted for X-Forwarded-For.
 */
export async function createHostileEngine(db: PgliteDatabase, basePath: string): Promise<HostileEngine> {
  const storage = createKnexStorage({ knex: db.knex, sealer: testSealer(), tablePrefix: 'hostile_' })
  await storage.migrate()
  const clock = manualClock(new Date(Math.floor(Date.now() / 1000) * 1000))
  // No deliverer: the test posts the fake's webhooks itself, so it keeps their exact bytes.
  const fake = createFakeProvider({ clock, signingKey: SIGNING_KEY })
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
      // Own keys only: a token such as `__proto__` must not find Object.prototype.
      authenticate: (request) => {
        const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? ''
        return Object.hasOwn(TOKENS, token) ? (TOKENS[token] ?? null) : null
      },
    },
  })
  return { vetkit, fake, clock, worker: vetkit.createWorker({ batchSize: 50 }), storage }
}
