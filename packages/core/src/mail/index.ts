// Email: the mailer port's helpers, the in-memory mailer and the templates. The SMTP mailer lives
// in the separate `@vetkit/core/smtp` entry so that nodemailer stays an optional peer dependency.
export type { EmailMessage, Mailer, SendResult } from '../ports/mailer'
export { MailError, isMailError } from './mail-error'
export { assertSendable } from './validate-message'
export { memoryMailer } from './memory-mailer'
export type { MemoryMailer, SentEmail } from './memory-mailer'
export { formatMailbox } from './address'
export { formatLongDate } from './format-date'
export { escapeHtml } from './escape-html'
export {
  FCRA_SUMMARY_OF_RIGHTS_URL,
  mailBrandingSchema,
  resolveMailBranding,
} from './branding'
export type { CraContact, MailBranding, MailBrandingInput } from './branding'
export { EMAIL_KINDS, renderEmail } from './render-email'
export type { EmailDataByKind, EmailKind, EmailRequest } from './render-email'
export type { RenderedEmail } from './document'
export { checkInvitedEmail } from './templates/check-invited'
export type { CheckInvitedData } from './templates/check-invited'
export { checkUnderReviewEmail } from './templates/check-under-review'
export type { CheckUnderReviewData } from './templates/check-under-review'
export { preAdverseNoticeEmail } from './templates/pre-adverse-notice'
export type { PreAdverseNoticeData } from './templates/pre-adverse-notice'
export { finalAdverseNoticeEmail } from './templates/final-adverse-notice'
export type { FinalAdverseNoticeData } from './templates/final-adverse-notice'
export { expiryReminderEmail } from './templates/expiry-reminder'
export type { ExpiryReminderData } from './templates/expiry-reminder'
export { checkExpiredEmail } from './templates/check-expired'
export type { CheckExpiredData } from './templates/check-expired'
export type { BaseEmailData } from './templates/common'
