import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { applyCheckEvent, type ApplyResult } from '../../../src/domain/apply-check-event'
import { isUsFederalHolidayObserved } from '../../../src/domain/calendar/us-federal-holidays'
import type { CheckEvent } from '../../../src/domain/check-events'
import type { AdverseActionState, CheckState } from '../../../src/domain/check-state'
import { defaultPolicy } from '../../../src/domain/policy'
import { createCheckTransitionContext } from '../../../src/domain/transition-context'
import { admin, stateIn } from '../../support/check-fixtures'

/**
 * The dispute pause of the adverse-action wait, with the real context (real wait profiles, real
 * federal holiday calendar): a dispute banks the whole business days already run, its resolution
 * runs the rest (at least one) from then, and the final notice is refused until they have run.
 *
 * Business days are measured here by an independent implementation (local dates stepped by hand,
 * wall-clock times rebuilt with luxon), never by the implementation's `waitClock`.
 */

const ctx = createCheckTransitionContext(defaultPolicy)
const SECOND = 1000
const DAY_SECONDS = 86_400
const REPORT_ID = 'rep_1'

type JurisdictionId = 'us-fcra' | 'us-ca' | 'us-ny-nyc'

interface Jurisdiction {
  zone: string
  /** The whole wait in business days from the notice, for an emailed notice (receipt allowance included). */
  wait(writtenDispute: boolean): number
}

const JURISDICTIONS: Record<JurisdictionId, Jurisdiction> = {
  // 5 business days; a written dispute changes nothing.
  'us-fcra': { zone: 'America/New_York', wait: () => 5 },
  // Counted from receipt: an email is received after 2 business days, then 5, then 5 more for a written dispute.
  'us-ca': { zone: 'America/Los_Angeles', wait: (written) => (written ? 12 : 7) },
  // Counted from receipt, but with no email allowance: 5 business days.
  'us-ny-nyc': { zone: 'America/New_York', wait: () => 5 },
}

// ---------------------------------------------------------------------------------------------
// Independent business-day arithmetic
// ---------------------------------------------------------------------------------------------

/** A local calendar date as UTC midnight, so stepping it by days never meets DST. */
function localDateOf(instant: Date, zone: string): { date: Date; local: DateTime } {
  const local = DateTime.fromJSDate(instant, { zone })
  return { date: new Date(Date.UTC(local.year, local.month - 1, local.day)), local }
}

function plusDays(date: Date, days: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days))
}

function isBusinessDate(date: Date): boolean {
  const weekday = date.getUTCDay()
  return weekday !== 0 && weekday !== 6 && !isUsFederalHolidayObserved(date.toISOString().slice(0, 10))
}

/** `date` at the wall-clock time of `clock`, in `zone`. */
function atWallClock(date: Date, clock: DateTime, zone: string): Date {
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: clock.hour,
      minute: clock.minute,
      second: clock.second,
      millisecond: clock.millisecond,
    },
    { zone },
  ).toJSDate()
}

/** The n-th business date after `from`'s local date, at `from`'s local wall-clock time (n >= 1). */
function nthBusinessDayAfter(from: Date, n: number, zone: string): Date {
  const { date, local } = localDateOf(from, zone)
  let cursor = date
  for (let counted = 0; counted < n; ) {
    cursor = plusDays(cursor, 1)
    if (isBusinessDate(cursor)) counted += 1
  }
  return atWallClock(cursor, local, zone)
}

/** Whole business days of [a, b]: the largest n with the n-th business day after a (at a's time) <= b. */
function wholeBusinessDays(a: Date, b: Date, zone: string): number {
  const { date, local } = localDateOf(a, zone)
  let cursor = date
  let n = 0
  for (;;) {
    cursor = plusDays(cursor, 1)
    if (!isBusinessDate(cursor)) continue
    if (atWallClock(cursor, local, zone).getTime() > b.getTime()) return n
    n += 1
  }
}

