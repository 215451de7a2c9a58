import { beforeAll, expect, it } from 'vitest'
import { newJob } from '../../src/jobs/jobs'
import { describeEachBackend } from '../storage/support/backends'
import { createHarness, type Harness } from './support/harness'

describeEachBackend('worker', (db) => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness(db())
  }, 60_000)

  it("takes over a dead worker's job once its lease expires, and runs it once", async () => {
    await h.enrol('w-lease', 'clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'w-lease', ip: null })
    h.clock.advance({ days: 3 })
    await h.fake.deliverDue()
    // A worker claims everything and dies without finishing.
    const stolen = await h.storage.jobs.claim({ workerId: 'dead-worker', limit: 100, leaseMs: 60_000, now: h.clock.now() })
    expect(stolen.length).toBeGreaterThan(0)
    expect((await h.worker.drain()).claimed).toBe(0)
    h.clock.advance({ minutes: 2 })
    const ran = await h.worker.drain()
    expect(ran.completed).toBeGreaterThanOrEqual(stolen.length)
    expect((await h.storage.checks.get(check.id))!.state.status).toBe('passed')
    // The dead worker's late completion is fenced off.
    expect(await h.storage.jobs.complete(stolen[0]!, h.clock.now())).toBe(false)
    expect((await h.storage.history.listForCheck(check.id)).filter((e) => e.eventType === 'report.completed:clear')).toHaveLength(1)
  })

  it('retries a failing host event handler with backoff and delivers every event once it succeeds', async () => {
    await h.enrol('w-flaky', 'clear')
    h.failNextEvents(3)
    await h.vetkit.api.invite({ subjectId: 'w-flaky', ip: null })
    await h.worker.drain()
    // The first attempt failed: the event is still owed to the host.
    expect(h.events.some((e) => e.type === 'check.invited' && e.subjectId === 'w-flaky')).toBe(false)
    for (let i = 0; i < 6; i++) {
      h.clock.advance({ minutes: 10 })
      await h.worker.drain()
    }
    const invited = h.events.filter((e) => e.type === 'check.invited' && e.subjectId === 'w-flaky')
    expect(invited).toHaveLength(1)
    const outbox = (await h.vetkit.events.listAfter(null, 1000)).filter((e) => e.type === 'check.invited' && e.subjectId === 'w-flaky')
    expect(invited[0]!.id).toBe(outbox[0]!.id)
  })

  it('dead-letters at once a job it cannot run (an unknown type, a payload its schema refuses), and runs the rest', async () => {
    const now = h.clock.now()
    const unknown = await h.storage.jobs.enqueue({ type: 'report.poll', payload: {}, runAt: now, now })
    const corrupt = await h.storage.jobs.enqueue({ type: 'email.send', payload: { emailId: 42 }, runAt: now, now, maxAttempts: 5 })
    const fine = await h.storage.jobs.enqueue(newJob('expiry.sweep', { slot: 'test' }, { runAt: now, now }))
    await h.worker.drain()
    expect(await h.storage.jobs.get(unknown.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'unknown_job_type' })
    expect(await h.storage.jobs.get(corrupt.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'storage_corrupt' })
    expect(await h.storage.jobs.get(fine.id)).toMatchObject({ status: 'completed' })
  })
})

it('newJob takes the retry budget and dedupe key from the job table and refuses a payload its schema refuses', () => {
  const at = new Date('2026-03-01T00:00:00Z')
  expect(newJob('adverse.finalize', { checkId: 'c1' }, { runAt: at, now: at })).toEqual({
    type: 'adverse.finalize',
    payload: { checkId: 'c1' },
    runAt: at,
    now: at,
    maxAttempts: 5,
    dedupeKey: `adverse.finalize:c1:${at.getTime()}`,
    ref: null,
  })
  expect(newJob('webhook.process', {}, { runAt: at, now: at, ref: '17' })).toMatchObject({ dedupeKey: null, maxAttempts: 8, ref: '17' })
  expect(() => newJob('email.send', { emailId: '' }, { runAt: at, now: at })).toThrow()
})

