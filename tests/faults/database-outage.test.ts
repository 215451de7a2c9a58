import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createThrowawayCluster, firstAnswer, type ThrowawayCluster } from './outage/cluster'
import { ADMIN_TOKEN, MOUNT, createOutageEngine, type OutageEngine } from './outage/engine'
import { orphanInvitations, ownerOf, type WebhookOwner } from './outage/diagnose'
import { createLoad, subjects, type Exchange, type HealthProbe } from './outage/load'

/**
 * A database outage under load. The test's own PostgreSQL cluster (a throwaway one on its own
 * port, never the shared server) is crashed (`stop -m immediate`) while the fake provider's
 * webhooks and API calls keep arriving over real sockets at a real Express app, then started
 * again. Clients must get 503 with Retry-After meanwhile, never a 500; nothing may be
 * acknowledged that was not stored; the app, its pool and its worker must recover by themselves
 * (no restart), every refused webhook must be stored and processed when redelivered, and the
 * outage must be logged once when it starts and once when it ends. Runs where CI provides
 * PostgreSQL (VETKIT_TEST_PG_URL); the cluster is made with Debian's pg_createcluster.
 */
const SUBJECTS = 30
const BEFORE_MS = 4_000
const DOWN_MS = 4_000
const AFTER_MS = 4_000

