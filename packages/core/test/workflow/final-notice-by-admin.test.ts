import { beforeAll, expect, it } from 'vitest'
import { describeEachBackend } from '../storage/support/backends'
import { createHarness, type Harness } from './support/harness'

const ADMIN = { kind: 'admin' as const, id: 'admin-1' }

/** `policy.adverseAction.finalNotice: 'admin'`: the wait gates a reviewer's finalize, and no job sends the notice. */
describeEachBackend('final notice sent by an admin', (db) => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness(db(), { policy: { adverseAction: { finalNotice: 'admin' } } })
  }, 60_000)

  it('waits past the due date for the admin, then finalizes once, with the final notice', async () => {
    await h.enrol('w-by-admin', 'consider')
    const { check } = await h.vetkit.api.invite({ subjectId: 'w-by-admin', ip: null })
    await h.advance({ days: 3 })
    const [item] = await h.vetkit.api.listAdverseItems(check.id)
    const started = await h.vetkit.api.startAdverseAction({ checkId: check.id, actor: ADMIN, adverseItemIds: [item!.id] })
    const due = started.state.adverseAction!.finalNoticeDueAt!
    await expect(h.vetkit.api.finalizeAdverseAction({ checkId: check.id, actor: ADMIN })).rejects.toMatchObject({ code: 'adverse_wait_not_elapsed' })

    await h.advance({ days: 14 })
    expect(h.clock.now().getTime()).toBeGreaterThan(due.getTime())
    const waiting = (await h.storage.checks.get(check.id))!
    expect(waiting.state.status).toBe('pre_adverse')
    expect(await h.storage.emails.getByDedupeKey(`check:${check.id}:final_adverse`)).toBeNull()

    const finalized = await h.vetkit.api.finalizeAdverseAction({ checkId: check.id, actor: ADMIN, reason: 'reassessed' })
    expect(finalized.state.status).toBe('failed')
    await h.settle()
    expect((await h.storage.emails.getByDedupeKey(`check:${check.id}:final_adverse`))?.status).toBe('sent')
    const history = await h.storage.history.listForCheck(check.id)
    expect(history.filter((e) => e.eventType === 'adverse.finalized').map((e) => [e.actorKind, e.reason])).toEqual([['admin', 'reassessed']])
  })
})
