import { z } from 'zod'
import { VetkitError } from '../../errors'
import type { ProviderRefs, ProviderWebhookEvent } from '../../ports/provider'
import { CHECKR_EVENT_TRIGGERS } from './event-types'

// Enums stay open strings (Checkr adds values); only what vetkit relies on is required.
const isoDate = z.iso.datetime({ offset: true })
const nullableDate = isoDate.nullish().transform((v) => (v ? new Date(v) : null))

const dataObject = z
  .object({
    id: z.string().min(1),
    object: z.string().min(1),
    status: z.string().nullish(),
    result: z.string().nullish(),
    assessment: z.string().nullish(),
    adjudication: z.string().nullish(),
    completed_at: nullableDate,
    estimated_completion_time: nullableDate,
    candidate_id: z.string().nullish(),
    report_id: z.string().nullish(),
    report_ids: z.array(z.string()).nullish(),
  })
  .loose()

const envelope = z
  .object({
    id: z.string().min(1),
    object: z.literal('event'),
    type: z.string().min(1),
    created_at: isoDate,
    data: z.object({ object: dataObject }),
  })
  .loose()

/** The keys of a thin object (`include_object` off): nothing to read but the id. */
const THIN_KEYS = new Set(['id', 'object', 'uri'])

/**
 * Parses an authenticated Checkr webhook body into a provider-neutral event. Keeps only ids,
 * types, times and the report verdict: no PII (names, emails, SSNs) leaves this function. A thin
 * payload (`include_object` off: `{id, object, uri}`) is marked `thin`, and the engine re-reads
 * the object from the API before it matches the event to a check.
 */
export function parseCheckrWebhook(rawBody: Uint8Array): ProviderWebhookEvent {
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(rawBody).toString('utf8'))
  } catch {
    throw new VetkitError('invalid_webhook', 'webhook body is not JSON')
  }
  const parsed = envelope.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue ? issue.path.join('.') : undefined
    throw new VetkitError('invalid_webhook', `webhook body is not a Checkr event${field ? ` (${field}: ${issue?.message ?? ''})` : ''}`, {
      ...(field ? { field } : {}),
    })
  }
  const event = parsed.data
  const object = event.data.object
  const base = { eventId: event.id, type: event.type, occurredAt: new Date(event.created_at) }
  const known = Object.hasOwn(CHECKR_EVENT_TRIGGERS, event.type) ? CHECKR_EVENT_TRIGGERS[event.type] : undefined
  // An object of another kind than the event type names (never seen from Checkr) is not acted on.
  if (!known || known.object !== object.object) return { ...base, trigger: null }

  // Judged on the raw payload: the parsed one may gain keys from defaults and transforms.
  const rawObject = (json as { data: { object: Record<string, unknown> } }).data.object
  const thin = Object.keys(rawObject).every((key) => THIN_KEYS.has(key))
  return {
    ...base,
    trigger: {
      event: known.event,
      object: { kind: known.object, id: object.id },
      refs: refsOf(known.object, object),
      thin,
      report:
        known.object === 'report' && !thin && typeof object.status === 'string'
          ? {
              status: object.status,
              result: object.result ?? null,
              assessment: object.assessment ?? null,
              adjudication: object.adjudication ?? null,
              completedAt: object.completed_at,
              eta: object.estimated_completion_time,
            }
          : null,
    },
  }
}

function refsOf(kind: string, object: z.output<typeof dataObject>): ProviderRefs {
  switch (kind) {
    case 'report':
      return { reportId: object.id, candidateId: object.candidate_id ?? null, invitationId: null }
    case 'invitation':
      return { invitationId: object.id, candidateId: object.candidate_id ?? null, reportId: object.report_id ?? null }
    default:
      return { candidateId: object.id, invitationId: null, reportId: object.report_ids?.at(-1) ?? null }
  }
}
