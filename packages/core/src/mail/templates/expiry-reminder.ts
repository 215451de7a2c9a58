import { type RenderedEmail, paragraph } from '../document'
import { renderDocument } from '../render-document'
import { type BaseEmailData, dateIn, greeting, questions, recheckPrompt, signature } from './common'

export interface ExpiryReminderData extends BaseEmailData {
  /** When the current clearance stops counting; written as its date in the branding's time zone. */
  expiresAt: Date
}

/** Reminds a worker that their clearance expires soon and how to renew it. */
export function expiryReminderEmail(data: ExpiryReminderData): RenderedEmail {
  const { branding } = data
  const expires = dateIn(branding, data.expiresAt)
  return renderDocument({
    subject: `Your ${branding.productName} background check expires on ${expires}`,
    blocks: [
      greeting(data.recipientName),
      paragraph(`Your background check for ${branding.productName} expires on `, { strong: expires }, '.'),
      ...recheckPrompt(branding, 'To keep working without a break, ', ' before then.'),
      questions(branding),
      signature(branding),
    ],
  })
}