describe('the independent business-day measure', () => {
  // Guards the oracle itself against the worked example's arithmetic.
  const zone = 'America/New_York'
  const ny = (iso: string) => DateTime.fromISO(iso, { zone }).toJSDate()

  it('counts a day only once its wall-clock time has come, and skips weekends and observed holidays', () => {
    expect(wholeBusinessDays(ny('2026-06-30T15:00'), ny('2026-07-02T10:00'), zone)).toBe(1)
    expect(wholeBusinessDays(ny('2026-06-30T15:00'), ny('2026-07-02T15:00'), zone)).toBe(2)
    expect(wholeBusinessDays(ny('2026-06-30T15:00'), ny('2026-07-02T14:59:59.999'), zone)).toBe(1)
    expect(wholeBusinessDays(ny('2026-06-30T15:00'), ny('2026-06-30T14:00'), zone)).toBe(0)
    expect(nthBusinessDayAfter(ny('2026-07-08T09:00'), 4, zone).toISOString()).toBe('2026-07-14T13:00:00.000Z')
    // Friday 2026-07-03 (Independence Day observed) and the weekend are skipped.
    expect(nthBusinessDayAfter(ny('2026-07-02T10:00'), 1, zone).toISOString()).toBe('2026-07-06T14:00:00.000Z')
  })
})

// ---------------------------------------------------------------------------------------------
// Events and states
// ---------------------------------------------------------------------------------------------

const ev = {
  adverseStarted: (at: Date): CheckEvent => ({
    source: 'vetkit',
    type: 'adverse.started',
    at,
    actor: admin,
    adverseItemIds: ['item_1'],
    medium: 'email',
  }),
  disputeOpened: (at: Date, writtenDispute = false): CheckEvent => ({ source: 'vetkit', type: 'dispute.opened', at, actor: admin, writtenDispute }),
  disputeResolved: (at: Date): CheckEvent => ({ source: 'vetkit', type: 'dispute.resolved', at, actor: admin }),
  reportDisputed: (occurredAt: Date): CheckEvent => ({ source: 'provider', type: 'report.disputed', occurredAt, reportId: REPORT_ID }),
  reportConsider: (occurredAt: Date): CheckEvent => ({
    source: 'provider',
    type: 'report.completed',
    occurredAt,
    reportId: REPORT_ID,
    result: 'consider',
    assessment: null,
    completedAt: occurredAt,
  }),
  finalized: (at: Date): CheckEvent => ({ source: 'vetkit', type: 'adverse.finalized', at, actor: admin }),
}

/** A `consider` check whose provider cursor is a day before `start`, so every later provider event is newer. */
function considerState(jurisdiction: JurisdictionId, start: Date): CheckState {
  const before = new Date(start.getTime() - DAY_SECONDS * SECOND)
  return { ...stateIn('consider'), jurisdiction, reportId: REPORT_ID, reportCompletedAt: before, providerCursor: { at: before, rank: 6 } }
}

function applied(state: CheckState, event: CheckEvent): CheckState {
  const result = applyCheckEvent(state, event, ctx)
  if (result.kind !== 'applied') {
    const why = result.kind === 'rejected' ? `${result.error.code}: ${result.error.message}` : result.reason
    throw new Error(`${event.type} at ${eventAt(event).toISOString()} was ${result.kind} (${why})`)
  }
  return result.state
}

function rejectionCode(result: ApplyResult): string {
  return result.kind === 'rejected' ? result.error.code : `not rejected (${result.kind})`
}

function eventAt(event: CheckEvent): Date {
  return event.source === 'provider' ? event.occurredAt : event.at
}

function adverseOf(state: CheckState): AdverseActionState {
  expect(state.adverseAction).not.toBeNull()
  return state.adverseAction!
}

function dueOf(state: CheckState): Date {
  const due = adverseOf(state).finalNoticeDueAt
  expect(due).not.toBeNull()
  return due!
}

const later = (instant: Date, seconds: number) => new Date(instant.getTime() + seconds * SECOND)

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

type Opener = 'admin' | 'admin_written' | 'provider'
type Resolver = 'admin' | 'provider'

interface DisputeSpec {
  /** Seconds from the previous event (the notice or the last resolution) to the dispute. */
  openAfter: number
  /** Seconds from the dispute to its resolution. */
  resolveAfter: number
  opener: Opener
  resolver: Resolver
}

interface Scenario {
  start: Date
  disputes: DisputeSpec[]
}

