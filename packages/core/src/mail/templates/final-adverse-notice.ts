import { type RenderedEmail, heading, list, paragraph } from '../document'
import { renderDocument } from '../render-document'
import { type BaseEmailData, additionalNotices, craContact, dateIn, greeting, questions, signature, summaryOfRights } from './common'

export interface FinalAdverseNoticeData extends BaseEmailData {
  /** When the decision was taken; written as its date in the branding's time zone. */
  decisionDate: Date
  /** Extra paragraphs required where the worker works (e.g. California's right to complain to the CRD). */
  additionalNotices?: readonly string[]
}

/**
 * The final adverse action notice, with every element FCRA §1681m(a) requires: that adverse action
 * was taken; the CRA's name, address and phone; that the CRA did not make the decision and cannot
 * explain it; the right to a free copy within 60 days; the right to dispute with the CRA.
 */
export function finalAdverseNoticeEmail(data: FinalAdverseNoticeData): RenderedEmail {
  const { branding } = data
  const { cra, productName } = branding
  const dispute = branding.links.dispute

  return renderDocument({
    subject: `Notice of adverse action: your ${productName} background check`,
    blocks: [
      greeting(data.recipientName),
      paragraph(
        { strong: 'This is a notice of adverse action.' },
        ` On ${dateIn(branding, data.decisionDate)}, ${productName} decided that you cannot work through ${productName}. This decision was based in whole or in part on information in a consumer report about you.`,
      ),
      heading('The consumer reporting agency'),
      paragraph('The report was provided by:'),
      craContact(cra),
      paragraph(`${cra.name} did not make this decision and is unable to tell you the specific reasons for it.`),
      heading('Your rights'),
      list(
        [`You have the right to a free copy of your report from ${cra.name} if you ask for it within 60 days of receiving this notice.`],
        [`You have the right to dispute, directly with ${cra.name}, the accuracy or completeness of any information in the report.`],
        ['Your other rights under federal law are described in ', summaryOfRights(), '.'],
      ),
      dispute
        ? paragraph(`If ${cra.name} corrects your report, or you believe we made a mistake, tell us here: `, { link: dispute, label: 'contact us about this decision' }, '.')
        : paragraph(`If ${cra.name} corrects your report, or you believe we made a mistake, write to `, { email: branding.supportEmail }, '.'),
      ...additionalNotices(data.additionalNotices),
      questions(branding),
      signature(branding),
    ],
  })
}
