import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const DAY = 86_400_000
/** `Sat 2028-11-25 16:00Z` as printed by the timeline. */
const STAMP = String.raw`\w{3} \d{4}-\d\d-\d\d \d\d:\d\dZ`
const parse = (stamp: string) => new Date(stamp.slice(4).replace(' ', 'T').replace('Z', ':00Z'))

describe('the lifecycle demo (the README main-job command)', () => {
  let out = ''
  const lines = (pattern: RegExp) => out.split('\n').filter((l) => pattern.test(l))
  const stampOf = (line: string) => parse(line.slice(0, 21))

  beforeAll(() => {
    const cwd = fileURLToPath(new URL('..', import.meta.url))
    out = execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd, encoding: 'utf8' })
  }, 60_000)

  it('passes ada, whom the database lets go live only once she is eligible', () => {
    expect(out).toMatch(/ada {5}invited: https:\/\/\S+/)
    expect(out).toContain("UPDATE instructors SET is_live = true WHERE id = 'ada': REFUSED by the database: vetkit_go_live_gate")
    expect(out).toContain('ada     event check.status_changed: pending -> passed (report.completed:clear)')
    expect(out).toMatch(new RegExp(`ada {5}status passed, eligible, valid until ${STAMP}`))
    expect(out).toContain("UPDATE instructors SET is_live = true WHERE id = 'ada': ok, ada is live (is_live = true)")
  })

  it('fails ben by the scheduled final notice, no sooner than the business-day wait, and the database refuses him', () => {
    expect(out).toContain('mail    check_under_review to ben@example.test')
    const started = out.match(new RegExp(`final notice not before (${STAMP}) \\((\\d+) business days`))
    expect(started?.[2]).toBe('5')
    expect(out).toContain('admin   sends the final notice at once: refused (adverse_wait_not_elapsed)')
    expect(out).toContain('ben     event check.status_changed: pre_adverse -> failed (adverse.finalized)')
    const finalized = out.match(new RegExp(`final notice sent by system:adverse-action-scheduler at (${STAMP})`))
    expect(finalized).not.toBeNull()
    expect(parse(finalized![1]!).getTime()).toBeGreaterThanOrEqual(parse(started![1]!).getTime())
    expect(out).toContain("UPDATE instructors SET is_live = true WHERE id = 'ben': REFUSED by the database: vetkit_go_live_gate")
  })

  it('pauses cleo’s adverse action during the dispute and passes her after the reinvestigation', () => {
    expect(out).toContain('cleo    event check.status_changed: pre_adverse -> disputed (report.disputed)')
    expect(out).toContain('cleo    status disputed: final notice paused by the dispute')
    expect(out).toContain('admin   sends the final notice during the dispute: refused (dispute_open)')
    expect(out).toContain('cleo    event check.status_changed: disputed -> passed (report.completed:clear)')
  })

  it('sends each expiry reminder once, 30 and 7 days ahead, then expires ada and takes her offline', () => {
    const validUntil = parse(out.match(new RegExp(`ada {5}status passed, eligible, valid until (${STAMP})`))![1]!)
    const reminders = lines(/expiry_reminder to ada@example\.test/)
    expect(reminders.map((l) => (validUntil.getTime() - stampOf(l).getTime()) / DAY)).toEqual([30, 7])
    expect(out).toContain('ada     event check.status_changed: passed -> expired (validity.expired)')
    expect(lines(/check_expired to ada@example\.test/)).toHaveLength(1)
    expect(out).toContain("SELECT is_live FROM instructors WHERE id = 'ada': false (taken offline by vetkit)")
  })

  it('ends with the final statuses and the summaries', () => {
    expect(out).toMatch(/ada {3}expired {2}eligible: no; live: no/)
    expect(out).toMatch(/ben {3}failed {3}eligible: no; live: no/)
    expect(out).toMatch(/cleo {2}passed {3}eligible: yes/)
    expect(out).toMatch(/== Emails sent \(memoryMailer\): \d+/)
    expect(out).toMatch(/== Host events received through onEvent: \d+/)
    expect(out).toMatch(/HTTP status: 200 \d+\n/)
  })
})