interface DisputeRun {
  openedAt: Date
  resolvedAt: Date
  written: boolean
  /** The check just after the dispute opened. */
  paused: CheckState
  /** The check just after the dispute was resolved. */
  resumed: CheckState
}

interface Run {
  start: Date
  started: CheckState
  disputes: DisputeRun[]
  final: CheckState
}

function run(jurisdiction: JurisdictionId, scenario: Scenario): Run {
  const started = applied(considerState(jurisdiction, scenario.start), ev.adverseStarted(scenario.start))
  let state = started
  let last = scenario.start
  const disputes: DisputeRun[] = []
  for (const spec of scenario.disputes) {
    const openedAt = later(last, spec.openAfter)
    const resolvedAt = later(openedAt, spec.resolveAfter)
    const open =
      spec.opener === 'provider' ? ev.reportDisputed(openedAt) : ev.disputeOpened(openedAt, spec.opener === 'admin_written')
    const paused = applied(state, open)
    const resumed = applied(paused, spec.resolver === 'provider' ? ev.reportConsider(resolvedAt) : ev.disputeResolved(resolvedAt))
    disputes.push({ openedAt, resolvedAt, written: spec.opener === 'admin_written', paused, resumed })
    state = resumed
    last = resolvedAt
  }
  return { start: scenario.start, started, disputes, final: state }
}

/** The days the wait ran: from the notice (or a resolution) to the next dispute (or the final notice). */
function runningIntervals(r: Run, due: Date): [Date, Date][] {
  const starts = [r.start, ...r.disputes.map((d) => d.resolvedAt)]
  const ends = [...r.disputes.map((d) => d.openedAt), due]
  return starts.map((from, i) => [from, ends[i]!])
}

function expectedWait(jurisdiction: JurisdictionId, disputes: readonly DisputeRun[]): number {
  return JURISDICTIONS[jurisdiction].wait(disputes.some((d) => d.written))
}

// ---------------------------------------------------------------------------------------------
// Arbitraries: instants across several years, many of them around federal holidays
// ---------------------------------------------------------------------------------------------

function thanksgiving(year: number): { month: number; day: number } {
  const firstWeekday = DateTime.utc(year, 11, 1).weekday // 1 = Monday .. 7 = Sunday
  return { month: 11, day: 1 + ((4 - firstWeekday + 7) % 7) + 21 }
}

const ANCHORS: ((year: number) => { month: number; day: number })[] = [
  () => ({ month: 1, day: 1 }), // New Year's Day
  () => ({ month: 7, day: 4 }), // Independence Day
  thanksgiving,
  () => ({ month: 12, day: 25 }), // Christmas
  () => ({ month: 12, day: 31 }), // the observed New Year's Day when Jan 1 is a Saturday
]

const instantNearHoliday = (zone: string) =>
  fc
    .record({
      year: fc.integer({ min: 2024, max: 2030 }),
      anchor: fc.integer({ min: 0, max: ANCHORS.length - 1 }),
      offsetDays: fc.integer({ min: -8, max: 8 }),
      secondOfDay: fc.integer({ min: 0, max: DAY_SECONDS - 1 }),
    })
    .map(({ year, anchor, offsetDays, secondOfDay }) => {
      const { month, day } = ANCHORS[anchor]!(year)
      return DateTime.fromObject({ year, month, day }, { zone }).plus({ days: offsetDays, seconds: secondOfDay }).toJSDate()
    })

const instantAnywhere = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })

/** A gap in seconds: a moment, anything up to two weeks, or whole days (landing on the wall-clock edge). */
const gap = fc.oneof(
  fc.integer({ min: 1, max: 3_600 }),
  fc.integer({ min: 1, max: 14 * DAY_SECONDS }),
  fc.integer({ min: 1, max: 10 }).map((days) => days * DAY_SECONDS),
)

const disputeSpec: fc.Arbitrary<DisputeSpec> = fc.record({
  openAfter: gap,
  resolveAfter: gap,
  opener: fc.constantFrom<Opener>('admin', 'admin_written', 'provider'),
  resolver: fc.constantFrom<Resolver>('admin', 'provider'),
})

