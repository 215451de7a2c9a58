import type { CheckTransitionContext } from './apply-check-event'
import { waitClock } from './adverse-action/wait-clock'
import { defineWaitProfiles, earliestFinalNoticeAt, profileCalendar, type WaitProfileRegistry } from './adverse-action/wait-profiles'
import type { BusinessCalendar } from './calendar/business-calendar'
import type { Policy } from './policy'

/** Wires the policy and the jurisdiction wait profiles into what the state machine needs. */
export function createCheckTransitionContext(
  policy: Policy,
  options: { waitProfiles?: WaitProfileRegistry; calendars?: Readonly<Record<string, BusinessCalendar>> } = {},
): CheckTransitionContext {
  const waitProfiles = options.waitProfiles ?? defineWaitProfiles()
  // Fail at start-up, not at the first adverse action, when the default names no profile.
  waitProfiles.get(policy.adverseAction.defaultJurisdiction)
  return {
    policy,
    earliestFinalNoticeAt: ({ jurisdiction, preAdverseNoticeAt, medium, writtenDispute }) =>
      earliestFinalNoticeAt({
        profile: waitProfiles.get(jurisdiction),
        preAdverseNoticeAt,
        medium,
        writtenDispute,
        ...(options.calendars ? { calendars: options.calendars } : {}),
      }),
    waitClock: (jurisdiction) => {
      const profile = waitProfiles.get(jurisdiction)
      return waitClock({ timeZone: profile.timeZone, calendar: profileCalendar(profile, options.calendars) })
    },
  }
}
