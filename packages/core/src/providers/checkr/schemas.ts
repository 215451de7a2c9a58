import { z } from 'zod'

/**
 * Checkr response shapes, limited to what vetkit reads. Enums are open strings (Checkr adds
 * values, e.g. report status `paused`), unknown keys are kept (`.loose()`), and `object` is
 * checked only when present, so a response for the wrong resource is caught without depending on
 * fields vetkit does not use. PII fields (names, email, SSN, DOB) are never declared here and
 * never copied out of a response.
 */
const isoDate = z.iso.datetime({ offset: true })
const nullableDate = isoDate.nullish().transform((v) => (v ? new Date(v) : null))
const nullableString = z.string().nullish().transform((v) => v ?? null)
const id = z.string().min(1)

export const candidateSchema = z
  .object({
    id,
    object: z.literal('candidate').optional(),
    // Only in reads (a newly created candidate has none yet).
    report_ids: z.array(id).nullish().transform((v) => v ?? []),
  })
  .loose()

export const invitationSchema = z
  .object({
    id,
    object: z.literal('invitation').optional(),
    invitation_url: z.string().min(1),
    status: z.string().min(1),
    candidate_id: id,
    report_id: nullableString,
    expires_at: nullableDate,
    deleted_at: nullableDate,
  })
  .loose()

export const reportSchema = z
  .object({
    id,
    object: z.literal('report').optional(),
    status: z.string().min(1),
    result: nullableString,
    assessment: nullableString,
    adjudication: nullableString,
    candidate_id: id,
    created_at: nullableDate,
    completed_at: nullableDate,
    estimated_completion_time: nullableDate,
  })
  .loose()

export const adverseItemSchema = z
  .object({
    id,
    object: z.literal('adverse_item').optional(),
    text: z.string(),
  })
  .loose()

export const adverseActionSchema = z
  .object({
    id,
    object: z.literal('adverse_action').optional(),
    status: z.string().min(1),
    post_notice_scheduled_at: nullableDate,
  })
  .loose()

/** Checkr's list envelope: `{object: "list", data: [...], count, next_href, previous_href}`. */
export function listSchema<T extends z.ZodType>(item: T) {
  return z
    .object({
      object: z.literal('list').optional(),
      data: z.array(item),
      next_href: nullableString,
    })
    .loose()
}

/** For calls whose body vetkit does not read (DELETE): anything, including an empty body. */
export const ignoredBody = z.unknown()
