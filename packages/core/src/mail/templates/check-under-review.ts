import { type RenderedEmail, paragraph } from '../document'
import { renderDocument } from '../render-document'
import { type BaseEmailData, greeting, questions, signature, statusLink } from './common'

export type CheckUnderReviewData = BaseEmailData

/**
 * Tells the worker their check needs a human review. Deliberately neutral: no result, no record,
 * no hint of what the report says, since the email may be read by someone else.
 */
export function checkUnderReviewEmail(data: CheckUnderReviewData): RenderedEmail {
  const { branding } = data
  return renderDocument({
    subject: `Your ${branding.productName} background check needs review`,
    blocks: [
      greeting(data.recipientName),
      paragraph(`Your background check for ${branding.productName} needs a review by our team before it can be completed.`),
      paragraph('You do not need to do anything right now. We will contact you if we need something from you.'),
      statusLink(branding),
      questions(branding),
      signature(branding),
    ],
  })
}
