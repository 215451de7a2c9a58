import { expiryReminders, planExpiryReminder } from '../../domain/expiry'
import type { EngineContext } from '../engine-context'
import { queueEmail } from '../checks/check-effects'
import { commitCheckEvent } from '../checks/commit-check-event'
import { refreshEligibility } from '../checks/refresh-eligibility'

export interface ExpirySweepResult {
  remindersQueued: number
  expired: number
  /** Subjects whose eligibility lapsed without a check changing (the grace period ended). */
  eligibilityRefreshed: number
}

const BATCH = 200

/**
 * The scheduled sweep: sends each expiry reminder once (the email dedupe key is the guarantee),
 * expires passes at `valid_until` (revoking eligibility and taking the host row offline), and
 * re-derives eligibility for subjects whose materialised `eligible_until` has passed. Every query
 * is an index range over what is due, so the cost follows the number due, not the table size.
 */
export async function runExpirySweep(ctx: EngineContext): Promise<ExpirySweepResult> {
  const result: ExpirySweepResult = { remindersQueued: 0, expired: 0, eligibilityRefreshed: 0 }
  const system = { kind: 'system' as const, id: 'expiry-sweep' }

  for (;;) {
    const now = ctx.clock.now()
    const expired = await ctx.storage.checks.listExpired(now, BATCH)
    for (const check of expired) {
      const { result: applied } = await commitCheckEvent(ctx, check.id, { source: 'vetkit', type: 'validity.expired', at: now, actor: system })
      if (applied.kind === 'applied') result.expired++
    }
    if (expired.length < BATCH) break
  }

  for (let seen = new Set<string>(); ; ) {
    const now = ctx.clock.now()
    const due = (await ctx.storage.checks.listDueReminders(now, BATCH)).filter((c) => !seen.has(c.id))
    if (due.length === 0) break
    for (const check of due) {
      seen.add(check.id)
      const validUntil = check.state.validUntil
      await ctx.storage.transaction(async (tx) => {
        if (check.state.status !== 'passed' || validUntil === null) {
          await tx.checks.setNextReminderAt(check.id, null, now)
          return
        }
        const reminders = expiryReminders(validUntil, ctx.policy)
        const sent = new Set<string>()
        for (const r of reminders) if (await tx.emails.getByDedupeKey(`check:${check.id}:${r.key}`)) sent.add(r.key)
        const plan = planExpiryReminder({ validUntil, now, policy: ctx.policy, alreadySent: sent })
        if (plan.send) {
          const queued = await queueEmail(tx, {
            dedupeKey: `check:${check.id}:${plan.send.key}`,
            template: 'expiry_reminder',
            check,
            data: { validUntil: validUntil.toISOString(), daysBefore: plan.send.daysBefore },
            now,
          })
          if (queued) result.remindersQueued++
        }
        // Superseded reminders are marked as handled so they are never sent late.
        for (const r of plan.superseded) sent.add(r.key)
        if (plan.send) sent.add(plan.send.key)
        const next = reminders.find((r) => !sent.has(r.key) && r.dueAt.getTime() > now.getTime())
        await tx.checks.setNextReminderAt(check.id, next ? next.dueAt : null, now)
      })
    }
  }

  // Subjects whose eligibility ran out with no check changing (a grace period ending).
  const lapsed = await ctx.storage.subjects.listEligibilityLapsed(ctx.clock.now(), BATCH)
  for (const subjectId of lapsed) {
    await ctx.storage.transaction(async (tx) => {
      await tx.subjects.lock(subjectId)
      await refreshEligibility(ctx, tx, subjectId, ctx.clock.now())
    })
    result.eligibilityRefreshed++
  }
  return result
}
