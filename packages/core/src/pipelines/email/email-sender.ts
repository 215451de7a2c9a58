import { resolveMailBranding, type MailBrandingInput } from '../../mail/branding'
import { renderEmail, type EmailRequest } from '../../mail/render-email'
import type { Mailer } from '../../ports/mailer'
import type { AgencyContact } from '../../ports/provider'
import type { MailBranding } from '../../mail/branding'
import { VetkitError } from '../../errors'

export interface EmailOptions {
  mailer: Mailer
  /** The sender, e.g. `"Example Trust & Safety" <trust@example.com>`. */
  from: string
  replyTo?: string
  branding: MailBrandingInput
}

export type SendEmail = (input: { emailId: string; template: string; to: string; name: string | null; data: Record<string, unknown> }) => Promise<{ messageId: string | null }>

/**
 * Turns a queued email (template name + the JSON data recorded with it) into a rendered message
 * and sends it. Branding is validated once, at start-up; the notices name the provider's agency
 * unless the branding names another.
 */
export function createEmailSender(options: EmailOptions, agency: AgencyContact): SendEmail {
  const branding = resolveMailBranding(options.branding, agency)
  return async ({ emailId, template, to, name, data }) => {
    const rendered = renderEmail(...(request(template, data, branding, name) as [EmailRequest['kind'], never]))
    return options.mailer.send({
      to,
      from: options.from,
      ...(options.replyTo ? { replyTo: options.replyTo } : {}),
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      // The email row's id: a send repeated after a crash (between the mail server's accept and
      // vetkit recording it) carries the same id, so a receiver or an audit can tell it apart.
      headers: { 'X-Vetkit-Template': template, 'X-Vetkit-Email-Id': emailId },
    })
  }
}

const date = (value: unknown, field: string): Date => {
  const parsed = typeof value === 'string' ? new Date(value) : null
  if (!parsed || Number.isNaN(parsed.getTime())) throw new VetkitError('invalid_email_data', `email data ${field} is not a date`, { field })
  return parsed
}

/** The recorded data of each email kind, mapped to its template's input. */
function request(template: string, data: Record<string, unknown>, branding: MailBranding, name: string | null): [string, unknown] {
  const base = { branding, ...(name ? { recipientName: name } : {}) }
  switch (template) {
    case 'check_under_review':
      return [template, base]
    case 'pre_adverse_notice':
      return [template, { ...base, finalDecisionNotBefore: date(data.earliestFinalAt, 'earliestFinalAt') }]
    case 'final_adverse_notice':
      return [template, { ...base, decisionDate: date(data.decidedAt, 'decidedAt') }]
    case 'expiry_reminder':
      return [template, { ...base, expiresAt: date(data.validUntil, 'validUntil') }]
    case 'check_expired':
      return [template, { ...base, ...(typeof data.expiredAt === 'string' ? { expiredAt: date(data.expiredAt, 'expiredAt') } : {}) }]
    default:
      throw new VetkitError('invalid_argument', `unknown email template ${template}`, { field: 'template' })
  }
}
