import { manualClock, type ManualClock } from '@vetkit/core'
import { parseCheckrWebhook } from '@vetkit/core/checkr'
import { createFakeProvider, type FakeProvider } from '@vetkit/core/fake'
import type { KnexStorage } from '@vetkit/core/knex'
import { testSealer } from '@vetkit/core/testing'
import { createVetkit, type Vetkit } from '@vetkit/core'
import { prewarmKnex, type BenchDb } from '../storage/databases'
import { bounded, fmtInt, fmtSeconds, nowMs } from '../storage/stats'
import type { WebhookBenchConfig } from './config'

/** vetkit's tables for the measured runs. */
export const VETKIT_PREFIX = 'vk_'
const SIGNING_KEY = 'bench-webhook-signing-key'
const HOUR = 3_600_000
/** A `clear` check in the simulator: candidate.created, invitation.created, invitation.completed, report.created, report.completed. */
const WEBHOOKS_PER_SUBJECT = 5

/** One signed Checkr webhook, ready to hand to `vetkit.webhooks.receive`. */
export interface PreparedWebhook {
  eventId: string
  type: string
  headers: Headers
  rawBody: Uint8Array
  /** What vetkit queues for it (the parsed event as JSON). */
  queued: Record<string, unknown>
  /** The event as vetkit seals it on the ledger row (test keys), for the raw baseline's insert. */
  sealedEvent: string
}

export interface BenchWorld {
  clock: ManualClock
  fake: FakeProvider
  subjects: number
  /** N distinct requests, in the order the simulator sent them (oldest first). */
  requests: PreparedWebhook[]
  /** Webhook requests by event type. */
  mix: Record<string, number>
  /** A vetkit on a storage, sharing the clock and the simulator (as processes share Checkr). */
  vetkit(storage: KnexStorage): Vetkit
  setupMs: number
}

/**
 * Builds the world the webhooks talk about: M subjects consent and are invited through
 * `vetkit.api.invite` (real checks, candidates and invitations in the simulator), the clock moves
 * past every step of their `clear` scenario, and the first N webhooks the simulator generated are
 * built as signed requests. Setup jobs (the invites' outbox events) are drained, untimed.
 */
export async function buildWorld(db: BenchDb, cfg: WebhookBenchConfig, log: (line: string) => void): Promise<BenchWorld> {
  const t0 = nowMs()
  const realNow = Math.floor(Date.now() / 1000) * 1000
  const start = realNow - 50 * HOUR
  const clock = manualClock(new Date(start))
  const fake = createFakeProvider({ clock, signingKey: SIGNING_KEY })
  const vetkit = (storage: KnexStorage) => createVetkit({ storage, provider: fake, clock, environment: 'test' })

  const knex = db.knex(cfg.concurrency)
  await prewarmKnex(knex, cfg.concurrency)
  const storage = db.storage(knex, VETKIT_PREFIX)
  await storage.migrate()
  const setup = vetkit(storage)

  const subjects = Math.ceil(cfg.webhooks / WEBHOOKS_PER_SUBJECT)
  log(`  setup: ${fmtInt(subjects)} subjects consent and are invited through vetkit.api.invite (concurrency ${cfg.concurrency})`)
  await bounded(subjects, cfg.concurrency, async (i) => {
    const subjectId = `bench-worker-${String(i).padStart(6, '0')}`
    await setup.api.recordConsent({
      subjectId,
      email: `${subjectId}@example.test`,
      displayName: `Worker ${i}`,
      disclosureVersion: '1',
      authorizationText: 'I authorize Example Marketplace to obtain a consumer report about me.',
      signatureName: `Worker ${i}`,
      ip: null,
      userAgent: 'vetkit-bench',
    })
    const { created } = await setup.api.invite({ subjectId })
    if (!created) throw new Error(`invite of ${subjectId} created no check`)
  })

  // Past report.completed (49 h after the invitation), then back to the real time for intake.
  clock.set(new Date(start + 49 * HOUR + 5 * 60_000))
  const generated = fake.webhooksFor()
  if (generated.length < cfg.webhooks) {
    throw new Error(`the simulator generated ${generated.length} webhooks for ${subjects} subjects, fewer than the ${cfg.webhooks} needed`)
  }
  clock.set(new Date(realNow))
  const sealer = testSealer()
  const requests = generated.slice(0, cfg.webhooks).map((w): PreparedWebhook => {
    const { headers, rawBody } = fake.buildWebhook(w.eventId)
    const queued = JSON.parse(JSON.stringify(parseCheckrWebhook(rawBody))) as Record<string, unknown>
    return { eventId: w.eventId, type: w.type, headers, rawBody, queued, sealedEvent: sealer.seal(JSON.stringify(queued), `${fake.name}.webhook_event`).ciphertext }
  })
  if (new Set(requests.map((r) => r.eventId)).size !== requests.length) throw new Error('the prepared webhooks are not distinct')
  const mix: Record<string, number> = {}
  for (const r of requests) mix[r.type] = (mix[r.type] ?? 0) + 1

  const drained = await setup.createWorker({ batchSize: 100 }).drain(10_000)
  if (drained.failed > 0) throw new Error(`${drained.failed} setup jobs failed`)
  await knex.destroy()
  const setupMs = nowMs() - t0
  log(`  ${fmtInt(requests.length)} signed requests prepared; ${fmtInt(drained.completed)} setup jobs drained (${fmtSeconds(setupMs)})`)
  return { clock, fake, subjects, requests, mix, vetkit, setupMs }
}
