import { z } from 'zod'
import { PROVIDER_EVENT_TYPES } from '../../domain/event-ordering'
import type { ProviderWebhookEvent } from '../../ports/provider'

/**
 * The queued form of a webhook event (a job's payload): ids, types, times and the report verdict,
 * never PII. Dates travel as ISO strings; reading it back is validated like any other input.
 */
export function serializeEvent(event: ProviderWebhookEvent): Record<string, unknown> {
  return JSON.parse(JSON.stringify(event)) as Record<string, unknown>
}

const date = z.iso.datetime({ offset: true }).transform((v) => new Date(v))
const nullableDate = date.nullable()
const id = z.string().min(1)

const queuedEvent = z.object({
  eventId: id,
  type: z.string().min(1),
  occurredAt: date,
  trigger: z
    .object({
      event: z.enum(PROVIDER_EVENT_TYPES),
      object: z.object({ kind: z.enum(['report', 'invitation', 'candidate']), id }),
      refs: z.object({ candidateId: id.nullable(), invitationId: id.nullable(), reportId: id.nullable() }),
      report: z
        .object({
          status: z.string(),
          result: z.string().nullable(),
          assessment: z.string().nullable(),
          adjudication: z.string().nullable(),
          completedAt: nullableDate,
          eta: nullableDate,
        })
        .nullable(),
      thin: z.boolean(),
    })
    .nullable(),
})

export function deserializeEvent(raw: unknown): ProviderWebhookEvent {
  return queuedEvent.parse(raw)
}
