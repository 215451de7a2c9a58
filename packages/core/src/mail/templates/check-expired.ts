import { type RenderedEmail, paragraph } from '../document'
import { renderDocument } from '../render-document'
import { type BaseEmailData, dateIn, greeting, questions, recheckPrompt, signature } from './common'

export interface CheckExpiredData extends BaseEmailData {
  /** When the clearance stopped counting; written as its date in the branding's time zone. Omitted when absent. */
  expiredAt?: Date
}

/** Tells a worker their clearance has expired and how to get a new one. */
export function checkExpiredEmail(data: CheckExpiredData): RenderedEmail {
  const { branding } = data
  return renderDocument({
    subject: `Your ${branding.productName} background check has expired`,
    blocks: [
      greeting(data.recipientName),
      data.expiredAt
        ? paragraph(`Your background check for ${branding.productName} expired on `, { strong: dateIn(branding, data.expiredAt) }, '.')
        : paragraph(`Your background check for ${branding.productName} has expired.`),
      paragraph(`You need a new background check to keep working through ${branding.productName}.`),
      ...recheckPrompt(branding, 'To get one, ', '.'),
      questions(branding),
      signature(branding),
    ],
  })
}
