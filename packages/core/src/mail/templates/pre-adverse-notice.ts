import { type Block, type RenderedEmail, heading, list, paragraph } from '../document'
import { renderDocument } from '../render-document'
import { type BaseEmailData, additionalNotices, craContact, dateIn, greeting, questions, signature, summaryOfRights } from './common'

export interface PreAdverseNoticeData extends BaseEmailData {
  /** No final decision before this instant; written as its date in the branding's time zone. */
  finalDecisionNotBefore: Date
  /** Where the worker can view and download the report. Without it they are sent to the CRA. */
  reportCopyUrl?: string
  /** The report items the decision may rest on. Listed only when given; the template adds none. */
  reportItems?: readonly string[]
  /** Extra paragraphs required where the worker works (e.g. an individualized assessment). */
  additionalNotices?: readonly string[]
}

/**
 * The pre-adverse action notice (FCRA §1681b(b)(3)): before deciding against the worker on the
 * basis of the report, give them a copy of it, the summary of their rights, and time to respond.
 */
export function preAdverseNoticeEmail(data: PreAdverseNoticeData): RenderedEmail {
  const { branding } = data
  const { cra, productName } = branding
  const notBefore = dateIn(branding, data.finalDecisionNotBefore)
  const items = data.reportItems ?? []
  const dispute = branding.links.dispute
  const respond: Block = dispute
    ? paragraph('To respond, ', { link: dispute, label: 'use this form' }, ' or write to ', { email: branding.supportEmail }, '.')
    : paragraph('To respond, write to ', { email: branding.supportEmail }, '.')

  return renderDocument({
    subject: `Important notice about your ${productName} background check`,
    blocks: [
      greeting(data.recipientName),
      paragraph(
        `We received a background check report about you from ${cra.name}, a consumer reporting agency. Based in whole or in part on that report, ${productName} may decide that you cannot work through ${productName}. `,
        { strong: 'No final decision has been made.' },
      ),
      ...(items.length > 0 ? [paragraph('The information in the report that this decision may be based on:'), list(...items.map((item) => [item]))] : []),
      paragraph('We will not make a final decision before ', { strong: notBefore }, '. A final decision may be made on or after that date.'),
      heading('Your copy of the report'),
      data.reportCopyUrl
        ? paragraph('You can view and download a copy of your report here: ', { link: data.reportCopyUrl, label: 'your background check report' }, '.')
        : paragraph(`You can get a copy of your report from ${cra.name}:`),
      ...(data.reportCopyUrl ? [paragraph(`The report was prepared by ${cra.name}:`)] : []),
      craContact(cra),
      heading('Your rights'),
      paragraph('Your rights under federal law are described in ', summaryOfRights(), ', which is part of this notice.'),
      heading('If the report is wrong, or you want to tell us more'),
      paragraph(`If you believe information in the report is inaccurate or incomplete, you have the right to dispute it directly with ${cra.name}, using the contact details above. Please tell us too, so we can wait for the outcome.`),
      paragraph(`Before ${notBefore}, you can also send us anything you want us to consider, such as corrections, context, or evidence of rehabilitation.`),
      respond,
      ...additionalNotices(data.additionalNotices),
      questions(branding),
      signature(branding),
    ],
  })
}