const scenario = (jurisdiction: JurisdictionId): fc.Arbitrary<Scenario> =>
  fc.record({
    start: fc.oneof(instantNearHoliday(JURISDICTIONS[jurisdiction].zone), instantAnywhere),
    disputes: fc.array(disputeSpec, { minLength: 0, maxLength: 4 }),
  })

// Each run replays ~10 events through the real context (about 2 ms); 18 properties share a budget of a few seconds.
const NUM_RUNS: Record<JurisdictionId, number> = { 'us-fcra': 150, 'us-ca': 50, 'us-ny-nyc': 50 }

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe.each(Object.keys(JURISDICTIONS) as JurisdictionId[])('the dispute pause (%s, real wait profiles)', (jurisdiction) => {
  const { zone } = JURISDICTIONS[jurisdiction]
  const property = (check: (r: Run) => void) =>
    fc.assert(
      fc.property(scenario(jurisdiction), (s) => check(run(jurisdiction, s))),
      { numRuns: NUM_RUNS[jurisdiction] },
    )

  it('the final notice is allowed exactly at finalNoticeDueAt, not one second earlier', () => {
    property((r) => {
      const due = dueOf(r.final)
      expect(r.final.status).toBe('pre_adverse')
      expect(rejectionCode(applyCheckEvent(r.final, ev.finalized(later(due, -1)), ctx))).toBe('adverse_wait_not_elapsed')
      const done = applyCheckEvent(r.final, ev.finalized(due), ctx)
      expect(done.kind).toBe('applied')
      expect(done.state.status).toBe('failed')
      expect(done.state.finalAdverseAt).toEqual(due)
    })
  })

  it('the whole business days outside disputes, notice to final notice, are at least the wait', () => {
    property((r) => {
      const due = dueOf(r.final)
      const wait = expectedWait(jurisdiction, r.disputes)
      expect(adverseOf(r.final).waitBusinessDays).toBe(wait)
      const ran = runningIntervals(r, due).reduce((sum, [from, to]) => sum + wholeBusinessDays(from, to, zone), 0)
      expect(ran).toBeGreaterThanOrEqual(wait)
    })
  })

  it('and no more than that: the rest of the wait (at least one day) runs from the last resolution', () => {
    property((r) => {
      const wait = expectedWait(jurisdiction, r.disputes)
      const unpaused = nthBusinessDayAfter(r.start, wait, zone)
      expect(adverseOf(r.final).earliestFinalAt).toEqual(unpaused)
      const last = r.disputes.at(-1)
      if (last === undefined) {
        expect(dueOf(r.final)).toEqual(unpaused)
        return
      }
      const intervals = runningIntervals(r, dueOf(r.final)).slice(0, -1)
      const banked = intervals.reduce((sum, [from, to]) => sum + wholeBusinessDays(from, to, zone), 0)
      expect(adverseOf(r.final).businessDaysElapsed).toBe(banked)
      const rest = nthBusinessDayAfter(last.resolvedAt, Math.max(1, wait - banked), zone)
      expect(dueOf(r.final)).toEqual(new Date(Math.max(rest.getTime(), unpaused.getTime())))
    })
  })

  it('finalizing right after a resolution is refused', () => {
    property((r) => {
      for (const d of r.disputes) {
        expect(d.resumed.status).toBe('pre_adverse')
        expect(d.resumed.dispute).toBeNull()
        expect(dueOf(d.resumed).getTime()).toBeGreaterThanOrEqual(nthBusinessDayAfter(d.resolvedAt, 1, zone).getTime())
        expect(rejectionCode(applyCheckEvent(d.resumed, ev.finalized(later(d.resolvedAt, 1)), ctx))).toBe('adverse_wait_not_elapsed')
      }
    })
  })

  it('while a dispute is open, finalNoticeDueAt is null and the final notice is refused with dispute_open', () => {
    property((r) => {
      for (const d of r.disputes) {
        expect(d.paused.status).toBe('disputed')
        expect(d.paused.dispute?.openedAt).toEqual(d.openedAt)
        expect(adverseOf(d.paused).finalNoticeDueAt).toBeNull()
        expect(adverseOf(d.paused).runningSince).toBeNull()
        const probes = [d.openedAt, new Date((d.openedAt.getTime() + d.resolvedAt.getTime()) / 2), new Date(d.resolvedAt.getTime() - 1)]
        for (const probe of probes) {
          const result = applyCheckEvent(d.paused, ev.finalized(probe), ctx)
          expect(rejectionCode(result)).toBe('dispute_open')
          expect(result.state).toBe(d.paused)
        }
      }
    })
  })

  it('finalNoticeDueAt is never earlier than the unpaused earliestFinalAt', () => {
    property((r) => {
      const first = adverseOf(r.started).earliestFinalAt
      expect(adverseOf(r.started).finalNoticeDueAt).toEqual(first)
      for (const state of [...r.disputes.map((d) => d.resumed), r.final]) {
        const due = dueOf(state).getTime()
        expect(due).toBeGreaterThanOrEqual(first.getTime())
        expect(due).toBeGreaterThanOrEqual(adverseOf(state).earliestFinalAt.getTime())
      }
    })
  })
})

