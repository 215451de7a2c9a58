import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { Actor } from '../../domain/check-events'
import { newCheckState } from '../../domain/check-state'
import { isInProgress, type CheckStatus } from '../../domain/check-status'
import { evaluateConsent } from '../../domain/consent'
import { decideThrottle, throttleRules } from '../../domain/throttle'
import type { CheckRecord, Storage } from '../../ports/storage'
import { uuidv7 } from '../../support/uuid'
import { appendEvent } from '../checks/check-effects'
import { refreshEligibility } from '../checks/refresh-eligibility'
import type { EngineContext } from '../engine-context'
import { InputError, parseInput } from '../parse-input'
import { ipThrottleKey } from '../ip-throttle-key'
import { ThrottledError } from '../../errors'
import { OPERATIONS } from '../../operations/operations'
import { actorField } from '../../support/input-fields'

/** The operation's fields (`OPERATIONS.invite`) plus what the caller adds: the client IP and who acts. */
export const inviteInput = z
  .object({
    ...OPERATIONS.invite.params.shape,
    ...OPERATIONS.invite.body.shape,
    /** The client IP (from the trusted proxy chain): throttled per address (IPv6 per /56). */
    ip: z.union([z.ipv4(), z.ipv6()]).nullable().default(null),
    actor: actorField.optional(),
  })
  .strict()

export type InviteInput = z.input<typeof inviteInput>

export interface InviteResult {
  check: CheckRecord
  /** False when a check was already in progress: it is returned and the provider is not called. */
  created: boolean
}

/** Statuses after which a new check may start: as a first invite, or as a re-check. */
const REOPENABLE: Record<'invite' | 'recheck', readonly CheckStatus[]> = {
  invite: ['failed', 'canceled', 'expired'],
  recheck: ['passed', 'failed', 'canceled', 'expired'],
}

/**
 * Invites a subject to a background check, or re-checks one. Everything happens under the
 * subject's row lock in one transaction, provider calls included: a second invite waits, then
 * finds the first check and returns it; a provider error rolls everything back (no check, no
 * throttle hit, no history), so nothing is half-written. The per-IP throttle is consumed first,
 * on its own, so failed attempts still count against the address.
 */
export async function inviteSubject(ctx: EngineContext, raw: InviteInput, mode: 'invite' | 'recheck'): Promise<InviteResult> {
  const input = parseInput(inviteInput, raw)
  const rules = throttleRules(ctx.policy)
  const jurisdiction = input.jurisdiction ?? ctx.policy.adverseAction.defaultJurisdiction
  // Validated before the throttle is touched: a request refused as invalid writes nothing.
  validateJurisdiction(ctx, jurisdiction)
  if (input.ip !== null) {
    const counter = await ctx.storage.throttles.consume(`invite:ip:${ipThrottleKey(input.ip)}`, rules.invite_per_ip.windowSeconds, ctx.clock.now())
    const decision = decideThrottle(rules.invite_per_ip, counter, ctx.clock.now())
    if (!decision.allowed) throw new ThrottledError('invite_per_ip', decision)
  }
  const actor: Actor = input.actor ?? { kind: 'subject', id: input.subjectId }

  return ctx.storage.transaction(async (tx) => {
    const now = ctx.clock.now()
    const subject = await tx.subjects.lock(input.subjectId)
    if (!subject) throw new InputError('consent_required', 'the subject has not consented to a background check', 'subjectId')
    const checks = await tx.checks.listForSubject(subject.id)
    const newest = checks.at(-1)
    if (newest && isInProgress(newest.state.status)) return { check: newest, created: false }
    assertMayStart(mode, newest)

    const consent = evaluateConsent(await tx.consents.listForSubject(subject.id, 20), now, ctx.policy)
    if (!consent.ok) throw new InputError(consent.code, consent.message, 'consent')
    const counter = await tx.throttles.consume(`invite:subject:${subject.id}`, rules.invite_per_subject.windowSeconds, now)
    const decision = decideThrottle(rules.invite_per_subject, counter, now)
    if (!decision.allowed) throw new ThrottledError('invite_per_subject', decision)
    if (!subject.email) throw new InputError('email_required', 'the subject needs an email address for the invitation', 'email')

    // Idempotency keys derived from what the invite is (the subject, its next check, the order),
    // never random: when the provider answered but the transaction did not commit (the database
    // went away mid-invite, a deadlock retry), the repeated invite gets the same candidate and
    // invitation back instead of ordering a second check vetkit would not know about.
    const keys = inviteKeys(ctx.provider.name, subject.id, checks.length, ctx.provider.packageSlug, input.workLocations)
    const checkId = uuidv7(now.getTime())
    const reusable = [...checks].reverse().find((c) => c.provider === ctx.provider.name && c.candidateId !== null)
    const candidateId =
      reusable?.candidateId ??
      (await ctx.provider.createCandidate({ subjectId: subject.id, email: subject.email, idempotencyKey: keys.candidate })).candidateId
    const invitation = await ctx.provider.createInvitation({
      candidateId,
      ...(input.workLocations ? { workLocations: input.workLocations.map(stripUndefined) } : {}),
      idempotencyKey: keys.invitation,
    })
    const check: CheckRecord = {
      id: checkId,
      subjectId: subject.id,
      provider: ctx.provider.name,
      packageSlug: ctx.provider.packageSlug,
      version: 1,
      state: newCheckState(jurisdiction),
      candidateId,
      invitationId: invitation.invitationId,
      invitationUrl: invitation.invitationUrl,
      previousCheckId: newest?.id ?? null,
      providerAdverseActionId: null,
      nextReminderAt: null,
      createdAt: now,
      updatedAt: now,
    }
    await tx.checks.insert(check)
    await recordStart(ctx, tx, check, actor, mode, consent.consent.id, now)
    await refreshEligibility(ctx, tx, subject.id, now, subject)
    return { check: (await tx.checks.get(checkId)) ?? check, created: true }
  })
}

