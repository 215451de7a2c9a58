import { beforeAll, expect, it } from 'vitest'
import { describeEachBackend } from '../storage/support/backends'
import { createHarness, type Harness } from './support/harness'

const DAY = 86_400_000

describeEachBackend('expiry, reminders and the go-live gate', (db) => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness(db())
  }, 60_000)

  it('sends each reminder once, expires the pass at valid_until, takes the subject offline and keeps it offline', async () => {
    await h.enrol('w-exp', 'clear')
    const { check } = await h.vetkit.api.invite({ subjectId: 'w-exp', ip: null })
    await h.advance({ days: 3 })
    await h.setLiveRaw('w-exp', true)
    const validUntil = (await h.storage.checks.get(check.id))!.state.validUntil!
    const at = (offsetMs: number) => new Date(validUntil.getTime() + offsetMs)
    const reminders = async () =>
      Promise.all(['expiry_reminder_30d', 'expiry_reminder_7d'].map(async (k) => (await h.storage.emails.getByDedupeKey(`check:${check.id}:${k}`))?.status ?? null))

    h.clock.set(at(-31 * DAY))
    await h.settle()
    expect(await reminders()).toEqual([null, null])

    h.clock.set(at(-30 * DAY + 3_600_000))
    await h.settle()
    expect(await reminders()).toEqual(['sent', null])
    expect((await h.vetkit.api.getStatus('w-exp')).renewal).toBe('due')
    // Daily sweeps for the next three weeks send nothing new.
    for (let d = 1; d <= 21; d++) {
      h.clock.set(at(-30 * DAY + d * DAY))
      await h.settle()
    }
    expect(await reminders()).toEqual(['sent', null])

    h.clock.set(at(-7 * DAY + 3_600_000))
    await h.settle()
    await h.settle()
    expect(await reminders()).toEqual(['sent', 'sent'])

    // Still live until the very end.
    h.clock.set(at(-60_000))
    await h.settle()
    expect(await h.isLive('w-exp')).toBe(true)

    h.clock.set(at(3_600_000))
    await h.settle()
    const expired = (await h.storage.checks.get(check.id))!
    expect(expired.state.status).toBe('expired')
    expect(expired.nextReminderAt).toBeNull()
    expect(await h.isLive('w-exp')).toBe(false)
    expect(await h.storage.emails.getByDedupeKey(`check:${check.id}:expired`)).toMatchObject({ status: 'sent' })
    expect((await h.storage.subjects.get('w-exp'))!.eligibleUntil).toBeNull()
    // The database refuses it, whatever the host's code does.
    await expect(h.setLiveRaw('w-exp', true)).rejects.toThrow(/vetkit_go_live_gate/)
    expect(await h.vetkit.api.getStatus('w-exp')).toMatchObject({ status: 'expired', eligible: false })
    const offline = h.events.filter((e) => e.type === 'subject.eligibility_changed' && e.subjectId === 'w-exp').at(-1)
    expect(offline?.payload).toMatchObject({ eligible: false, eligibleUntil: null })

    // A later sweep changes nothing more.
    h.clock.advance({ days: 3 })
    await h.settle()
    expect(await h.storage.history.listForCheck(check.id).then((x) => x.filter((e) => e.eventType === 'validity.expired').length)).toBe(1)
  })
})
