// vetkit's wiring in the host: storage on the host's knex with the go-live gate on `instructors`,
// the provider (the fake Checkr by default, Checkr with CHECKR_API_KEY), a mailer, the engine.
import { randomUUID } from 'node:crypto'
import type { Knex } from 'knex'
import {
  createBlindIndex,
  createFieldCipher,
  createProviderIdSealer,
  createVetkit,
  cryptoSettingsFromEnv,
  memoryMailer,
  type Clock,
  type HttpActor,
  type HostEvent,
  type Mailer,
  type ProviderIdSealer,
  type ScreeningProvider,
  type MemoryMailer,
  type Vetkit,
} from '@vetkit/core'
import { checkrProvider } from '@vetkit/core/checkr'
import { createFakeProvider, fakeStateFile, type FakeProvider, type FakeWebhookDeliverer } from '@vetkit/core/fake'
import { createKnexStorage, type KnexStorage } from '@vetkit/core/knex'
import { testSealer } from '@vetkit/core/testing'
import { prometheusMetrics } from '@vetkit/core/metrics'
import { Registry } from 'prom-client'
import type { AppConfig } from './config'

/** Where the app mounts vetkit's routes and webhooks. */
export const VETKIT_BASE_PATH = '/vetkit'

export interface EngineOptions {
  config: AppConfig
  knex: Knex
  clock: Clock
  /** Where users reach the app; known for sure only once it listens (port 0). */
  publicUrl: () => string
  authenticate: (request: Request) => Promise<HttpActor | null>
}

export interface Engine {
  vetkit: Vetkit
  /** vetkit's metrics on the app's own registry (served by `metricsEndpoint` in app.ts). */
  registry: Registry
  storage: KnexStorage
  /** The simulator, when no Checkr key is configured. */
  fake: FakeProvider | null
  /** Every email sent since start-up. */
  mailer: MemoryMailer
  /** vetkit migrations applied at this start. */
  migrations: string[]
  /** Where the fake Checkr delivers: straight into vetkit while seeding, over HTTP once the app listens. */
  setFakeDeliverer(deliver: FakeWebhookDeliverer): void
}

export async function createEngine({ config, knex, clock, publicUrl, authenticate }: EngineOptions): Promise<Engine> {
  const log = config.log
  const storage = createKnexStorage({ knex, sealer: sealerFor(config), goLiveGate: { table: 'instructors', idColumn: 'id', liveColumn: 'is_live' } })
  const { applied } = await storage.migrate()
  // Installing again replaces the trigger: safe at every start.
  await storage.installGoLiveGate()

  // Where the fake Checkr sends its webhooks can change: straight into vetkit while seeding,
  // over HTTP to the app's own webhook route once it listens.
  let deliver: FakeWebhookDeliverer | null = null
  let fake: FakeProvider | null = null
  let provider: ScreeningProvider
  if (config.provider.kind === 'fake') {
    fake = createFakeProvider({
      clock,
      signingKey: config.provider.signingKey,
      timings: config.provider.timings,
      // The simulator's state lives beside the data directory, so a restarted app finds its
      // checks (and their pending webhooks) where they were. A fresh state gets a new seed: its ids
      // (and webhook event ids) must never repeat those an earlier run stored in the database.
      ...(config.fakeStateFile ? { state: fakeStateFile(config.fakeStateFile) } : {}),
      seed: randomUUID(),
      invitationUrl: (id) => `${publicUrl()}/fake-checkr/invitations/${id}`,
      reportUrl: (id) => `${publicUrl()}/fake-checkr/reports/${id}`,
      deliver: (webhook) => {
        if (!deliver) throw new Error('the fake Checkr has nowhere to deliver yet')
        return deliver(webhook)
      },
    })
    provider = fake
  } else {
    provider = checkrProvider({ apiKey: config.provider.apiKey, environment: config.provider.environment, packageSlug: config.provider.packageSlug })
  }

  // Emails are kept in memory (shown on /admin/emails) and logged without their recipient or
  // wording (logs carry ids, never emails or names): plug smtpMailer in for real.
  const sent = memoryMailer()
  const mailer: Mailer = {
    async send(message) {
      const result = await sent.send(message)
      log(`mail      sent a notice (${result.messageId ?? 'no message id'}); see /admin/emails`)
      return result
    },
  }

  const registry = new Registry()
  const metrics = prometheusMetrics({ registry, storage, clock })
  const vetkit = createVetkit({
    metrics,
    storage,
    provider,
    clock,
    environment: config.production ? 'production' : 'development',
    // A reviewer sends the final notice from the console once the wait has run (FINAL_NOTICE).
    policy: { adverseAction: { finalNotice: config.finalNotice } },
    email: {
      mailer,
      from: '"Example Marketplace Trust & Safety" <trust@example.test>',
      branding: { productName: 'Example Marketplace', supportEmail: 'support@example.test', links: { status: `${publicUrl()}/me` } },
    },
    onEvent: async (event) => log(`event     ${describeEvent(event)}`),
    // The adapters hand vetkit the full URL: it routes what comes after /vetkit.
    http: { basePath: VETKIT_BASE_PATH, authenticate },
    worker: config.worker,
  })

  return {
    vetkit,
    registry,
    storage,
    fake,
    mailer: sent,
    migrations: applied,
    setFakeDeliverer(next: FakeWebhookDeliverer) {
      deliver = next
    },
  }
}

/** Provider ids are encrypted at rest: real keys from the environment, the public test keys in development. */
function sealerFor(config: AppConfig): ProviderIdSealer {
  const { encryptionKeys, blindIndexKey } = cryptoSettingsFromEnv(config.env)
  if (encryptionKeys && blindIndexKey) {
    return createProviderIdSealer({ cipher: createFieldCipher({ keys: encryptionKeys }), blindIndex: createBlindIndex({ key: blindIndexKey }) })
  }
  if (encryptionKeys || blindIndexKey) throw new Error('set both VETKIT_ENCRYPTION_KEYS (or VETKIT_ENCRYPTION_KEY) and VETKIT_BLIND_INDEX_KEY, or neither (development only)')
  if (config.production) {
    throw new Error('NODE_ENV=production needs VETKIT_ENCRYPTION_KEYS (or VETKIT_ENCRYPTION_KEY) and VETKIT_BLIND_INDEX_KEY: see docs/encryption.md')
  }
  return testSealer()
}

export function describeEvent(event: HostEvent): string {
  const who = event.subjectId ?? '-'
  switch (event.type) {
    case 'check.status_changed':
      return `${who}: ${event.payload.from} -> ${event.payload.to} (${event.payload.cause})`
    case 'subject.eligibility_changed':
      return `${who}: ${event.payload.eligible ? `eligible until ${event.payload.eligibleUntil?.slice(0, 10) ?? '-'}` : `not eligible (${event.payload.reason})`}`
    default:
      return `${who}: ${event.type}`
  }
}