function assertMayStart(mode: 'invite' | 'recheck', newest: CheckRecord | undefined): void {
  if (mode === 'invite' && newest === undefined) return
  if (mode === 'recheck' && newest === undefined) {
    throw new InputError('no_previous_check', 'the subject has no check to re-check; invite them instead', 'subjectId')
  }
  const status = newest?.state.status
  if (status !== undefined && !REOPENABLE[mode].includes(status)) {
    const hint = status === 'passed' ? '; use a re-check to renew it' : ''
    throw new InputError('check_exists', `the subject's check is ${status}${hint}`, 'subjectId')
  }
}

function validateJurisdiction(ctx: EngineContext, jurisdiction: string): void {
  try {
    ctx.transitions.earliestFinalNoticeAt({ jurisdiction, preAdverseNoticeAt: ctx.clock.now(), medium: 'email', writtenDispute: false })
  } catch {
    throw new InputError('unknown_jurisdiction', `no adverse-action wait profile named "${jurisdiction}"`, 'jurisdiction')
  }
}

async function recordStart(ctx: EngineContext, tx: Storage, check: CheckRecord, actor: Actor, mode: 'invite' | 'recheck', consentId: string, now: Date): Promise<void> {
  await tx.history.append({
    checkId: check.id,
    subjectId: check.subjectId,
    eventType: mode === 'invite' ? 'check.invited' : 'check.rechecked',
    fromStatus: null,
    toStatus: 'invited',
    actorKind: actor.kind,
    actorId: actor.id,
    reason: null,
    webhookEventId: null,
    details: { consentId, previousCheckId: check.previousCheckId, jurisdiction: check.state.jurisdiction },
    occurredAt: now,
    recordedAt: now,
  })
  await appendEvent(ctx, tx, {
    type: 'check.invited',
    subjectId: check.subjectId,
    checkId: check.id,
    payload: { checkId: check.id, subjectId: check.subjectId, recheck: mode === 'recheck', previousCheckId: check.previousCheckId },
    now,
  })
}

function inviteKeys(provider: string, subjectId: string, ordinal: number, packageSlug: string, workLocations: unknown): { candidate: string; invitation: string } {
  const order = createHash('sha256').update(JSON.stringify([packageSlug, workLocations ?? null])).digest('hex').slice(0, 16)
  return {
    candidate: `vetkit:${provider}:candidate:${subjectId}`,
    invitation: `vetkit:${provider}:invitation:${subjectId}:${ordinal}:${order}`,
  }
}

function stripUndefined(location: { country: string; state?: string | undefined; city?: string | undefined }) {
  return {
    country: location.country,
    ...(location.state !== undefined ? { state: location.state } : {}),
    ...(location.city !== undefined ? { city: location.city } : {}),
  }
}
