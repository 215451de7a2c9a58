import { VetkitError } from '../../errors'
import { labelIn, METRICS } from '../../metrics/metric-table'
import type { EngineContext } from '../engine-context'

/**
 * The `email.send` job: renders and sends one queued email. The address is read from the subject
 * at send time (emails rows hold no address). Without a mailer, or without an address, the email
 * is kept as `suppressed` with the reason, never silently dropped.
 */
export async function sendQueuedEmail(ctx: EngineContext, emailId: string, final: boolean): Promise<void> {
  const email = await ctx.storage.emails.get(emailId)
  if (!email || email.status === 'sent' || email.status === 'suppressed') return
  const subject = await ctx.storage.subjects.get(email.subjectId)
  const template = labelIn(METRICS.emails.labels.template, email.template)
  if (!ctx.sendEmail || !subject?.email) {
    await ctx.storage.emails.markFailed(email.id, { error: ctx.sendEmail ? 'no_address' : 'no_mailer', final: true })
    ctx.metrics.count('emails', { template, outcome: 'suppressed' })
    return
  }
  try {
    const sent = await ctx.sendEmail({ emailId: email.id, template: email.template, to: subject.email, name: subject.displayName, data: email.data })
    await ctx.storage.emails.markSent(email.id, { sentAt: ctx.clock.now(), providerMessageId: sent.messageId })
    ctx.metrics.count('emails', { template, outcome: 'sent' })
  } catch (error) {
    const code = error instanceof VetkitError ? error.code : 'mail_failed'
    await ctx.storage.emails.markFailed(email.id, { error: code, final })
    ctx.metrics.count('emails', { template, outcome: final ? 'failed' : 'retried' })
    throw error
  }
}
