import { ConfigurationError } from '../../errors'

/** A delay, in the same shape `ManualClock.advance` takes. */
export interface FakeDuration {
  days?: number
  hours?: number
  minutes?: number
  seconds?: number
}

/** Each delay counts from the previous step of the scenario (see docs/providers/fake.md). */
export interface FakeTimings {
  /** Invitation created -> candidate finishes the apply flow (`invitation.completed`, `report.created`). */
  invitationCompleted: FakeDuration
  /** Invitation created -> `invitation.expired`, when the candidate never finishes. Also its `expires_at`. */
  invitationExpires: FakeDuration
  /** Report created -> `report.suspended` (`suspended_then_clear`). */
  reportSuspended: FakeDuration
  /** Suspended -> `report.resumed`. */
  reportResumed: FakeDuration
  /** Report created (or resumed) -> `report.completed`. */
  reportCompleted: FakeDuration
  /** Report created -> `report.canceled` (`canceled`). */
  reportCanceled: FakeDuration
  /** Report completed -> `report.disputed` (`dispute_then_*`). */
  disputeOpened: FakeDuration
  /** Dispute opened -> `report.completed` again with the reinvestigated result. */
  disputeResolved: FakeDuration
  /** Report completed -> Checkr Assess rates it (`report.updated` with the assessment; `late_assessment`). */
  assessmentApplied: FakeDuration
}

export type FakeTimingName = keyof FakeTimings

/** Checkr's usual pace: reports take 2-3 days; invitations last 7 days. */
export const DEFAULT_FAKE_TIMINGS: Readonly<FakeTimings> = Object.freeze({
  invitationCompleted: { hours: 1 },
  invitationExpires: { days: 7 },
  reportSuspended: { days: 1 },
  reportResumed: { days: 2 },
  reportCompleted: { days: 2 },
  reportCanceled: { days: 1 },
  disputeOpened: { days: 1 },
  disputeResolved: { days: 7 },
  assessmentApplied: { minutes: 4 },
})

/** Timings in milliseconds. */
export type ResolvedTimings = Readonly<Record<FakeTimingName, number>>

const UNITS = { days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000 } as const

export function resolveTimings(overrides: Partial<FakeTimings> = {}): ResolvedTimings {
  const resolved = {} as Record<FakeTimingName, number>
  for (const name of Object.keys(DEFAULT_FAKE_TIMINGS) as FakeTimingName[]) {
    resolved[name] = durationMs(overrides[name] ?? DEFAULT_FAKE_TIMINGS[name], `timings.${name}`)
  }
  return Object.freeze(resolved)
}

function durationMs(duration: FakeDuration, setting: string): number {
  let total = 0
  for (const unit of Object.keys(UNITS) as (keyof typeof UNITS)[]) {
    const amount = duration[unit] ?? 0
    // Whole seconds only: Checkr's timestamps have no milliseconds, so neither do the fake's.
    if (!Number.isFinite(amount) || amount < 0 || !Number.isInteger(amount * (UNITS[unit] / 1000))) {
      throw new ConfigurationError(setting, `${unit} must be a non-negative number of whole seconds, got ${String(amount)}`)
    }
    total += amount * UNITS[unit]
  }
  return total
}
