import { DateTime } from 'luxon'
import type { Policy, ValidityDuration } from './policy'

const DAY_MS = 24 * 60 * 60 * 1000

/** A pass is valid for the policy's period from the report's completion time (never from receipt). */
export function validUntilFrom(reportCompletedAt: Date, validity: ValidityDuration): Date {
  return DateTime.fromJSDate(reportCompletedAt, { zone: 'utc' })
    .plus({ years: validity.years ?? 0, months: validity.months ?? 0, days: validity.days ?? 0 })
    .toJSDate()
}

export interface ExpiryReminder {
  /** Stable per check: storage makes `(check, key)` unique, so each reminder is sent once. */
  key: string
  daysBefore: number
  dueAt: Date
}

export function expiryReminders(validUntil: Date, policy: Policy): ExpiryReminder[] {
  return [...policy.expiry.reminderDaysBefore]
    .sort((a, b) => b - a)
    .map((daysBefore) => ({
      key: `expiry_reminder_${daysBefore}d`,
      daysBefore,
      dueAt: new Date(validUntil.getTime() - daysBefore * DAY_MS),
    }))
}

export interface ReminderPlan {
  /** The one reminder to send now, if any. */
  send: ExpiryReminder | null
  /** Earlier reminders whose moment passed while a later one is due: recorded, never sent. */
  superseded: ExpiryReminder[]
}

/**
 * Which expiry reminder to send now. Only the most urgent due reminder is sent: a subject whose
 * 30-day and 7-day reminders are both due (the sweep was down, or the pass was short) gets one
 * email, not two. Already-sent keys are never due again, and nothing is sent once expired.
 */
export function planExpiryReminder(input: {
  validUntil: Date
  now: Date
  policy: Policy
  alreadySent: ReadonlySet<string>
}): ReminderPlan {
  const { validUntil, now, policy, alreadySent } = input
  if (now.getTime() >= validUntil.getTime()) return { send: null, superseded: [] }
  const due = expiryReminders(validUntil, policy).filter(
    (reminder) => reminder.dueAt.getTime() <= now.getTime() && !alreadySent.has(reminder.key),
  )
  const send = due.at(-1) ?? null
  return { send, superseded: send === null ? [] : due.slice(0, -1) }
}

export type RenewalState = 'not_due' | 'due' | 'expired'

/** Whether a re-check counts as a renewal now (inside the renewal window before expiry). */
export function renewalState(validUntil: Date, now: Date, policy: Policy): RenewalState {
  if (now.getTime() >= validUntil.getTime()) return 'expired'
  const opensAt = validUntil.getTime() - policy.expiry.renewalWindowDays * DAY_MS
  return now.getTime() >= opensAt ? 'due' : 'not_due'
}

export function gracePeriodMs(policy: Policy): number {
  return policy.expiry.gracePeriodDays * DAY_MS
}