// ---------------------------------------------------------------------------------------------
// Worked examples with fixed dates
// ---------------------------------------------------------------------------------------------

describe('the dispute pause, worked examples (us-fcra, America/New_York)', () => {
  const zone = 'America/New_York'
  const ny = (iso: string) => DateTime.fromISO(iso, { zone }).toJSDate()
  const notice = (at: Date) => applied(considerState('us-fcra', at), ev.adverseStarted(at))

  it('across Independence Day: 1 day banked, the other 4 skip Friday July 3 and the weekend', () => {
    const start = ny('2026-06-30T15:00') // Tuesday
    expect(start.toISOString()).toBe('2026-06-30T19:00:00.000Z')
    const started = notice(start)
    // Unpaused: Jul 1, 2, 6, 7, 8 (Friday Jul 3 is Independence Day observed).
    expect(adverseOf(started).earliestFinalAt.toISOString()).toBe('2026-07-08T19:00:00.000Z')
    expect(adverseOf(started).waitBusinessDays).toBe(5)

    // Thursday 10:00: Jul 1 15:00 has passed, Jul 2 15:00 has not, so one whole day is banked.
    const paused = applied(started, ev.disputeOpened(ny('2026-07-02T10:00')))
    expect(paused.status).toBe('disputed')
    expect(adverseOf(paused)).toMatchObject({ businessDaysElapsed: 1, runningSince: null, finalNoticeDueAt: null })
    expect(rejectionCode(applyCheckEvent(paused, ev.finalized(ny('2026-07-20T12:00')), ctx))).toBe('dispute_open')

    // Resolved Wednesday Jul 8 09:00: 4 more business days, Jul 9, 10, 13, 14, at 09:00.
    const resolvedAt = ny('2026-07-08T09:00')
    const resumed = applied(paused, ev.disputeResolved(resolvedAt))
    expect(resumed.status).toBe('pre_adverse')
    expect(adverseOf(resumed).runningSince).toEqual(resolvedAt)
    expect(dueOf(resumed).toISOString()).toBe('2026-07-14T13:00:00.000Z')
    expect(dueOf(resumed)).toEqual(ny('2026-07-14T09:00'))

    // The unpaused date (Jul 8 15:00) no longer suffices, nor does one second before the due date.
    expect(rejectionCode(applyCheckEvent(resumed, ev.finalized(ny('2026-07-08T15:00')), ctx))).toBe('adverse_wait_not_elapsed')
    expect(rejectionCode(applyCheckEvent(resumed, ev.finalized(ny('2026-07-14T08:59:59')), ctx))).toBe('adverse_wait_not_elapsed')
    const done = applyCheckEvent(resumed, ev.finalized(ny('2026-07-14T09:00')), ctx)
    expect(done.kind).toBe('applied')
    expect(done.state.status).toBe('failed')
  })

  it('without a dispute the final notice is due at the unpaused date', () => {
    const started = notice(ny('2026-06-30T15:00'))
    expect(dueOf(started).toISOString()).toBe('2026-07-08T19:00:00.000Z')
    expect(rejectionCode(applyCheckEvent(started, ev.finalized(ny('2026-07-08T14:59:59')), ctx))).toBe('adverse_wait_not_elapsed')
    expect(applyCheckEvent(started, ev.finalized(ny('2026-07-08T15:00')), ctx).state.status).toBe('failed')
  })

  it('a provider dispute over Thanksgiving, re-completed as consider before Christmas', () => {
    // Monday 2026-11-23 12:00 EST; Thanksgiving is Thursday 2026-11-26.
    const started = notice(ny('2026-11-23T12:00'))
    // Wednesday 12:00 exactly: Nov 24 and Nov 25 at 12:00 have both come, so 2 days are banked.
    const paused = applied(started, ev.reportDisputed(ny('2026-11-25T12:00')))
    expect(paused.dispute?.source).toBe('provider')
    expect(adverseOf(paused)).toMatchObject({ businessDaysElapsed: 2, finalNoticeDueAt: null })
    // Re-completed Wednesday 2026-12-23 16:30: the other 3 are Dec 24, 28, 29 (Christmas Friday, the weekend).
    const resumed = applied(paused, ev.reportConsider(ny('2026-12-23T16:30')))
    expect(resumed.status).toBe('pre_adverse')
    expect(resumed.dispute).toBeNull()
    expect(dueOf(resumed).toISOString()).toBe('2026-12-29T21:30:00.000Z')
    expect(rejectionCode(applyCheckEvent(resumed, ev.finalized(ny('2026-12-29T16:29:59')), ctx))).toBe('adverse_wait_not_elapsed')
    expect(applyCheckEvent(resumed, ev.finalized(ny('2026-12-29T16:30')), ctx).state.status).toBe('failed')
  })

  it('a dispute after the wait has run still leaves one business day after its resolution (over New Year)', () => {
    // Monday 2026-12-14 10:00; the unpaused date is Monday 2026-12-21 10:00.
    const started = notice(ny('2026-12-14T10:00'))
    expect(dueOf(started)).toEqual(ny('2026-12-21T10:00'))
    // Wednesday 2026-12-30 11:00: Dec 15..18, 21..24, 28..30 have run (Christmas skipped): 11 days banked.
    const paused = applied(started, ev.disputeOpened(ny('2026-12-30T11:00')))
    expect(adverseOf(paused).businessDaysElapsed).toBe(11)
    // Resolved Thursday Dec 31 17:00: one more business day, skipping New Year's Day (Friday) and the weekend.
    const resumed = applied(paused, ev.disputeResolved(ny('2026-12-31T17:00')))
    expect(dueOf(resumed).toISOString()).toBe('2027-01-04T22:00:00.000Z')
    expect(rejectionCode(applyCheckEvent(resumed, ev.finalized(ny('2027-01-04T16:59:59')), ctx))).toBe('adverse_wait_not_elapsed')
  })

  it('us-ca: a written dispute extends the wait by 5 business days, counted with the pause', () => {
    const la = (iso: string) => DateTime.fromISO(iso, { zone: 'America/Los_Angeles' }).toJSDate()
    // Monday 2026-08-03 09:00 PDT, emailed: received after 2 business days, then 5: 7 in all.
    const start = la('2026-08-03T09:00')
    const started = applied(considerState('us-ca', start), ev.adverseStarted(start))
    expect(adverseOf(started)).toMatchObject({ waitBusinessDays: 7, earliestFinalAt: la('2026-08-12T09:00') })
    // Thursday Aug 6 10:00, in writing: 3 days banked, and the wait becomes 12 (unpaused: Aug 19).
    const paused = applied(started, ev.disputeOpened(la('2026-08-06T10:00'), true))
    expect(adverseOf(paused)).toMatchObject({ writtenDispute: true, businessDaysElapsed: 3, waitBusinessDays: 12 })
    expect(adverseOf(paused).earliestFinalAt).toEqual(la('2026-08-19T09:00'))
    // Resolved Monday Aug 17 09:00: 9 more, Aug 18..21 and Aug 24..28.
    const resumed = applied(paused, ev.disputeResolved(la('2026-08-17T09:00')))
    expect(dueOf(resumed).toISOString()).toBe('2026-08-28T16:00:00.000Z')
  })
})
