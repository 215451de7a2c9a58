import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { ConsentRecord } from '../../domain/consent'
import { uuidv7 } from '../../support/uuid'
import type { EngineContext } from '../engine-context'
import { InputError, parseInput } from '../parse-input'
import { OPERATIONS } from '../../operations/operations'
import { displayNameField, emailField, subjectIdField, userAgentField } from '../../support/input-fields'

/** The operation's fields (`OPERATIONS.recordConsent`) plus what the HTTP layer knows of the caller. */
export const recordConsentInput = z
  .object({
    ...OPERATIONS.recordConsent.params.shape,
    ...OPERATIONS.recordConsent.body.shape,
    /** The client IP, already resolved through the trusted proxy chain by the HTTP layer. */
    ip: z.union([z.ipv4(), z.ipv6()]).nullable().default(null),
    userAgent: userAgentField.nullable().default(null),
  })
  .strict()

export type RecordConsentInput = z.input<typeof recordConsentInput>

/** Appends one consent (never edits one) and creates or updates the subject. */
export async function recordConsent(ctx: EngineContext, raw: RecordConsentInput): Promise<ConsentRecord> {
  const input = parseInput(recordConsentInput, raw)
  if (input.disclosureVersion !== ctx.policy.consent.disclosureVersion) {
    throw new InputError('consent_outdated', `the current disclosure is version ${ctx.policy.consent.disclosureVersion}; show it and consent again`, 'disclosureVersion')
  }
  const now = ctx.clock.now()
  const consent: ConsentRecord = {
    id: uuidv7(now.getTime()),
    subjectId: input.subjectId,
    disclosureVersion: input.disclosureVersion,
    authorizationTextHash: createHash('sha256').update(input.authorizationText, 'utf8').digest('hex'),
    signatureName: input.signatureName,
    signedAt: now,
    ip: input.ip,
    userAgent: input.userAgent,
  }
  await ctx.storage.transaction(async (tx) => {
    await tx.subjects.upsert({
      id: input.subjectId,
      now,
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    })
    await tx.consents.append(consent)
  })
  return consent
}

const upsertSubjectInput = z
  .object({
    subjectId: subjectIdField,
    email: emailField.nullable().optional(),
    displayName: displayNameField.nullable().optional(),
  })
  .strict()

/** The host's own subject details (email, display name): validated, then upserted. */
export async function upsertSubject(ctx: EngineContext, raw: z.input<typeof upsertSubjectInput>) {
  const input = parseInput(upsertSubjectInput, raw)
  return ctx.storage.subjects.upsert({
    id: input.subjectId,
    now: ctx.clock.now(),
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
  })
}
