import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../../src/domain/clock'
import { createFakeProvider, fakeStateFile } from '../../../src/providers/fake'
import { at, invite, SIGNING_KEY, START } from './fake-support'

const dirs: string[] = []
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'vetkit-fake-'))
  dirs.push(dir)
  return join(dir, 'fake-checkr.bin')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the fake provider\'s state across restarts', () => {
  it('a restarted fake finds its candidates, invitations, reports, schedule and undelivered webhooks, and never repeats an id', async () => {
    const file = tempFile()
    const clock = manualClock(START)
    const first = createFakeProvider({ clock, signingKey: SIGNING_KEY, state: fakeStateFile(file), defaultScenario: 'consider' })
    const { candidateId, invitation } = await invite(first)
    clock.set(at(2))
    const reportId = (await first.getInvitation(invitation.invitationId)).reportId
    expect(reportId).not.toBeNull()
    const pendingBefore = first.pendingWebhooks().map((w) => w.eventId)
    expect(pendingBefore.length).toBeGreaterThanOrEqual(4)

    // The process restarts: a new fake on the same file (and a different seed, which the saved one overrides).
    const second = createFakeProvider({ clock, signingKey: SIGNING_KEY, state: fakeStateFile(file), seed: 'another-seed' })
    expect(await second.getCandidate(candidateId)).toEqual({ candidateId, reportIds: [reportId] })
    expect(await second.getInvitation(invitation.invitationId)).toMatchObject({ status: 'completed', reportId })
    expect(second.pendingWebhooks().map((w) => w.eventId)).toEqual(pendingBefore)
    // An idempotent replay after the restart (within Checkr's 24 h) gets the same answer as before it.
    const replay = await second.createCandidate({ subjectId: 'subject-1', email: 'ana@example.com', idempotencyKey: 'candidate:subject-1' })
    expect(replay.candidateId).toBe(candidateId)
    // The scenario's next step was scheduled before the restart and still runs.
    clock.set(at(50))
    expect(await second.getReport(reportId!)).toMatchObject({ status: 'complete', result: 'consider' })
    expect(second.webhooksFor('report.completed')).toHaveLength(1)
    // New ids continue the counters: no collision with what the first run handed out.
    const next = await invite(second, { subjectId: 'subject-2', email: 'bo@example.com' })
    expect(next.candidateId).not.toBe(candidateId)
    expect(next.invitation.invitationId).not.toBe(invitation.invitationId)
  })

  it('refuses a file that is not a fake provider state', async () => {
    const file = tempFile()
    const { writeFileSync } = await import('node:fs')
    const { serialize } = await import('node:v8')
    writeFileSync(file, serialize({ something: 'else' }))
    expect(() => createFakeProvider({ clock: manualClock(START), signingKey: SIGNING_KEY, state: fakeStateFile(file) })).toThrow(/not a fake provider state file/)
  })
})
