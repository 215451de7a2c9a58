import assert from 'node:assert/strict'
import { after, createSubject, DAY, insertCheck, jobOf, QUEUE_T0, SECOND, T0 } from './fixtures'
import type { ConformanceContext } from './target'

const NOW = after(T0, 100 * DAY)

/** The metrics' gauges (`stats.snapshot`): what each count includes, at an explicit `now`. */
export function statsCases({ it, target }: ConformanceContext): void {
  it('counts checks by status, old screenings, expiring passes and overdue final notices', async () => {
    const storage = await target.fresh()
    const subjectId = await createSubject(storage)
    const empty = await storage.stats.snapshot(NOW)
    assert.equal(empty.checksByStatus.passed, 0, 'every status is present, at 0')
    assert.equal(Object.keys(empty.checksByStatus).length, 10)

    await insertCheck(storage, subjectId, { status: 'pending', createdAt: after(NOW, -8 * DAY) })
    await insertCheck(storage, subjectId, { status: 'invited', createdAt: after(NOW, -7 * DAY) })
    await insertCheck(storage, subjectId, { status: 'suspended', createdAt: after(NOW, -6 * DAY) })
    await insertCheck(storage, subjectId, { status: 'passed', createdAt: T0, stateOverrides: { outcome: 'clear', validUntil: after(NOW, 10 * DAY) } })
    await insertCheck(storage, subjectId, { status: 'passed', createdAt: T0, stateOverrides: { outcome: 'clear', validUntil: after(NOW, 30 * DAY) } })
    await insertCheck(storage, subjectId, { status: 'passed', createdAt: T0, stateOverrides: { outcome: 'clear', validUntil: after(NOW, 31 * DAY) } })
    await insertCheck(storage, subjectId, { status: 'passed', createdAt: T0, stateOverrides: { outcome: 'clear', validUntil: after(NOW, -1) } })
    const adverse = (dueInMs: number) => ({
      startedAt: after(NOW, -5 * DAY), adverseItemIds: ['x'], medium: 'email' as const, writtenDispute: false,
      earliestFinalAt: after(NOW, dueInMs), waitBusinessDays: 5, businessDaysElapsed: 0, runningSince: after(NOW, -5 * DAY), finalNoticeDueAt: after(NOW, dueInMs),
    })
    await insertCheck(storage, subjectId, { status: 'pre_adverse', createdAt: T0, stateOverrides: { outcome: 'consider', adverseAction: adverse(-SECOND) } })
    await insertCheck(storage, subjectId, { status: 'pre_adverse', createdAt: T0, stateOverrides: { outcome: 'consider', adverseAction: adverse(0) } })
    await insertCheck(storage, subjectId, { status: 'pre_adverse', createdAt: T0, stateOverrides: { outcome: 'consider', adverseAction: adverse(DAY) } })

    const stats = await storage.stats.snapshot(NOW)
    assert.deepEqual(
      { pending: stats.checksByStatus.pending, invited: stats.checksByStatus.invited, suspended: stats.checksByStatus.suspended, passed: stats.checksByStatus.passed, pre_adverse: stats.checksByStatus.pre_adverse, failed: stats.checksByStatus.failed },
      { pending: 1, invited: 1, suspended: 1, passed: 4, pre_adverse: 3, failed: 0 },
      'checks by status',
    )
    assert.equal(stats.pendingOver7d, 2, 'still screening and created 7 days ago or more')
    assert.equal(stats.passesExpiring30d, 2, 'passes ending within 30 days (a lapsed one and a later one excluded)')
    assert.equal(stats.adverseWaiting, 3)
    assert.equal(stats.adverseOverdue, 2, 'final notices due at or before now')
  })

  it('counts the due job backlog, its oldest wait and the dead letters', async () => {
    const storage = await target.fresh()
    const now = new Date(QUEUE_T0.getTime() + 60 * SECOND)
    await storage.jobs.enqueue(jobOf({ runAt: QUEUE_T0 }))
    await storage.jobs.enqueue(jobOf({ runAt: new Date(QUEUE_T0.getTime() + 30 * SECOND) }))
    await storage.jobs.enqueue(jobOf({ runAt: new Date(now.getTime() + SECOND) }))
    await storage.jobs.enqueue(jobOf({ type: 'test.doomed', runAt: QUEUE_T0 }))
    const [doomed] = await storage.jobs.claim({ workerId: 'w', limit: 1, leaseMs: 30 * SECOND, now: QUEUE_T0, types: ['test.doomed'] })
    assert.ok(doomed)
    assert.equal(await storage.jobs.fail(doomed, { error: 'x', retryAt: now, now: QUEUE_T0, final: true }), 'dead')

    const stats = await storage.stats.snapshot(now)
    assert.equal(stats.jobsBacklog, 2, 'queued and due: not the future one, not the dead one')
    assert.equal(stats.oldestJobAgeSeconds, 60, 'the oldest due job has waited a minute')
    assert.equal(stats.jobsDead, 1)
    const quiet = await storage.stats.snapshot(QUEUE_T0)
    assert.equal(quiet.jobsBacklog, 1)
    assert.equal(quiet.oldestJobAgeSeconds, 0)
  })
}
