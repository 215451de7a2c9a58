// The first start on an empty database seeds an instructor in every status, on a manual clock
// moved from two years ago to now, then hands over to real time.
import { CHECK_STATUSES } from '@vetkit/core'
import { isGoLiveRefusal } from '@vetkit/core/knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, type App } from '../src/app'
import { seedInstructors } from '../src/seed'
import { testConfig } from './helpers'

let host: App

beforeAll(async () => {
  host = await createApp(testConfig({ seed: true }))
}, 60_000)

afterAll(async () => {
  await host?.close()
})

describe('the seed data', () => {
  it('covers every check status, and instructors with no check', async () => {
    expect(host.seeded).toBe(true)
    const statuses = new Set<string>()
    for (const who of seedInstructors(Date.now())) {
      const status = await host.vetkit.api.getStatus(who.id)
      expect(`${who.id}: ${status.status}`).toBe(`${who.id}: ${who.expect}`)
      statuses.add(status.status)
    }
    expect([...statuses].sort()).toEqual([...CHECK_STATUSES, 'not_started'].sort())
  })

  it('puts live only instructors whose pass is valid today; the gate refuses the others', async () => {
    const live = (await host.instructors.list()).filter((i) => i.isLive).map((i) => i.id)
    expect(live.sort()).toEqual(['ada', 'lin'])
    expect(await host.vetkit.api.getStatus('lin')).toMatchObject({ status: 'passed', eligible: true, renewal: 'due' })
    for (const id of ['ken', 'ida', 'barbara', 'frances', 'mae']) {
      await expect(host.knex.raw('UPDATE instructors SET is_live = true WHERE id = ?', [id])).rejects.toSatisfy(isGoLiveRefusal)
    }
    await host.knex.raw('UPDATE instructors SET is_live = true WHERE id = ?', ['grace'])
    expect((await host.instructors.get('grace'))?.isLive).toBe(true)
  })

  it('expires a two-year-old pass on time, after its reminders', async () => {
    const { checkId } = await host.vetkit.api.getStatus('ken')
    const { check, history } = await host.vetkit.api.getCheck(String(checkId))
    const expired = history.find((h) => h.eventType === 'validity.expired')
    const validUntil = check.state.validUntil!.getTime()
    expect(expired!.occurredAt.getTime() - validUntil).toBeGreaterThanOrEqual(0)
    expect(expired!.occurredAt.getTime() - validUntil).toBeLessThan(3_600_000)
    const toKen = host.engine.mailer.sent.filter((e) => e.message.to === 'ken@example.test').map((e) => e.message.headers?.['X-Vetkit-Template'])
    expect(toKen).toEqual(['expiry_reminder', 'expiry_reminder', 'check_expired'])
  })

  it('runs on real time afterwards: an adverse action waits for real business days', async () => {
    const { checkId } = await host.vetkit.api.getStatus('frances')
    const { check } = await host.vetkit.api.getCheck(String(checkId))
    expect(check.state.adverseAction?.earliestFinalAt.getTime()).toBeGreaterThan(Date.now())
  })
})
