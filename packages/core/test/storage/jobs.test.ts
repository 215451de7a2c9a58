import { describe, expect, it } from 'vitest'
import { VetkitError } from '../../src/errors'
import type { ClaimedJob, JobRecord } from '../../src/ports/storage'
import type { KnexStorage } from '../../src/storage/knex'
import { describeEachBackend } from './support/backends'
import { at, MINUTE, newJob, rejectionOf, SECOND, storageOn, T0, warmPool } from './support/fixtures-b'

const LEASE = 30 * SECOND
const HOURS_LATER = 5 * 60 * MINUTE

describeEachBackend('job queue', (db, backend) => {
  describe('enqueue', () => {
    it('inserts a queued job with defaults and returns its id', async () => {
      const storage = await db().freshStorage()
      const a = await storage.jobs.enqueue(newJob({ type: 'email.send', payload: { to: 's1', n: [1, 2] }, runAt: at(MINUTE), now: T0 }))
      const b = await storage.jobs.enqueue(newJob({ type: 'email.send', payload: { to: 's1', n: [1, 2] } }))
      expect(a.inserted).toBe(true)
      expect(b.inserted).toBe(true)
      expect(a.id).not.toBe(b.id)
      const job = await storage.jobs.get(a.id)
      expect(job).toEqual<JobRecord>({
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
        createdAt: T0,
        updatedAt: T0,
        completedAt: null,
      })
      expect(await storage.jobs.get('999999')).toBeNull()
    })

    it('keeps at most one job per dedupe key: a second enqueue returns inserted:false and the same id', async () => {
      const storage = await db().freshStorage()
      const first = await storage.jobs.enqueue(newJob({ dedupeKey: 'check:c1:poll', payload: { v: 1 }, maxAttempts: 3 }))
      const second = await storage.jobs.enqueue(newJob({ dedupeKey: 'check:c1:poll', payload: { v: 2 }, now: at(SECOND) }))
      expect(first.inserted).toBe(true)
      expect(second).toEqual({ id: first.id, inserted: false })
      const stored = await storage.jobs.getByDedupeKey('check:c1:poll')
      expect(stored).toMatchObject({ id: first.id, payload: { v: 1 }, maxAttempts: 3, dedupeKey: 'check:c1:poll', createdAt: T0 })
      expect(await storage.jobs.getByDedupeKey('check:c2:poll')).toBeNull()
      // Even once the job has run, the key still names it.
      const [claimed] = await storage.jobs.claim({ workerId: 'w', limit: 1, leaseMs: LEASE, now: T0 })
      expect(await storage.jobs.complete(claimed!, at(SECOND))).toBe(true)
      expect(await storage.jobs.enqueue(newJob({ dedupeKey: 'check:c1:poll', now: at(MINUTE) }))).toEqual({ id: first.id, inserted: false })
      expect((await storage.jobs.countByStatus()).queued).toBe(0)
    })

    it('a duplicate enqueue inside a transaction leaves the transaction usable', async () => {
      const storage = await db().freshStorage()
      const first = await storage.jobs.enqueue(newJob({ dedupeKey: 'd' }))
      const ids = await storage.transaction(async (tx) => {
        const again = await tx.jobs.enqueue(newJob({ dedupeKey: 'd' }))
        const other = await tx.jobs.enqueue(newJob({ dedupeKey: 'e' }))
        return [again, other]
      })
      expect(ids[0]).toEqual({ id: first.id, inserted: false })
      expect(ids[1]!.inserted).toBe(true)
      expect(await storage.jobs.getByDedupeKey('e')).toMatchObject({ id: ids[1]!.id, status: 'queued' })
    })

    it('parallel enqueues of one dedupe key insert exactly one job', async () => {
      const storage = await db().freshStorage()
      const other = storageOn(db().anotherKnex(5), storage)
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? other : storage).jobs.enqueue(newJob({ dedupeKey: 'same', payload: { i } }))),
      )
      expect(results.filter((r) => r.inserted)).toHaveLength(1)
      expect(new Set(results.map((r) => r.id)).size).toBe(1)
      expect(await storage.jobs.countByStatus()).toEqual({ queued: 1, running: 0, completed: 0, dead: 0 })
    })

    it('rejects a maxAttempts that is not a positive integer', async () => {
      const storage = await db().freshStorage()
      for (const maxAttempts of [0, -1, 1.5]) {
        const error = await rejectionOf(storage.jobs.enqueue(newJob({ maxAttempts })))
        expect(error).toBeInstanceOf(VetkitError)
        expect(error.code).toBe('invalid_argument')
        expect(error.field).toBe('maxAttempts')
      }
      expect(await storage.jobs.countByStatus()).toEqual({ queued: 0, running: 0, completed: 0, dead: 0 })
    })
  })

  describe('claim', () => {
    it('claims only due jobs, oldest first, and not before runAt', async () => {
      const storage = await db().freshStorage()
      const later = await storage.jobs.enqueue(newJob({ runAt: at(10 * SECOND), payload: { n: 'later' } }))
      const early = await storage.jobs.enqueue(newJob({ runAt: at(0), payload: { n: 'early' } }))
      const mid = await storage.jobs.enqueue(newJob({ runAt: at(5 * SECOND), payload: { n: 'mid' } }))

      expect(await storage.jobs.claim({ workerId: 'w', limit: 10, leaseMs: LEASE, now: at(-1) })).toEqual([])
      const first = await storage.jobs.claim({ workerId: 'w', limit: 10, leaseMs: LEASE, now: at(9999) })
      expect(first.map((j) => j.id)).toEqual([early.id, mid.id])
      // Exactly at runAt the job is due.
      const second = await storage.jobs.claim({ workerId: 'w', limit: 10, leaseMs: LEASE, now: at(10 * SECOND) })
      expect(second.map((j) => j.id)).toEqual([later.id])
      expect(await storage.jobs.claim({ workerId: 'w', limit: 10, leaseMs: LEASE, now: at(MINUTE) })).toEqual([])
    })

    it('marks claimed jobs running under a lease, increments attempts and returns a claim token', async () => {
      const storage = await db().freshStorage()
      const { id } = await storage.jobs.enqueue(newJob({ payload: { hello: 'world' } }))
      const now = at(SECOND)
      const [job] = await storage.jobs.claim({ workerId: 'worker-1', limit: 5, leaseMs: LEASE, now })
      expect(job).toMatchObject({
        id,
        type: 'test.job',
        payload: { hello: 'world' },
        status: 'running',
        attempts: 1,
        lockedBy: 'worker-1',
        lockedUntil: new Date(now.getTime() + LEASE),
        updatedAt: now,
      })
      expect(job!.claimToken).toMatch(/^[0-9a-f-]{36}$/)
      expect(await storage.jobs.get(id)).toMatchObject({ status: 'running', attempts: 1, lockedBy: 'worker-1', lockedUntil: new Date(now.getTime() + LEASE) })
      // A running job is not claimed again, even by the same worker.
      expect(await storage.jobs.claim({ workerId: 'worker-1', limit: 5, leaseMs: LEASE, now: at(2 * SECOND) })).toEqual([])
    })

    it('respects limit and types', async () => {
      const storage = await db().freshStorage()
      const emails = []
      for (let i = 0; i < 4; i++) emails.push((await storage.jobs.enqueue(newJob({ type: 'email', runAt: at(i) }))).id)
      const poll = await storage.jobs.enqueue(newJob({ type: 'poll', runAt: at(0) }))
      const sweep = await storage.jobs.enqueue(newJob({ type: 'sweep', runAt: at(0) }))
      const now = at(MINUTE)

      expect(await storage.jobs.claim({ workerId: 'w', limit: 0, leaseMs: LEASE, now })).toEqual([])
      const two = await storage.jobs.claim({ workerId: 'w', limit: 2, leaseMs: LEASE, now, types: ['email'] })
      expect(two.map((j) => j.id)).toEqual(emails.slice(0, 2))
      const polls = await storage.jobs.claim({ workerId: 'w', limit: 10, leaseMs: LEASE, now, types: ['poll', 'nothing'] })
      expect(polls.map((j) => j.id)).toEqual([poll.id])
      // An empty type list means every type.
      const rest = await storage.jobs.claim({ workerId: 'w', limit: 10, leaseMs: LEASE, now, types: [] })
      expect(rest.map((j) => j.id).sort()).toEqual([...emails.slice(2), sweep.id].sort())
      expect(rest.every((j) => j.type === 'email' || j.type === 'sweep')).toBe(true)
    })
  })

  describe('complete, fail and redrive', () => {
    async function claimOne(storage: KnexStorage, now: Date, workerId = 'w'): Promise<ClaimedJob> {
      const [job] = await storage.jobs.claim({ workerId, limit: 1, leaseMs: LEASE, now })
      if (!job) throw new Error('expected a job to claim')
      return job
    }

    it('complete marks the job completed and releases the lease; a second complete returns false', async () => {
      const storage = await db().freshStorage()
      const { id } = await storage.jobs.enqueue(newJob())
      const job = await claimOne(storage, at(0))
      expect(await storage.jobs.complete(job, at(SECOND))).toBe(true)
      expect(await storage.jobs.get(id)).toMatchObject({
        status: 'completed',
        completedAt: at(SECOND),
        updatedAt: at(SECOND),
        lockedBy: null,
        lockedUntil: null,
        attempts: 1,
      })
      expect(await storage.jobs.complete(job, at(2 * SECOND))).toBe(false)
      expect(await storage.jobs.fail(job, { error: 'late', retryAt: at(MINUTE), now: at(2 * SECOND) })).toBe('lease_lost')
      expect(await storage.jobs.claim({ workerId: 'w', limit: 5, leaseMs: LEASE, now: at(MINUTE) })).toEqual([])
    })

    it('fail schedules a retry at retryAt: not claimable before it, claimable at it', async () => {
      const storage = await db().freshStorage()
      const { id } = await storage.jobs.enqueue(newJob({ maxAttempts: 3 }))
      const job = await claimOne(storage, at(0))
      expect(await storage.jobs.fail(job, { error: 'provider timeout', retryAt: at(MINUTE), now: at(SECOND) })).toBe('retrying')
      expect(await storage.jobs.get(id)).toMatchObject({
        status: 'queued',
        runAt: at(MINUTE),
        attempts: 1,
        lastError: 'provider timeout',
        lockedBy: null,
        lockedUntil: null,
        updatedAt: at(SECOND),
      })
      expect(await storage.jobs.claim({ workerId: 'w', limit: 5, leaseMs: LEASE, now: at(MINUTE - 1) })).toEqual([])
      const again = await claimOne(storage, at(MINUTE))
      expect(again).toMatchObject({ id, attempts: 2, status: 'running' })
      expect(again.claimToken).not.toBe(job.claimToken)
      // The first claim's token no longer holds the job.
      expect(await storage.jobs.complete(job, at(MINUTE))).toBe(false)
      expect(await storage.jobs.complete(again, at(MINUTE))).toBe(true)
    })

    it('dead-letters the job once attempts reach maxAttempts, keeping the last error', async () => {
      const storage = await db().freshStorage()
      const { id } = await storage.jobs.enqueue(newJob({ maxAttempts: 2 }))
      const first = await claimOne(storage, at(0))
      expect(await storage.jobs.fail(first, { error: 'first failure', retryAt: at(SECOND), now: at(0) })).toBe('retrying')
      const second = await claimOne(storage, at(SECOND))
      expect(await storage.jobs.fail(second, { error: 'second failure', retryAt: at(MINUTE), now: at(2 * SECOND) })).toBe('dead')
      expect(await storage.jobs.get(id)).toMatchObject({ status: 'dead', attempts: 2, lastError: 'second failure', lockedBy: null, lockedUntil: null })
      expect(await storage.jobs.claim({ workerId: 'w', limit: 5, leaseMs: LEASE, now: at(10 * MINUTE) })).toEqual([])
      expect((await storage.jobs.listDead({})).items.map((j) => j.id)).toEqual([id])
    })

    it('final: true dead-letters at once, whatever attempts remain', async () => {
      const storage = await db().freshStorage()
      const { id } = await storage.jobs.enqueue(newJob({ maxAttempts: 10 }))
      const job = await claimOne(storage, at(0))
      expect(await storage.jobs.fail(job, { error: 'invalid payload', retryAt: at(MINUTE), now: at(SECOND), final: true })).toBe('dead')
      expect(await storage.jobs.get(id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'invalid payload' })
      expect(await storage.jobs.claim({ workerId: 'w', limit: 5, leaseMs: LEASE, now: at(10 * MINUTE) })).toEqual([])
    })

    it('bounds a huge error message instead of failing', async () => {
      const storage = await db().freshStorage()
      const { id } = await storage.jobs.enqueue(newJob())
      const job = await claimOne(storage, at(0))
      const huge = `boom ${'x'.repeat(20_000)}`
      expect(await storage.jobs.fail(job, { error: huge, retryAt: at(MINUTE), now: at(SECOND) })).toBe('retrying')
      const stored = await storage.jobs.get(id)
      expect(stored!.lastError!.startsWith('boom x')).toBe(true)
      expect(stored!.lastError!.length).toBeLessThan(huge.length)
    })

    it('redrive puts only dead jobs back, with attempts reset', async () => {
      const storage = await db().freshStorage()
      const dead = await storage.jobs.enqueue(newJob({ maxAttempts: 1, runAt: at(0) }))
      const queued = await storage.jobs.enqueue(newJob({ runAt: at(HOURS_LATER) }))
      const job = await claimOne(storage, at(0))
      expect(job.id).toBe(dead.id)
      expect(await storage.jobs.fail(job, { error: 'nope', retryAt: at(SECOND), now: at(SECOND) })).toBe('dead')

      expect(await storage.jobs.redrive(queued.id, at(MINUTE))).toBe(false)
      expect(await storage.jobs.redrive('987654', at(MINUTE))).toBe(false)
      expect(await storage.jobs.get(queued.id)).toMatchObject({ status: 'queued', runAt: at(HOURS_LATER) })

      expect(await storage.jobs.redrive(dead.id, at(MINUTE))).toBe(true)
      expect(await storage.jobs.get(dead.id)).toMatchObject({ status: 'queued', attempts: 0, runAt: at(MINUTE), updatedAt: at(MINUTE) })
      expect(await storage.jobs.redrive(dead.id, at(MINUTE))).toBe(false)

      const again = await claimOne(storage, at(MINUTE))
      expect(again).toMatchObject({ id: dead.id, attempts: 1 })
      expect(await storage.jobs.redrive(dead.id, at(MINUTE))).toBe(false)
      expect(await storage.jobs.complete(again, at(MINUTE + SECOND))).toBe(true)
      expect(await storage.jobs.redrive(dead.id, at(2 * MINUTE))).toBe(false)
      expect(await storage.jobs.get(dead.id)).toMatchObject({ status: 'completed' })
    })
  })

  describe('leases', () => {
    it('extendLease pushes the lease out while it is held, and only then', async () => {
      const storage = await db().freshStorage()
      const { id } = await storage.jobs.enqueue(newJob())
      const [job] = await storage.jobs.claim({ workerId: 'w', limit: 1, leaseMs: LEASE, now: at(0) })
      expect(await storage.jobs.extendLease(job!, at(2 * MINUTE), at(20 * SECOND))).toBe(true)
      expect(await storage.jobs.get(id)).toMatchObject({ status: 'running', lockedUntil: at(2 * MINUTE), updatedAt: at(20 * SECOND) })
      // The original lease end has passed, the extended one has not: nothing to reclaim.
      expect(await storage.jobs.reclaimExpired(at(MINUTE))).toMatchObject({ requeued: 0, dead: 0, deadJobs: [] })
      expect(await storage.jobs.get(id)).toMatchObject({ status: 'running' })
      expect(await storage.jobs.reclaimExpired(at(2 * MINUTE))).toMatchObject({ requeued: 1, dead: 0, deadJobs: [] })
      expect(await storage.jobs.extendLease(job!, at(10 * MINUTE), at(2 * MINUTE))).toBe(false)
      expect(await storage.jobs.get(id)).toMatchObject({ status: 'queued', lockedUntil: null })
    })

    it('fences a worker whose lease expired and whose job another worker now holds', async () => {
      const storage = await db().freshStorage()
      const { id } = await storage.jobs.enqueue(newJob({ maxAttempts: 5 }))
      const [stale] = await storage.jobs.claim({ workerId: 'slow', limit: 1, leaseMs: LEASE, now: at(0) })
      expect(await storage.jobs.reclaimExpired(at(LEASE))).toMatchObject({ requeued: 1, dead: 0, deadJobs: [] })
      const [fresh] = await storage.jobs.claim({ workerId: 'fast', limit: 1, leaseMs: LEASE, now: at(LEASE + SECOND) })
      expect(fresh).toMatchObject({ id, attempts: 2, lockedBy: 'fast' })

      expect(await storage.jobs.complete(stale!, at(LEASE + 2 * SECOND))).toBe(false)
      expect(await storage.jobs.fail(stale!, { error: 'late', retryAt: at(MINUTE), now: at(LEASE + 2 * SECOND) })).toBe('lease_lost')
      expect(await storage.jobs.extendLease(stale!, at(10 * MINUTE), at(LEASE + 2 * SECOND))).toBe(false)
      // The late writes changed nothing.
      expect(await storage.jobs.get(id)).toMatchObject({ status: 'running', lockedBy: 'fast', lockedUntil: at(2 * LEASE + SECOND), attempts: 2 })

      expect(await storage.jobs.complete(fresh!, at(LEASE + 3 * SECOND))).toBe(true)
      expect(await storage.jobs.get(id)).toMatchObject({ status: 'completed', completedAt: at(LEASE + 3 * SECOND) })
    })

    it('reclaimExpired requeues expired leases and dead-letters exhausted ones, leaving live leases alone', async () => {
      const storage = await db().freshStorage()
      const exhausted = await storage.jobs.enqueue(newJob({ maxAttempts: 1, runAt: at(0) }))
      const retriable = await storage.jobs.enqueue(newJob({ maxAttempts: 3, runAt: at(1) }))
      const longLease = await storage.jobs.enqueue(newJob({ maxAttempts: 1, runAt: at(2) }))
      const notClaimed = await storage.jobs.enqueue(newJob({ runAt: at(3) }))
      await storage.jobs.claim({ workerId: 'w', limit: 2, leaseMs: LEASE, now: at(10) })
      await storage.jobs.claim({ workerId: 'w', limit: 1, leaseMs: 10 * MINUTE, now: at(10) })

      expect(await storage.jobs.reclaimExpired(at(LEASE + 9))).toMatchObject({ requeued: 0, dead: 0, deadJobs: [] })
      const now = at(LEASE + 10)
      expect(await storage.jobs.reclaimExpired(now)).toMatchObject({ requeued: 1, dead: 1, deadJobs: [expect.objectContaining({ status: 'dead' })] })

      expect(await storage.jobs.get(exhausted.id)).toMatchObject({ status: 'dead', attempts: 1, lockedBy: null, lockedUntil: null })
      expect((await storage.jobs.get(exhausted.id))!.lastError).toMatch(/lease expired/)
      // Back first in line: its own run time is kept, ahead of jobs queued after it.
      expect(await storage.jobs.get(retriable.id)).toMatchObject({ status: 'queued', attempts: 1, runAt: at(1), lockedBy: null, lockedUntil: null })
      expect((await storage.jobs.get(retriable.id))!.lastError).toMatch(/lease expired/)
      const [next] = await storage.jobs.claim({ workerId: 'w2', limit: 1, leaseMs: LEASE, now: at(LEASE + 11) })
      expect(next?.id).toBe(retriable.id)
      await storage.jobs.fail(next!, { error: 'x', retryAt: now, now: at(LEASE + 11) })
      expect(await storage.jobs.get(longLease.id)).toMatchObject({ status: 'running', lockedUntil: at(10 + 10 * MINUTE) })
      expect(await storage.jobs.get(notClaimed.id)).toMatchObject({ status: 'queued', attempts: 0, lastError: null })
      expect(await storage.jobs.reclaimExpired(now)).toMatchObject({ requeued: 0, dead: 0, deadJobs: [] })
      expect(await storage.jobs.countByStatus()).toEqual({ queued: 2, running: 1, completed: 0, dead: 1 })
    })

    it('renewClaim extends every job still held under one claim, and only those', async () => {
      const storage = await db().freshStorage()
      await storage.jobs.enqueue(newJob())
      await storage.jobs.enqueue(newJob())
      const other = await storage.jobs.enqueue(newJob({ runAt: at(1) }))
      const claimed = await storage.jobs.claim({ workerId: 'w', limit: 2, leaseMs: LEASE, now: at(0) })
      const [elsewhere] = await storage.jobs.claim({ workerId: 'v', limit: 1, leaseMs: LEASE, now: at(1) })
      expect(elsewhere?.id).toBe(other.id)
      await storage.jobs.complete(claimed[0]!, at(2))
      expect(await storage.jobs.renewClaim(claimed[0]!.claimToken, at(5 * MINUTE), at(3))).toBe(1)
      expect(await storage.jobs.get(claimed[1]!.id)).toMatchObject({ status: 'running', lockedUntil: at(5 * MINUTE) })
      expect(await storage.jobs.get(other.id)).toMatchObject({ lockedUntil: at(1 + LEASE) })
    })
  })

  describe('listings', () => {
    it('listDead pages newest first with a cursor, and rejects a bad cursor or limit', async () => {
      const storage = await db().freshStorage()
      const dead: string[] = []
      for (let i = 0; i < 5; i++) {
        const { id } = await storage.jobs.enqueue(newJob({ maxAttempts: 1, runAt: at(i), payload: { i } }))
        dead.push(id)
        const [job] = await storage.jobs.claim({ workerId: 'w', limit: 1, leaseMs: LEASE, now: at(i) })
        expect(job!.id).toBe(id)
        expect(await storage.jobs.fail(job!, { error: `e${i}`, retryAt: at(MINUTE), now: at(i) })).toBe('dead')
      }
      await storage.jobs.enqueue(newJob({ runAt: at(HOURS_LATER) }))

      const seen: string[] = []
      let cursor: string | null = null
      const pageSizes: number[] = []
      do {
        const page = await storage.jobs.listDead({ limit: 2, cursor })
        pageSizes.push(page.items.length)
        expect(page.items.every((j) => j.status === 'dead')).toBe(true)
        seen.push(...page.items.map((j) => j.id))
        cursor = page.nextCursor
      } while (cursor !== null)
      expect(pageSizes).toEqual([2, 2, 1])
      expect(seen).toEqual([...dead].reverse())
      const all = await storage.jobs.listDead({})
      expect(all.items.map((j) => j.lastError)).toEqual(['e4', 'e3', 'e2', 'e1', 'e0'])
      expect(all.nextCursor).toBeNull()

      const bad = await rejectionOf(storage.jobs.listDead({ cursor: 'not a cursor!' }))
      expect(bad.code).toBe('invalid_cursor')
      const badLimit = await rejectionOf(storage.jobs.listDead({ limit: 0 }))
      expect(badLimit.code).toBe('invalid_argument')
    })

    it('countByStatus counts every status, zero included', async () => {
      const storage = await db().freshStorage()
      expect(await storage.jobs.countByStatus()).toEqual({ queued: 0, running: 0, completed: 0, dead: 0 })
      for (let i = 0; i < 6; i++) await storage.jobs.enqueue(newJob({ maxAttempts: 1, runAt: at(i) }))
      const claimed = await storage.jobs.claim({ workerId: 'w', limit: 3, leaseMs: LEASE, now: at(10) })
      await storage.jobs.complete(claimed[0]!, at(11))
      await storage.jobs.complete(claimed[1]!, at(11))
      await storage.jobs.fail(claimed[2]!, { error: 'x', retryAt: at(MINUTE), now: at(11) })
      await storage.jobs.claim({ workerId: 'w', limit: 1, leaseMs: LEASE, now: at(12) })
      expect(await storage.jobs.countByStatus()).toEqual({ queued: 2, running: 1, completed: 2, dead: 1 })
    })
  })

  describe('concurrency', () => {
    it('4 workers on 4 pools drain 1,000 jobs: every job completed exactly once', async () => {
      const storage = await db().freshStorage()
      const total = 1000
      const now = at(MINUTE)
      for (let start = 0; start < total; start += 50) {
        await Promise.all(
          Array.from({ length: 50 }, (_, i) => storage.jobs.enqueue(newJob({ type: 'drain', payload: { n: start + i }, runAt: at(start + i) }))),
        )
      }
      expect((await storage.jobs.countByStatus()).queued).toBe(total)

      const pools = Array.from({ length: 4 }, () => db().anotherKnex(3))
      await Promise.all(pools.map((k) => warmPool(k, backend, 3)))
      const workers = pools.map((knex) => storageOn(knex, storage))
      const completedBy = new Map<string, string[]>()
      const completeResults: boolean[] = []
      const claimedPerWorker = [0, 0, 0, 0]

      await Promise.all(
        workers.map(async (worker, w) => {
          const workerId = `worker-${w}`
          for (;;) {
            const batch = await worker.jobs.claim({ workerId, limit: 10, leaseMs: 10 * MINUTE, now, types: ['drain'] })
            if (batch.length === 0) return
            claimedPerWorker[w]! += batch.length
            for (const job of batch) {
              expect(job.lockedBy).toBe(workerId)
              completeResults.push(await worker.jobs.complete(job, now))
              completedBy.set(job.id, [...(completedBy.get(job.id) ?? []), workerId])
            }
          }
        }),
      )

      expect(completeResults).toHaveLength(total)
      expect(completeResults.every((ok) => ok)).toBe(true)
      expect(completedBy.size).toBe(total)
      expect([...completedBy.values()].filter((by) => by.length !== 1)).toEqual([])
      expect(claimedPerWorker.reduce((a, b) => a + b, 0)).toBe(total)
      expect(await storage.jobs.countByStatus()).toEqual({ queued: 0, running: 0, completed: total, dead: 0 })
      // No job was ever claimed twice: each was attempted exactly once.
      const ref = storage.tables.ref('jobs')
      const twice = (await db().knex(ref).where('attempts', '<>', 1).count({ n: '*' })) as { n: unknown }[]
      expect(Number(twice[0]!.n)).toBe(0)
    }, 120_000)

    it('a worker that dies holding a lease: reclaimed after the lease, completed once by another, the dead worker fenced', async () => {
      const storage = await db().freshStorage()
      const dying = storageOn(db().anotherKnex(2), storage)
      const survivor = storageOn(db().anotherKnex(2), storage)
      const { id } = await storage.jobs.enqueue(newJob({ type: 'poll', maxAttempts: 3 }))

      const [held] = await dying.jobs.claim({ workerId: 'dying', limit: 5, leaseMs: LEASE, now: at(0) })
      expect(held).toMatchObject({ id, attempts: 1, lockedBy: 'dying' })
      // The worker dies here. Until its lease runs out, nobody else gets the job.
      expect(await survivor.jobs.claim({ workerId: 'survivor', limit: 5, leaseMs: LEASE, now: at(LEASE - 1) })).toEqual([])
      expect(await survivor.jobs.reclaimExpired(at(LEASE - 1))).toMatchObject({ requeued: 0, dead: 0, deadJobs: [] })

      expect(await survivor.jobs.reclaimExpired(at(LEASE))).toMatchObject({ requeued: 1, dead: 0, deadJobs: [] })
      const [taken] = await survivor.jobs.claim({ workerId: 'survivor', limit: 5, leaseMs: LEASE, now: at(LEASE + SECOND) })
      expect(taken).toMatchObject({ id, attempts: 2, lockedBy: 'survivor' })
      expect(await survivor.jobs.complete(taken!, at(LEASE + 2 * SECOND))).toBe(true)

      // The dead worker comes back late: its writes are refused.
      expect(await dying.jobs.complete(held!, at(LEASE + 3 * SECOND))).toBe(false)
      expect(await dying.jobs.fail(held!, { error: 'late', retryAt: at(MINUTE), now: at(LEASE + 3 * SECOND) })).toBe('lease_lost')
      expect(await storage.jobs.get(id)).toMatchObject({ status: 'completed', attempts: 2, completedAt: at(LEASE + 2 * SECOND) })
      expect(await storage.jobs.countByStatus()).toEqual({ queued: 0, running: 0, completed: 1, dead: 0 })
    })

    it('parallel claimers on separate pools never get the same job', async () => {
      const storage = await db().freshStorage()
      for (let i = 0; i < 60; i++) await storage.jobs.enqueue(newJob({ runAt: at(i) }))
      const claimers = Array.from({ length: 6 }, () => storageOn(db().anotherKnex(2), storage))
      const batches = await Promise.all(claimers.map((c, i) => c.jobs.claim({ workerId: `c${i}`, limit: 7, leaseMs: LEASE, now: at(MINUTE) })))
      const ids = batches.flat().map((j) => j.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.length).toBe(42)
      expect((await storage.jobs.countByStatus()).running).toBe(42)
    })
  })
})
