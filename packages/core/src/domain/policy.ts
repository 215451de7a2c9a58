import { z } from 'zod'
import { ConfigurationError } from '../errors'
import { firstIssue, settingPath } from '../support/zod-issue'

/**
 * Every rule a marketplace may want to tune, as data. `resolvePolicy` fills the defaults (those of
 * the marketplace vetkit generalises, see docs/policy.md) and rejects bad values at start-up with
 * an error that names the setting.
 */

const positiveInt = z.number().int().positive()
const nonNegativeInt = z.number().int().nonnegative()

const throttleRuleSchema = z
  .object({ max: positiveInt.max(1_000_000), windowSeconds: positiveInt.max(366 * 24 * 3600) })
  .strict()

const durationSchema = z
  .object({
    years: nonNegativeInt.max(20).optional(),
    months: nonNegativeInt.max(240).optional(),
    days: nonNegativeInt.max(7300).optional(),
  })
  .strict()
  .refine((d) => (d.years ?? 0) + (d.months ?? 0) + (d.days ?? 0) > 0, 'must be longer than zero')

export const policySchema = z
  .object({
    consent: z
      .object({
        /** Bump when the disclosure or authorization text changes: older consents stop counting. */
        disclosureVersion: z.string().trim().min(1).max(100).default('1'),
        /** How long a consent may be reused for an invite or re-check. */
        reuseWindowHours: z.number().positive().max(24 * 366).default(24),
      })
      .strict()
      .prefault({}),
    throttles: z
      .object({
        invitePerSubject: throttleRuleSchema.default({ max: 1, windowSeconds: 24 * 3600 }),
        invitePerIp: throttleRuleSchema.default({ max: 10, windowSeconds: 3600 }),
        /** Webhook deliveries refused (bad signature, malformed) per client address: beyond it, 429 and nothing written. */
        refusedWebhooksPerIp: throttleRuleSchema.default({ max: 60, windowSeconds: 60 }),
      })
      .strict()
      .prefault({}),
    /** How long a pass stays valid, counted from the report's completion time. */
    validity: durationSchema.default({ years: 2 }),
    expiry: z
      .object({
        /** Each reminder is sent once per check; defaults 30 and 7 days before expiry. */
        reminderDaysBefore: z
          .array(positiveInt.max(3650))
          .max(10)
          .default([30, 7])
          .refine((days) => new Set(days).size === days.length, 'must not repeat a day'),
        /** From how long before expiry a re-check counts as a renewal (shown in status). */
        renewalWindowDays: nonNegativeInt.max(3650).default(30),
        /** Extra eligibility after expiry, only while a re-check is in progress. */
        gracePeriodDays: nonNegativeInt.max(365).default(0),
      })
      .strict()
      .prefault({}),
    adverseAction: z
      .object({
        /** Wait profile used when a check names no jurisdiction (see wait profiles). */
        defaultJurisdiction: z.string().min(1).default('us-fcra'),
        /** `provider`: the provider sends the notices; `self_managed`: vetkit's mailer does. */
        mode: z.enum(['provider', 'self_managed']).default('self_managed'),
        /**
         * Self-managed only. `automatic`: a scheduled job sends the final notice once the wait has
         * run. `admin`: it waits for a reviewer to finalize (an individualized reassessment, as
         * some fair-chance laws expect, before the decision is final).
         */
        finalNotice: z.enum(['automatic', 'admin']).default('automatic'),
      })
      .strict()
      .prefault({}),
    recheck: z
      .object({
        /**
         * What a re-check does to a subject who is eligible now. `keep_clearance` (default): the
         * still-valid pass keeps counting until it expires or the new check ends in a final
         * adverse action. `suspend`: the subject is ineligible until the new check passes.
         */
        whileEligible: z.enum(['keep_clearance', 'suspend']).default('keep_clearance'),
      })
      .strict()
      .prefault({}),
  })
  .strict()

export type PolicyInput = z.input<typeof policySchema>
export type Policy = z.output<typeof policySchema>
export type ThrottleRule = z.output<typeof throttleRuleSchema>
export type ValidityDuration = z.output<typeof durationSchema>

export function resolvePolicy(input: PolicyInput = {}): Policy {
  const parsed = policySchema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = firstIssue(parsed.error, 'invalid policy')
  throw new ConfigurationError(settingPath('policy', issue.path), issue.message)
}

export const defaultPolicy: Policy = resolvePolicy()
