import { type RenderedEmail, heading, paragraph } from '../document'
import { renderDocument } from '../render-document'
import { type BaseEmailData, dateIn, greeting, questions, signature, statusLink } from './common'

export interface CheckInvitedData extends BaseEmailData {
  /** The provider's hosted invitation, where the worker consents and enters their details. */
  invitationUrl: string
  expiresAt?: Date
}

/** Invites a worker to start their background check (when the host, not the provider, sends it). */
export function checkInvitedEmail(data: CheckInvitedData): RenderedEmail {
  const { branding } = data
  return renderDocument({
    subject: `Complete your background check for ${branding.productName}`,
    blocks: [
      greeting(data.recipientName),
      paragraph(`To finish setting up your ${branding.productName} account, please complete a background check.`),
      paragraph(`${branding.cra.name}, a consumer reporting agency, runs the check. `, { link: data.invitationUrl, label: 'Start your background check' }, '.'),
      ...(data.expiresAt ? [paragraph(`This invitation expires on ${dateIn(branding, data.expiresAt)}.`)] : []),
      heading('What happens next'),
      paragraph(`${branding.cra.name} asks for your consent and the details it needs, then runs the check.`),
      statusLink(branding),
      questions(branding),
      signature(branding),
    ],
  })
}
