import assert from 'node:assert/strict'
import type { ClaimedJob, JobRecord, Page, Storage } from '../../ports/storage'
import { assertPartial, at, expectVetkitError, jobOf, MINUTE, QUEUE_T0, rejectionOf, SECOND, assertRecords } from './fixtures'
import type { ConformanceContext } from './target'

const LEASE = 30 * SECOND
const HOURS_LATER = 5 * 60 * MINUTE
const EMPTY = { queued: 0, running: 0, completed: 0, dead: 0 }

async function claimOne(storage: Storage, now: Date, workerId = 'w'): Promise<ClaimedJob> {
  const [job] = await storage.jobs.claim({ workerId, limit: 1, leaseMs: LEASE, now })
  assert.ok(job, `expected a job to claim at ${now.toISOString()}`)
  return job
}

/**
 * The job queue: dedupe keys, `SKIP LOCKED` claims in due order, leases fenced by claim tokens,
 * retries and dead letters, and workers on separate pools racing for the same jobs.
 */
export function jobQueueCases({ it, target }: ConformanceContext): void {
  // Enqueue

  it('inserts a queued job with defaults and returns its id', async () => {
    const storage = await target.fresh()
    const a = await storage.jobs.enqueue(jobOf({ type: 'email.send', payload: { to: 's1', n: [1, 2] }, runAt: at(MINUTE), now: QUEUE_T0 }))
    const b = await storage.jobs.enqueue(jobOf({ type: 'email.send', payload: { to: 's1', n: [1, 2] } }))
    assert.equal(a.inserted, true)
    assert.equal(b.inserted, true)
    assert.notEqual(a.id, b.id, 'two enqueues without a dedupe key are two jobs')
    const expected: JobRecord = {
      id: a.id,
      type: 'email.send',
      payload: { to: 's1', n: [1, 2] },
      status: 'queued',
      runAt: at(MINUTE),
      attempts: 0,
      maxAttempts: 5,
      dedupeKey: null,
      ref: null,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      createdAt: QUEUE_T0,
      updatedAt: QUEUE_T0,
      completedAt: null,
    }
    assertRecords(await storage.jobs.get(a.id), expected, 'get returns the job as enqueued, with maxAttempts 5 and every optional field null')
    assert.equal(await storage.jobs.get('999999'), null, 'get of an unknown id is null')
  })

  it('keeps at most one job per dedupe key: a second enqueue returns inserted:false and the same id', async () => {
    const storage = await target.fresh()
    const first = await storage.jobs.enqueue(jobOf({ dedupeKey: 'check:c1:poll', payload: { v: 1 }, maxAttempts: 3 }))
    const second = await storage.jobs.enqueue(jobOf({ dedupeKey: 'check:c1:poll', payload: { v: 2 }, now: at(SECOND) }))
    assert.equal(first.inserted, true)
    assertRecords(second, { id: first.id, inserted: false }, 'a second enqueue of a dedupe key returns the first job')
    assertPartial(
      await storage.jobs.getByDedupeKey('check:c1:poll'),
      { id: first.id, payload: { v: 1 }, maxAttempts: 3, dedupeKey: 'check:c1:poll', createdAt: QUEUE_T0 },
      'the first enqueue is kept, untouched by the second',
    )
    assert.equal(await storage.jobs.getByDedupeKey('check:c2:poll'), null)
    // Even once the job has run, the key still names it.
    const claimed = await claimOne(storage, QUEUE_T0)
    assert.equal(await storage.jobs.complete(claimed, at(SECOND)), true)
    assertRecords(
      await storage.jobs.enqueue(jobOf({ dedupeKey: 'check:c1:poll', now: at(MINUTE) })),
      { id: first.id, inserted: false },
      'a completed job still holds its dedupe key',
    )
    assert.equal((await storage.jobs.countByStatus()).queued, 0)
  })

  it('a duplicate enqueue inside a transaction leaves the transaction usable', async () => {
    const storage = await target.fresh()
    const first = await storage.jobs.enqueue(jobOf({ dedupeKey: 'd' }))
    const [again, other] = await storage.transaction(async (tx) => {
      const duplicate = await tx.jobs.enqueue(jobOf({ dedupeKey: 'd' }))
      return [duplicate, await tx.jobs.enqueue(jobOf({ dedupeKey: 'e' }))] as const
    })
    assertRecords(again, { id: first.id, inserted: false }, 'the duplicate inside the transaction returns the existing job')
    assert.equal(other.inserted, true, 'the next enqueue in the same transaction still works (no aborted transaction)')
    assertPartial(await storage.jobs.getByDedupeKey('e'), { id: other.id, status: 'queued' }, 'the transaction committed')
  })

  it('parallel enqueues of one dedupe key insert exactly one job', async () => {
    const storage = await target.fresh()
    const other = await target.sibling(storage, 5)
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? other : storage).jobs.enqueue(jobOf({ dedupeKey: 'same', payload: { i } }))),
    )
    assert.equal(results.filter((r) => r.inserted).length, 1, 'exactly one racing enqueue reports inserted')
    assert.equal(new Set(results.map((r) => r.id)).size, 1, 'every racing enqueue returns the same id')
    assertRecords(await storage.jobs.countByStatus(), { ...EMPTY, queued: 1 }, 'one job stored')
  })

  it('rejects a maxAttempts that is not a positive integer', async () => {
    const storage = await target.fresh()
    for (const maxAttempts of [0, -1, 1.5]) {
      await expectVetkitError(storage.jobs.enqueue(jobOf({ maxAttempts })), 'invalid_argument', 'maxAttempts')
    }
    assertRecords(await storage.jobs.countByStatus(), EMPTY, 'nothing was enqueued')
  })

  // Claim

  it('claims only due jobs, oldest first, and not before runAt', async () => {
    const storage = await target.fresh()
    const later = await storage.jobs.enqueue(jobOf({ runAt: at(10 * SECOND), payload: { n: 'later' } }))
    const early = await storage.jobs.enqueue(jobOf({ runAt: at(0), payload: { n: 'early' } }))
    const mid = await storage.jobs.enqueue(jobOf({ runAt: at(5 * SECOND), payload: { n: 'mid' } }))

    assert.deepEqual(await storage.jobs.claim({ workerId: 'w', limit: 10, leaseMs: LEASE, now: at(-1) }), [], 'nothing is due before the first runAt')
    const first = await storage.jobs.claim({ workerId: 'w', limit: 10, leaseMs: LEASE, now: at(9999) })
    assert.deepEqual(
      first.map((j) => j.id),
      [early.id, mid.id],
      'the due jobs, in runAt order (not insertion order)',
    )
    // Exactly at runAt the job is due.
    const second = await storage.jobs.claim({ workerId: 'w', limit: 10, leaseMs: LEASE, now: at(10 * SECOND) })
    assert.deepEqual(
      second.map((j) => j.id),
      [later.id],
      'a job is due at exactly its runAt',
    )
    assert.deepEqual(await storage.jobs.claim({ workerId: 'w', limit: 10, leaseMs: LEASE, now: at(MINUTE) }), [])
  })

  it('marks claimed jobs running under a lease, increments attempts and returns a claim token', async () => {
    const storage = await target.fresh()
    const { id } = await storage.jobs.enqueue(jobOf({ payload: { hello: 'world' } }))
    const now = at(SECOND)
    const [job] = await storage.jobs.claim({ workerId: 'worker-1', limit: 5, leaseMs: LEASE, now })
    assert.ok(job, 'the due job is claimed')
    assertPartial(
      job,
      {
        id,
        type: 'test.job',
        payload: { hello: 'world' },
        status: 'running',
        attempts: 1,
        lockedBy: 'worker-1',
        lockedUntil: new Date(now.getTime() + LEASE),
        updatedAt: now,
      },
      'the claimed job',
    )
    assert.match(job.claimToken, /^[0-9a-f-]{36}$/, 'the claim token is a UUID')
    assertPartial(
      await storage.jobs.get(id),
      { status: 'running', attempts: 1, lockedBy: 'worker-1', lockedUntil: new Date(now.getTime() + LEASE) },
      'the stored job after the claim',
    )
    // A running job is not claimed again, even by the same worker.
    assert.deepEqual(await storage.jobs.claim({ workerId: 'worker-1', limit: 5, leaseMs: LEASE, now: at(2 * SECOND) }), [], 'a running job is not claimed again')
  })

  it('respects limit and types', async () => {
    const storage = await target.fresh()
    const emails: string[] = []
    for (let i = 0; i < 4; i++) emails.push((await storage.jobs.enqueue(jobOf({ type: 'email', runAt: at(i) }))).id)
    const poll = await storage.jobs.enqueue(jobOf({ type: 'poll', runAt: at(0) }))
    const sweep = await storage.jobs.enqueue(jobOf({ type: 'sweep', runAt: at(0) }))
    const now = at(MINUTE)

    assert.deepEqual(await storage.jobs.claim({ workerId: 'w', limit: 0, leaseMs: LEASE, now }), [], 'limit 0 claims nothing')
    const two = await storage.jobs.claim({ workerId: 'w', limit: 2, leaseMs: LEASE, now, types: ['email'] })
    assert.deepEqual(
      two.map((j) => j.id),
      emails.slice(0, 2),
      'the two oldest emails',
    )
    const polls = await storage.jobs.claim({ workerId: 'w', limit: 10, leaseMs: LEASE, now, types: ['poll', 'nothing'] })
    assert.deepEqual(
      polls.map((j) => j.id),
      [poll.id],
      'only the listed types',
    )
    // An empty type list means every type.
    const rest = await storage.jobs.claim({ workerId: 'w', limit: 10, leaseMs: LEASE, now, types: [] })
    assert.deepEqual(rest.map((j) => j.id).sort(), [...emails.slice(2), sweep.id].sort(), 'an empty type list claims every type')
    assert.ok(
      rest.every((j) => j.type === 'email' || j.type === 'sweep'),
      'claimed jobs carry their type',
    )
  })

  // Complete, fail and redrive

  it('complete marks the job completed and releases the lease; a second complete returns false', async () => {
    const storage = await target.fresh()
    const { id } = await storage.jobs.enqueue(jobOf())
    const job = await claimOne(storage, at(0))
    assert.equal(await storage.jobs.complete(job, at(SECOND)), true)
    assertPartial(
      await storage.jobs.get(id),
      { status: 'completed', completedAt: at(SECOND), updatedAt: at(SECOND), lockedBy: null, lockedUntil: null, attempts: 1 },
      'the completed job',
    )
    assert.equal(await storage.jobs.complete(job, at(2 * SECOND)), false, 'a second complete is refused')
    assert.equal(await storage.jobs.fail(job, { error: 'late', retryAt: at(MINUTE), now: at(2 * SECOND) }), 'lease_lost', 'fail after complete is refused')
    assert.deepEqual(await storage.jobs.claim({ workerId: 'w', limit: 5, leaseMs: LEASE, now: at(MINUTE) }), [], 'a completed job is never claimed')
  })

  it('fail schedules a retry at retryAt: not claimable before it, claimable at it', async () => {
    const storage = await target.fresh()
    const { id } = await storage.jobs.enqueue(jobOf({ maxAttempts: 3 }))
    const job = await claimOne(storage, at(0))
    assert.equal(await storage.jobs.fail(job, { error: 'provider timeout', retryAt: at(MINUTE), now: at(SECOND) }), 'retrying')
    assertPartial(
      await storage.jobs.get(id),
      { status: 'queued', runAt: at(MINUTE), attempts: 1, lastError: 'provider timeout', lockedBy: null, lockedUntil: null, updatedAt: at(SECOND) },
      'the failed job, queued again',
    )
    assert.deepEqual(await storage.jobs.claim({ workerId: 'w', limit: 5, leaseMs: LEASE, now: at(MINUTE - 1) }), [], 'not claimable before retryAt')
    const again = await claimOne(storage, at(MINUTE))
    assertPartial(again, { id, attempts: 2, status: 'running' }, 'the retry')
    assert.notEqual(again.claimToken, job.claimToken, 'each claim gets a new token')
    // The first claim's token no longer holds the job.
    assert.equal(await storage.jobs.complete(job, at(MINUTE)), false, 'the old claim token is fenced')
    assert.equal(await storage.jobs.complete(again, at(MINUTE)), true)
  })

  it('dead-letters the job once attempts reach maxAttempts, keeping the last error', async () => {
    const storage = await target.fresh()
    const { id } = await storage.jobs.enqueue(jobOf({ maxAttempts: 2 }))
    const first = await claimOne(storage, at(0))
    assert.equal(await storage.jobs.fail(first, { error: 'first failure', retryAt: at(SECOND), now: at(0) }), 'retrying')
    const second = await claimOne(storage, at(SECOND))
    assert.equal(await storage.jobs.fail(second, { error: 'second failure', retryAt: at(MINUTE), now: at(2 * SECOND) }), 'dead')
    assertPartial(
      await storage.jobs.get(id),
      { status: 'dead', attempts: 2, lastError: 'second failure', lockedBy: null, lockedUntil: null },
      'the dead job',
    )
    assert.deepEqual(await storage.jobs.claim({ workerId: 'w', limit: 5, leaseMs: LEASE, now: at(10 * MINUTE) }), [], 'a dead job is never claimed')
    assert.deepEqual(
      (await storage.jobs.listDead({})).items.map((j) => j.id),
      [id],
    )
  })

  it('final: true dead-letters at once, whatever attempts remain', async () => {
    const storage = await target.fresh()
    const { id } = await storage.jobs.enqueue(jobOf({ maxAttempts: 10 }))
    const job = await claimOne(storage, at(0))
    assert.equal(await storage.jobs.fail(job, { error: 'invalid payload', retryAt: at(MINUTE), now: at(SECOND), final: true }), 'dead')
    assertPartial(await storage.jobs.get(id), { status: 'dead', attempts: 1, lastError: 'invalid payload' }, 'the dead job')
    assert.deepEqual(await storage.jobs.claim({ workerId: 'w', limit: 5, leaseMs: LEASE, now: at(10 * MINUTE) }), [])
  })

  it('bounds a huge error message instead of failing', async () => {
    const storage = await target.fresh()
    const { id } = await storage.jobs.enqueue(jobOf())
    const job = await claimOne(storage, at(0))
    const huge = `boom ${'x'.repeat(20_000)}`
    assert.equal(await storage.jobs.fail(job, { error: huge, retryAt: at(MINUTE), now: at(SECOND) }), 'retrying')
    const lastError = (await storage.jobs.get(id))?.lastError ?? ''
    assert.ok(lastError.startsWith('boom x'), 'the stored error keeps its start')
    assert.ok(lastError.length < huge.length, `the stored error is truncated (${lastError.length} characters)`)
  })

  it('redrive puts only dead jobs back, with attempts reset', async () => {
    const storage = await target.fresh()
    const dead = await storage.jobs.enqueue(jobOf({ maxAttempts: 1, runAt: at(0) }))
    const queued = await storage.jobs.enqueue(jobOf({ runAt: at(HOURS_LATER) }))
    const job = await claimOne(storage, at(0))
    assert.equal(job.id, dead.id)
    assert.equal(await storage.jobs.fail(job, { error: 'nope', retryAt: at(SECOND), now: at(SECOND) }), 'dead')

    assert.equal(await storage.jobs.redrive(queued.id, at(MINUTE)), false, 'a queued job is not redriven')
    assert.equal(await storage.jobs.redrive('987654', at(MINUTE)), false, 'an unknown job is not redriven')
    assertPartial(await storage.jobs.get(queued.id), { status: 'queued', runAt: at(HOURS_LATER) }, 'the queued job is untouched')

    assert.equal(await storage.jobs.redrive(dead.id, at(MINUTE)), true)
    assertPartial(
      await storage.jobs.get(dead.id),
      { status: 'queued', attempts: 0, runAt: at(MINUTE), updatedAt: at(MINUTE) },
      'the redriven job: queued now, attempts reset',
    )
    assert.equal(await storage.jobs.redrive(dead.id, at(MINUTE)), false, 'a redriven (queued) job is not redriven again')

    const again = await claimOne(storage, at(MINUTE))
    assertPartial(again, { id: dead.id, attempts: 1 }, 'the redriven job claimed')
    assert.equal(await storage.jobs.redrive(dead.id, at(MINUTE)), false, 'a running job is not redriven')
    assert.equal(await storage.jobs.complete(again, at(MINUTE + SECOND)), true)
    assert.equal(await storage.jobs.redrive(dead.id, at(2 * MINUTE)), false, 'a completed job is not redriven')
    assertPartial(await storage.jobs.get(dead.id), { status: 'completed' }, 'the job stays completed')
  })

  // Leases

  it('extendLease pushes the lease out while it is held, and only then', async () => {
    const storage = await target.fresh()
    const { id } = await storage.jobs.enqueue(jobOf())
    const job = await claimOne(storage, at(0))
    assert.equal(await storage.jobs.extendLease(job, at(2 * MINUTE), at(20 * SECOND)), true)
    assertPartial(await storage.jobs.get(id), { status: 'running', lockedUntil: at(2 * MINUTE), updatedAt: at(20 * SECOND) }, 'the extended lease')
    // The original lease end has passed, the extended one has not: nothing to reclaim.
    assertPartial(await storage.jobs.reclaimExpired(at(MINUTE)), { requeued: 0, dead: 0, deadJobs: [] }, 'reclaim inside the extended lease')
    assertPartial(await storage.jobs.get(id), { status: 'running' }, 'the job is still held')
    assertPartial(await storage.jobs.reclaimExpired(at(2 * MINUTE)), { requeued: 1, dead: 0, deadJobs: [] }, 'reclaim at the extended lease end')
    assert.equal(await storage.jobs.extendLease(job, at(10 * MINUTE), at(2 * MINUTE)), false, 'a reclaimed lease cannot be extended')
    assertPartial(await storage.jobs.get(id), { status: 'queued', lockedUntil: null }, 'the refused extension changed nothing')
  })

  it('fences a worker whose lease expired and whose job another worker now holds', async () => {
    const storage = await target.fresh()
    const { id } = await storage.jobs.enqueue(jobOf({ maxAttempts: 5 }))
    const stale = await claimOne(storage, at(0), 'slow')
    assertPartial(await storage.jobs.reclaimExpired(at(LEASE)), { requeued: 1, dead: 0, deadJobs: [] }, 'a lease is expired at exactly its end')
    const fresh = await claimOne(storage, at(LEASE + SECOND), 'fast')
    assertPartial(fresh, { id, attempts: 2, lockedBy: 'fast' }, 'the second claim')

    assert.equal(await storage.jobs.complete(stale, at(LEASE + 2 * SECOND)), false, 'the stale worker cannot complete')
    assert.equal(await storage.jobs.fail(stale, { error: 'late', retryAt: at(MINUTE), now: at(LEASE + 2 * SECOND) }), 'lease_lost', 'the stale worker cannot fail')
    assert.equal(await storage.jobs.extendLease(stale, at(10 * MINUTE), at(LEASE + 2 * SECOND)), false, 'the stale worker cannot extend')
    // The late writes changed nothing.
    assertPartial(
      await storage.jobs.get(id),
      { status: 'running', lockedBy: 'fast', lockedUntil: at(2 * LEASE + SECOND), attempts: 2 },
      'the job after the stale writes',
    )

    assert.equal(await storage.jobs.complete(fresh, at(LEASE + 3 * SECOND)), true)
    assertPartial(await storage.jobs.get(id), { status: 'completed', completedAt: at(LEASE + 3 * SECOND) }, 'completed by the holder')
  })

  it('reclaimExpired requeues expired leases and dead-letters exhausted ones, leaving live leases alone', async () => {
    const storage = await target.fresh()
    const exhausted = await storage.jobs.enqueue(jobOf({ maxAttempts: 1, runAt: at(0) }))
    const retriable = await storage.jobs.enqueue(jobOf({ maxAttempts: 3, runAt: at(1) }))
    const longLease = await storage.jobs.enqueue(jobOf({ maxAttempts: 1, runAt: at(2) }))
    const notClaimed = await storage.jobs.enqueue(jobOf({ runAt: at(3) }))
    await storage.jobs.claim({ workerId: 'w', limit: 2, leaseMs: LEASE, now: at(10) })
    await storage.jobs.claim({ workerId: 'w', limit: 1, leaseMs: 10 * MINUTE, now: at(10) })

    assertPartial(await storage.jobs.reclaimExpired(at(LEASE + 9)), { requeued: 0, dead: 0, deadJobs: [] }, 'reclaim 1 ms before the leases end')
    const now = at(LEASE + 10)
    assertPartial(
      await storage.jobs.reclaimExpired(now),
      { requeued: 1, dead: 1, deadJobs: [{ status: 'dead' }] },
      'reclaim at the leases end',
    )

    const exhaustedJob = await storage.jobs.get(exhausted.id)
    assertPartial(exhaustedJob, { status: 'dead', attempts: 1, lockedBy: null, lockedUntil: null }, 'the exhausted job')
    assert.match(exhaustedJob?.lastError ?? '', /lease expired/, 'the dead job says why')
    // Back first in line: its own run time is kept, ahead of jobs queued after it.
    const retriableJob = await storage.jobs.get(retriable.id)
    assertPartial(retriableJob, { status: 'queued', attempts: 1, runAt: at(1), lockedBy: null, lockedUntil: null }, 'the requeued job keeps its runAt')
    assert.match(retriableJob?.lastError ?? '', /lease expired/, 'the requeued job says why')
    const next = await claimOne(storage, at(LEASE + 11), 'w2')
    assert.equal(next.id, retriable.id, 'the requeued job is claimed before the never-claimed one')
    await storage.jobs.fail(next, { error: 'x', retryAt: now, now: at(LEASE + 11) })
    assertPartial(await storage.jobs.get(longLease.id), { status: 'running', lockedUntil: at(10 + 10 * MINUTE) }, 'the live lease is left alone')
    assertPartial(await storage.jobs.get(notClaimed.id), { status: 'queued', attempts: 0, lastError: null }, 'the unclaimed job is left alone')
    assertPartial(await storage.jobs.reclaimExpired(now), { requeued: 0, dead: 0, deadJobs: [] }, 'a second reclaim finds nothing')
    assertRecords(await storage.jobs.countByStatus(), { queued: 2, running: 1, completed: 0, dead: 1 }, 'counts after the reclaims')
  })

  it('renewClaim extends every job still held under one claim, and only those', async () => {
    const storage = await target.fresh()
    await storage.jobs.enqueue(jobOf())
    await storage.jobs.enqueue(jobOf())
    const other = await storage.jobs.enqueue(jobOf({ runAt: at(1) }))
    const [done, held] = await storage.jobs.claim({ workerId: 'w', limit: 2, leaseMs: LEASE, now: at(0) })
    assert.ok(done && held, 'two jobs claimed under one claim')
    const elsewhere = await claimOne(storage, at(1), 'v')
    assert.equal(elsewhere.id, other.id)
    await storage.jobs.complete(done, at(2))
    assert.equal(await storage.jobs.renewClaim(done.claimToken, at(5 * MINUTE), at(3)), 1, 'only the job still held under the claim is renewed')
    assertPartial(await storage.jobs.get(held.id), { status: 'running', lockedUntil: at(5 * MINUTE) }, 'the renewed job')
    assertPartial(await storage.jobs.get(other.id), { lockedUntil: at(1 + LEASE) }, 'the job of another claim keeps its lease')
  })

  // Listings

  it('listDead pages newest first with a cursor, and rejects a bad cursor or limit', async () => {
    const storage = await target.fresh()
    const dead: string[] = []
    for (let i = 0; i < 5; i++) {
      const { id } = await storage.jobs.enqueue(jobOf({ maxAttempts: 1, runAt: at(i), payload: { i } }))
      dead.push(id)
      const job = await claimOne(storage, at(i))
      assert.equal(job.id, id)
      assert.equal(await storage.jobs.fail(job, { error: `e${i}`, retryAt: at(MINUTE), now: at(i) }), 'dead')
    }
    await storage.jobs.enqueue(jobOf({ runAt: at(HOURS_LATER) }))

    const seen: string[] = []
    let cursor: string | null = null
    const pageSizes: number[] = []
    do {
      const page: Page<JobRecord> = await storage.jobs.listDead({ limit: 2, cursor })
      pageSizes.push(page.items.length)
      assert.ok(
        page.items.every((j) => j.status === 'dead'),
        'listDead lists only dead jobs',
      )
      seen.push(...page.items.map((j) => j.id))
      cursor = page.nextCursor
    } while (cursor !== null)
    assert.deepEqual(pageSizes, [2, 2, 1], 'pages of 2, the last one without a next cursor')
    assert.deepEqual(seen, [...dead].reverse(), 'newest first, each dead job once')
    const all = await storage.jobs.listDead({})
    assert.deepEqual(
      all.items.map((j) => j.lastError),
      ['e4', 'e3', 'e2', 'e1', 'e0'],
    )
    assert.equal(all.nextCursor, null)

    const bad = await rejectionOf(storage.jobs.listDead({ cursor: 'not a cursor!' }))
    assert.equal(bad.code, 'invalid_cursor')
    const badLimit = await rejectionOf(storage.jobs.listDead({ limit: 0 }))
    assert.equal(badLimit.code, 'invalid_argument')
  })

  it('countByStatus counts every status, zero included', async () => {
    const storage = await target.fresh()
    assertRecords(await storage.jobs.countByStatus(), EMPTY, 'an empty queue counts zero in every status')
    for (let i = 0; i < 6; i++) await storage.jobs.enqueue(jobOf({ maxAttempts: 1, runAt: at(i) }))
    const [a, b, c] = await storage.jobs.claim({ workerId: 'w', limit: 3, leaseMs: LEASE, now: at(10) })
    assert.ok(a && b && c, 'three jobs claimed')
    await storage.jobs.complete(a, at(11))
    await storage.jobs.complete(b, at(11))
    await storage.jobs.fail(c, { error: 'x', retryAt: at(MINUTE), now: at(11) })
    await storage.jobs.claim({ workerId: 'w', limit: 1, leaseMs: LEASE, now: at(12) })
    assertRecords(await storage.jobs.countByStatus(), { queued: 2, running: 1, completed: 2, dead: 1 }, 'counts by status')
  })

  // Concurrency: on a one-connection backend the workers run serialised and the answers hold.

  it(
    '4 workers on 4 pools drain 1,000 jobs: every job completed exactly once',
    async () => {
      const storage = await target.fresh()
      const total = 1000
      const now = at(MINUTE)
      const ids: string[] = []
      for (let start = 0; start < total; start += 50) {
        const batch = await Promise.all(
          Array.from({ length: 50 }, (_, i) => storage.jobs.enqueue(jobOf({ type: 'drain', payload: { n: start + i }, runAt: at(start + i) }))),
        )
        ids.push(...batch.map((r) => r.id))
      }
      assert.equal((await storage.jobs.countByStatus()).queued, total)

      const workers = await Promise.all(Array.from({ length: 4 }, () => target.sibling(storage, 3)))
      const completedBy = new Map<string, string[]>()
      const completeResults: boolean[] = []
      const claimedPerWorker = [0, 0, 0, 0]

      await Promise.all(
        workers.map(async (worker, w) => {
          const workerId = `worker-${w}`
          for (;;) {
            const batch = await worker.jobs.claim({ workerId, limit: 10, leaseMs: 10 * MINUTE, now, types: ['drain'] })
            if (batch.length === 0) return
            claimedPerWorker[w] = (claimedPerWorker[w] ?? 0) + batch.length
            for (const job of batch) {
              assert.equal(job.lockedBy, workerId, 'a claimed job is locked by its claimer')
              completeResults.push(await worker.jobs.complete(job, now))
              completedBy.set(job.id, [...(completedBy.get(job.id) ?? []), workerId])
            }
          }
        }),
      )

      assert.equal(completeResults.length, total, 'one complete per job')
      assert.ok(
        completeResults.every((ok) => ok),
        'every complete succeeded',
      )
      assert.equal(completedBy.size, total, 'every job was completed')
      assert.deepEqual(
        [...completedBy.values()].filter((by) => by.length !== 1),
        [],
        'no job was completed by two workers',
      )
      assert.equal(
        claimedPerWorker.reduce((a, b) => a + b, 0),
        total,
        'claims add up to the jobs: none claimed twice',
      )
      assertRecords(await storage.jobs.countByStatus(), { ...EMPTY, completed: total }, 'the queue is drained')
      // No job was ever claimed twice: each was attempted exactly once (claim increments attempts).
      const twice: string[] = []
      for (let start = 0; start < total; start += 50) {
        const jobs = await Promise.all(ids.slice(start, start + 50).map(async (id) => ({ id, job: await storage.jobs.get(id) })))
        twice.push(...jobs.filter(({ job }) => job?.attempts !== 1).map(({ id, job }) => `${id}: ${job ? `${job.attempts} attempts` : 'missing'}`))
      }
      assert.deepEqual(twice, [], 'jobs attempted other than exactly once')
    },
    120_000,
  )

  it('a worker that dies holding a lease: reclaimed after the lease, completed once by another, the dead worker fenced', async () => {
    const storage = await target.fresh()
    const dying = await target.sibling(storage, 2)
    const survivor = await target.sibling(storage, 2)
    const { id } = await storage.jobs.enqueue(jobOf({ type: 'poll', maxAttempts: 3 }))

    const [held] = await dying.jobs.claim({ workerId: 'dying', limit: 5, leaseMs: LEASE, now: at(0) })
    assertPartial(held, { id, attempts: 1, lockedBy: 'dying' }, 'the first claim')
    // The worker dies here. Until its lease runs out, nobody else gets the job.
    assert.deepEqual(await survivor.jobs.claim({ workerId: 'survivor', limit: 5, leaseMs: LEASE, now: at(LEASE - 1) }), [], 'the job is held until its lease ends')
    assertPartial(await survivor.jobs.reclaimExpired(at(LEASE - 1)), { requeued: 0, dead: 0, deadJobs: [] }, 'reclaim before the lease ends')

    assertPartial(await survivor.jobs.reclaimExpired(at(LEASE)), { requeued: 1, dead: 0, deadJobs: [] }, 'reclaim at the lease end')
    const [taken] = await survivor.jobs.claim({ workerId: 'survivor', limit: 5, leaseMs: LEASE, now: at(LEASE + SECOND) })
    assertPartial(taken, { id, attempts: 2, lockedBy: 'survivor' }, 'the survivor’s claim')
    assert.ok(held && taken)
    assert.equal(await survivor.jobs.complete(taken, at(LEASE + 2 * SECOND)), true)

    // The dead worker comes back late: its writes are refused.
    assert.equal(await dying.jobs.complete(held, at(LEASE + 3 * SECOND)), false, 'the late worker cannot complete')
    assert.equal(await dying.jobs.fail(held, { error: 'late', retryAt: at(MINUTE), now: at(LEASE + 3 * SECOND) }), 'lease_lost', 'the late worker cannot fail')
    assertPartial(await storage.jobs.get(id), { status: 'completed', attempts: 2, completedAt: at(LEASE + 2 * SECOND) }, 'completed once, by the survivor')
    assertRecords(await storage.jobs.countByStatus(), { ...EMPTY, completed: 1 }, 'one completed job')
  })

  it('parallel claimers on separate pools never get the same job', async () => {
    const storage = await target.fresh()
    for (let i = 0; i < 60; i++) await storage.jobs.enqueue(jobOf({ runAt: at(i) }))
    const claimers = await Promise.all(Array.from({ length: 6 }, () => target.sibling(storage, 2)))
    const batches = await Promise.all(claimers.map((c, i) => c.jobs.claim({ workerId: `c${i}`, limit: 7, leaseMs: LEASE, now: at(MINUTE) })))
    const ids = batches.flat().map((j) => j.id)
    assert.equal(new Set(ids).size, ids.length, 'no job was handed to two claimers')
    assert.equal(ids.length, 42, 'each claimer got its full limit (SKIP LOCKED passes locked rows instead of returning short)')
    assert.equal((await storage.jobs.countByStatus()).running, 42)
  })
}