/** Webhooks answered 503 before any 200 for the same event (a refused duplicate was already stored). */
function refusedWebhooks(exchanges: Exchange[]): Set<string> {
  const refused = new Set<string>()
  for (const e of exchanges) {
    if (e.kind !== 'webhook' || e.status !== 503) continue
    const earlier = exchanges.some((x) => x.eventId === e.eventId && x.status === 200 && x.endedAt <= e.startedAt)
    if (!earlier) refused.add(e.eventId!)
  }
  return refused
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const ok = (e: Exchange) => e.status !== null && e.status >= 200 && e.status < 300
const seconds = (ms: number) => (ms / 1000).toFixed(1)
const show = (e: Exchange) =>
  `${e.route}${e.eventId ? ` ${e.eventId}` : ''} -> ${e.status ?? e.error ?? 'no answer'}${e.code ? ` ${e.code}` : ''} retry-after=${e.retryAfter ?? '-'} at +${seconds(e.startedAt - marks.loadStarted)}..${seconds(e.endedAt - marks.loadStarted)} s`
const showProbe = (p: HealthProbe) => `health at +${seconds(p.startedAt - marks.loadStarted)} s: ${p.error ?? `ready=${String(p.ready)} status=${p.status ?? '-'} code=${p.code ?? '-'}`}`

/** performance.now() at each step of the run. */
const marks = { loadStarted: 0, stopIssued: 0, stopped: 0, startIssued: 0, answering: Number.NaN, started: 0, recovered: Number.NaN, loadStopped: 0, drained: Number.NaN }

describe.runIf(Boolean(process.env.VETKIT_TEST_PG_URL))('database outage: the database server crashes and comes back under load', () => {
  let cluster: ThrowawayCluster | undefined
  let engine: OutageEngine | undefined
  let load: ReturnType<typeof createLoad> | undefined
  /** Set by the tests that find them, for the printed counts. */
  let lostCount: number | undefined
  let orphans: WebhookOwner[] | undefined
  const people = subjects(SUBJECTS)

  const need = () => {
    if (!engine || !load) throw new Error('the run did not start')
    return { engine, load }
  }
  const ledger = async (eventIds: string[]) => {
    const { engine } = need()
    const rows = (await engine.knex(engine.storage.tables.ref('webhook_events')).whereIn('event_id', eventIds).select('event_id', 'processing_outcome', 'error_code')) as {
      event_id: string
      processing_outcome: string
      error_code: string | null
    }[]
    return new Map(rows.map((row) => [row.event_id, row]))
  }

  beforeAll(async () => {
    // Fails the suite (not skips it) when the cluster cannot be made: CI asked for PostgreSQL.
    cluster = await createThrowawayCluster()
    engine = await createOutageEngine(cluster.url)
    load = createLoad(engine, people)

    marks.loadStarted = performance.now()
    load.start()
    await sleep(BEFORE_MS)

    // The crash lands while an invite is at the provider: Checkr has created the invitation and
    // its answer is on the way back, inside vetkit's transaction.
    const held = engine.holdNextInvitation()
    const inFlight = await Promise.race([held.reached.then(() => true), sleep(5_000).then(() => false)])
    if (!inFlight) throw new Error('no invite reached the provider within 5 s of arming the hold: the load did not run as planned')
    marks.stopIssued = performance.now()
    await cluster.crash()
    marks.stopped = performance.now()
    held.release()
    await sleep(DOWN_MS)

    marks.startIssued = performance.now()
    const answering = firstAnswer(cluster.url, marks.startIssued + 30_000)
    await cluster.start()
    marks.started = performance.now()
    marks.answering = await answering

    // The app is not restarted: it must find the database again by itself.
    const first = () => load?.exchanges.filter((e) => ok(e) && e.startedAt >= marks.stopped).sort((a, b) => a.endedAt - b.endedAt)[0]
    for (const until = performance.now() + 15_000; !first() && performance.now() < until; ) await sleep(50)
    marks.recovered = first()?.endedAt ?? Number.NaN
    await sleep(AFTER_MS)
    await load.stop()
    marks.loadStopped = performance.now()
  }, 90_000)

  afterAll(async () => {
    const failures: unknown[] = []
    try {
      await load?.stop()
      if (load && engine) console.log(summary(load.exchanges, engine))
      await engine?.close()
    } catch (error) {
      failures.push(error)
    } finally {
      // Always: the cluster is the test's own, and must not outlive it.
      await cluster?.drop().catch((error: unknown) => failures.push(error))
    }
    if (failures.length > 0) throw new AggregateError(failures, 'tearing down the outage test failed')
  }, 60_000)

  it('answers 503 with Retry-After while the database is down: never a 500, never a dropped connection', () => {
    const { load } = need()
    const all = load.exchanges
    const down = all.filter((e) => e.startedAt >= marks.stopped && e.endedAt <= marks.startIssued)
    expect(down.filter((e) => e.kind === 'api').length, 'API calls answered while the database was down').toBeGreaterThan(20)
    expect(down.filter((e) => e.kind === 'webhook').length, 'webhooks answered while the database was down').toBeGreaterThan(5)
    expect(down.filter((e) => !(e.status === 503 && e.retryAfter === '5' && e.code === 'storage_unavailable')).map(show), 'answers while down other than 503 storage_unavailable + Retry-After: 5').toEqual([])

    expect(all.filter((e) => e.status === null).map(show), 'requests the app could not answer at all').toEqual([])
    expect(all.filter((e) => e.status !== null && e.status >= 500 && e.status !== 503).map(show), '5xx other than 503').toEqual([])
    expect(all.filter((e) => e.status === 503 && e.retryAfter === null).map(show), '503 without Retry-After').toEqual([])
    // Nothing else either: the load only makes calls that succeed while the database is up.
    expect(all.filter((e) => ![200, 201, 503].includes(e.status ?? 0)).map(show), 'unexpected statuses').toEqual([])

    const probesDown = load.probes.filter((p) => p.startedAt >= marks.stopped && p.endedAt <= marks.startIssued)
    expect(probesDown.length).toBeGreaterThan(3)
    expect(probesDown.filter((p) => !(p.ready === false && p.status === 'down' && p.code === 'storage_unavailable')).map(showProbe), 'health() while down').toEqual([])
    expect(load.probes.filter((p) => p.error !== null).map(showProbe), 'health() threw').toEqual([])
  })

  it('acknowledged only what it stored: every webhook answered 200 is in the ledger', async () => {
    const { load } = need()
    const acknowledged = [...new Set(load.exchanges.filter((e) => e.kind === 'webhook' && e.status === 200).map((e) => e.eventId!))]
    expect(acknowledged.length).toBeGreaterThan(20)
    // Acknowledged around the crash in particular: answered 200 after the stop was issued.
    const nearCrash = load.exchanges.filter((e) => e.kind === 'webhook' && e.status === 200 && e.endedAt >= marks.stopIssued && e.startedAt <= marks.stopped)
    const stored = await ledger(acknowledged)
    const lost = acknowledged.filter((id) => !stored.has(id))
    lostCount = lost.length
    expect(lost.map((id) => load.exchanges.filter((e) => e.eventId === id).map(show).join('; ')), `acknowledged but not stored (${nearCrash.length} acknowledged during the crash)`).toEqual([])
  })

  it('serves again after the restart, by itself: every request from the first success on succeeds', () => {
    const { load } = need()
    expect(Number.isFinite(marks.recovered), 'no request succeeded within 15 s of the database starting again').toBe(true)
    const after = load.exchanges.filter((e) => e.startedAt >= marks.recovered)
    expect(after.filter((e) => e.kind === 'api').length).toBeGreaterThan(20)
    expect(after.filter((e) => e.kind === 'webhook').length).toBeGreaterThan(5)
    expect(after.filter((e) => !ok(e)).map(show), 'failures after recovery').toEqual([])
    const probesAfter = load.probes.filter((p) => p.startedAt >= marks.recovered)
    expect(probesAfter.length).toBeGreaterThan(3)
    expect(probesAfter.filter((p) => p.ready !== true).map(showProbe), 'health() after recovery').toEqual([])
  })

  it('stores and processes every refused webhook once redelivered; the worker drains the queue; each check reaches its status', async () => {
    const { engine, load } = need()
    // Checkr goes on retrying what was refused; the rest of each scenario plays out.
    await load.finish(performance.now() + 20_000)
    await load.untilQueueDrained(performance.now() + 20_000)
    marks.drained = performance.now()

    const refused = refusedWebhooks(load.exchanges)
    expect(refused.size, 'webhooks refused during the outage').toBeGreaterThan(5)
    const redelivered = [...refused].filter((id) => load.exchanges.some((e) => e.eventId === id && e.status === 200 && e.startedAt >= marks.startIssued))
    expect.soft([...refused].filter((id) => !redelivered.includes(id)), 'refused and never acknowledged after the restart').toEqual([])

    // Invitations the provider made for invites whose transaction the crash rolled back: their
    // candidates' webhooks can never match a check.
    orphans = await orphanInvitations(engine)
    expect.soft(orphans.map((o) => `invitation for candidate ${o.candidateId ?? '?'} (${o.type})`), 'provider invitations vetkit has no check for').toEqual([])

    // Every webhook the fake sent is stored once and was processed (applied, or ignored as stale/no-op).
    const sent = engine.fake.webhooksFor()
    expect.soft(sent.filter((w) => !w.delivered).map((w) => w.eventId), 'never acknowledged').toEqual([])
    const rows = await ledger(sent.map((w) => w.eventId))
    expect.soft(sent.filter((w) => !rows.has(w.eventId)).map((w) => `${w.eventId} ${w.type}`), 'not in the ledger').toEqual([])
    const unprocessed = sent.filter((w) => {
      const outcome = rows.get(w.eventId)?.processing_outcome
      return outcome !== undefined && outcome !== 'applied' && outcome !== 'ignored'
    })
    const described = await Promise.all(
      unprocessed.map(async (w) => {
        const owner = await ownerOf(engine, w)
        const row = rows.get(w.eventId)
        return `${w.eventId} ${w.type}: ${row?.processing_outcome ?? '?'} ${row?.error_code ?? ''}, candidate ${owner.candidateId ?? '?'} has ${owner.checks} check(s) in vetkit`
      }),
    )
    expect.soft(described, 'ledger rows not processed').toEqual([])
    const jobs = await engine.storage.jobs.countByStatus()
    expect.soft(jobs, 'jobs left running or dead').toMatchObject({ running: 0, dead: 0 })

    // Through the same app, never restarted.
    const statuses: Record<string, string> = {}
    for (const person of people) {
      const res = await fetch(`${engine.origin}${MOUNT}/subjects/${person.id}/status`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      expect(res.status).toBe(200)
      statuses[person.id] = String(((await res.json()) as { status?: unknown }).status)
    }
    expect(statuses).toEqual(Object.fromEntries(people.map((p) => [p.id, p.expected])))
    expect(await engine.vetkit.health()).toMatchObject({ status: 'ok', ready: true, database: { ok: true, code: null }, schema: { current: true } })
  }, 60_000)

  it('logged the outage once when it began and once when it ended, not once per request', () => {
    const { engine } = need()
    const unreachable = engine.logs.filter((l) => l.level === 'error' && l.message.startsWith('database unreachable'))
    const back = engine.logs.filter((l) => l.level === 'warn' && l.message === 'database reachable again')
    const lines = (list: typeof engine.logs) => list.map((l) => `${l.level} +${seconds(l.at - marks.loadStarted)} s ${l.message} ${JSON.stringify(l.fields ?? {})}`)
    expect(lines(unreachable)).toHaveLength(1)
    expect(lines(back)).toHaveLength(1)
    expect(unreachable[0]!.at).toBeGreaterThanOrEqual(marks.stopIssued)
    expect(unreachable[0]!.at).toBeLessThanOrEqual(marks.startIssued)
    expect(back[0]!.at).toBeGreaterThanOrEqual(marks.startIssued)
    // No other error line: every failure during the outage was recognised as the outage.
    expect(lines(engine.logs.filter((l) => l.level === 'error' && !unreachable.includes(l))), 'other error lines').toEqual([])
  })

  function summary(exchanges: Exchange[], outage: OutageEngine): string {
    const webhooks = exchanges.filter((e) => e.kind === 'webhook')
    const retried = exchanges.filter((e) => e.status === 503 && e.retryAfter !== null).length
    const errors = exchanges.filter((e) => e.status === null || (e.status >= 500 && e.status !== 503)).length
    const acknowledged = new Set(webhooks.filter((e) => e.status === 200).map((e) => e.eventId)).size
    const refused = [...refusedWebhooks(exchanges)]
    const redelivered = refused.filter((id) => webhooks.some((e) => e.eventId === id && e.status === 200 && e.startedAt >= marks.startIssued)).length
    const downMs = (Number.isFinite(marks.answering) ? marks.answering : marks.started) - marks.stopIssued
    const recovery = Number.isFinite(marks.recovered) ? `in ${seconds(Math.max(0, marks.recovered - marks.answering))} s (from PostgreSQL's first answer to the app's first success)` : 'never'
    const warnings = outage.logs.filter((l) => l.level === 'warn' && l.message !== 'database reachable again')
    const byMessage = new Map<string, number>()
    for (const l of warnings) {
      const key = typeof l.fields?.code === 'string' ? `${l.message} (${l.fields.code})` : l.message
      byMessage.set(key, (byMessage.get(key) ?? 0) + 1)
    }
    const warned = [...byMessage].map(([message, n]) => `${n}x ${message}`).join(', ')
    return (
      `database outage: ${exchanges.length} requests (${webhooks.length} webhooks, ${exchanges.length - webhooks.length} API calls), ` +
      `${retried} answered 503 with Retry-After during ${seconds(downMs)} s down, ${errors} errors, ` +
      `${acknowledged} webhooks acknowledged, lost: ${lostCount ?? 'not checked'}, ${refused.length} refused (${redelivered} stored when redelivered), orphaned provider invitations: ${orphans?.length ?? 'not checked'}, ` +
      `recovered ${recovery}; log: ${outage.logs.filter((l) => l.message.startsWith('database unreachable')).length} unreachable, ` +
      `${outage.logs.filter((l) => l.message === 'database reachable again').length} reachable again${warned ? `, other warnings: ${warned}` : ''}\n` +
      `  timeline: crash at +${seconds(marks.stopIssued - marks.loadStarted)} s, PostgreSQL answering again at +${seconds(marks.answering - marks.loadStarted)} s, ` +
      `first success at +${seconds(marks.recovered - marks.loadStarted)} s, load stopped at +${seconds(marks.loadStopped - marks.loadStarted)} s, queue drained at +${seconds(marks.drained - marks.loadStarted)} s`
    )
  }
})
