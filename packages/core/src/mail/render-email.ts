import { VetkitError } from '../errors'
import type { RenderedEmail } from './document'
import { type CheckExpiredData, checkExpiredEmail } from './templates/check-expired'
import { type CheckInvitedData, checkInvitedEmail } from './templates/check-invited'
import { type CheckUnderReviewData, checkUnderReviewEmail } from './templates/check-under-review'
import { type ExpiryReminderData, expiryReminderEmail } from './templates/expiry-reminder'
import { type FinalAdverseNoticeData, finalAdverseNoticeEmail } from './templates/final-adverse-notice'
import { type PreAdverseNoticeData, preAdverseNoticeEmail } from './templates/pre-adverse-notice'

/** What each kind of email needs. */
export interface EmailDataByKind {
  check_invited: CheckInvitedData
  check_under_review: CheckUnderReviewData
  pre_adverse_notice: PreAdverseNoticeData
  final_adverse_notice: FinalAdverseNoticeData
  expiry_reminder: ExpiryReminderData
  check_expired: CheckExpiredData
}

export type EmailKind = keyof EmailDataByKind

/** A kind with its data, e.g. as a job payload: `{ kind: 'check_expired', data: {...} }`. */
export type EmailRequest = { [K in EmailKind]: { kind: K; data: EmailDataByKind[K] } }[EmailKind]

const TEMPLATES: { [K in EmailKind]: (data: EmailDataByKind[K]) => RenderedEmail } = {
  check_invited: checkInvitedEmail,
  check_under_review: checkUnderReviewEmail,
  pre_adverse_notice: preAdverseNoticeEmail,
  final_adverse_notice: finalAdverseNoticeEmail,
  expiry_reminder: expiryReminderEmail,
  check_expired: checkExpiredEmail,
}

export const EMAIL_KINDS = Object.freeze(Object.keys(TEMPLATES) as EmailKind[])

/** Renders one email: a pure function of its data (no I/O, no clock). */
export function renderEmail<K extends EmailKind>(kind: K, data: EmailDataByKind[K]): RenderedEmail {
  // `kind` may come from an untyped job payload.
  if (!Object.hasOwn(TEMPLATES, kind)) {
    throw new VetkitError('invalid_argument', `unknown email kind ${JSON.stringify(kind)}`, { field: 'kind' })
  }
  const template: (data: EmailDataByKind[K]) => RenderedEmail = TEMPLATES[kind]
  return template(data)
}
