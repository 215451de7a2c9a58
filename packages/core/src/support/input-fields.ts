import { z } from 'zod'
import { unstorableReason } from './storable-text'

/**
 * The text fields vetkit accepts, once: the HTTP contracts and the engine's own input schemas
 * both use them, so every string that passes validation is storable on every backend. Limits
 * match the columns; NUL and unpaired surrogates are refused with the field named, instead of
 * failing in the database as a 500. Browser-safe (zod only).
 */
export function text(options: { min?: number; max: number; trim?: boolean }) {
  const base = options.trim === false ? z.string() : z.string().trim()
  return base
    .min(options.min ?? 1)
    .max(options.max)
    .superRefine((value, ctx) => {
      const reason = unstorableReason(value)
      if (reason !== null) ctx.addIssue({ code: 'custom', message: reason })
    })
}

/** The host's id for a subject (`subjects.id`, 191 characters). */
export const subjectIdField = text({ max: 191 })
/** A check id (a UUID; longer ones simply match nothing). */
export const checkIdField = text({ max: 64 })
/** An admin's reason or note (kept whole in the history). */
export const noteField = text({ max: 2000 })
export const actorField = z.object({ kind: z.enum(['admin', 'subject', 'system', 'host']), id: text({ max: 191 }) }).strict()
/** A wait profile id (`checks.jurisdiction`, 64 characters). */
export const jurisdictionField = text({ max: 64 })
export const adverseItemIdsField = z.array(text({ max: 100 })).min(1).max(100)
export const workLocationsField = z
  .array(z.object({ country: text({ min: 2, max: 2 }), state: text({ min: 2, max: 3 }).optional(), city: text({ max: 100 }).optional() }).strict())
  .max(10)
export const disclosureVersionField = text({ max: 100 })
export const authorizationTextField = text({ max: 100_000, trim: false })
export const signatureNameField = text({ max: 200 })
export const displayNameField = text({ max: 200 })
export const emailField = z.email().max(320)
/** `consents.user_agent` holds 512 characters. */
export const userAgentField = z.string().max(512).superRefine((value, ctx) => {
  const reason = unstorableReason(value)
  if (reason !== null) ctx.addIssue({ code: 'custom', message: reason })
})
