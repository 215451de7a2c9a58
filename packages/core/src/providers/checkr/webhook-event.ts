import { z } from 'zod'
import { VetkitError } from '../../errors'
import type { ProviderWebhookEvent } from '../../ports/provider'

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
    completed_at: nullableDate,
    candidate_id: z.string().nullish(),
    report_id: z.string().nullish(),
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

/**
 * Parses an authenticated Checkr webhook body into a provider-neutral event. Keeps only ids,
 * types, times and the report verdict: no PII (names, emails, SSNs) leaves this function. A thin
 * payload (`include_object` off: `{id, object, uri}`) yields `report: null`, and the worker
 * re-reads the report from the API.
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
  const isReport = object.object === 'report'
  const isInvitation = object.object === 'invitation'
  const isCandidate = object.object === 'candidate'
  const full = isReport && typeof object.status === 'string'
  return {
    eventId: event.id,
    type: event.type,
    occurredAt: new Date(event.created_at),
    objectType: object.object,
    objectId: object.id,
    candidateId: isCandidate ? object.id : (object.candidate_id ?? null),
    reportId: isReport ? object.id : isInvitation ? (object.report_id ?? null) : null,
    invitationId: isInvitation ? object.id : null,
    report: full
      ? { status: object.status ?? '', result: object.result ?? null, assessment: object.assessment ?? null, completedAt: object.completed_at }
      : null,
  }
}
