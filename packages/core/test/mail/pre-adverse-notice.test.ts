import { CHECKR_AGENCY } from '../../src/providers/checkr/agency'
import { describe, expect, it } from 'vitest'
import { FCRA_SUMMARY_OF_RIGHTS_URL, resolveMailBranding } from '../../src/mail/branding'
import { preAdverseNoticeEmail } from '../../src/mail/templates/pre-adverse-notice'
import { MARCH_3, branding, brandingInput, collapse, hrefs, visibleText } from './email-fixtures'

const email = preAdverseNoticeEmail({ branding, recipientName: 'Jane', finalDecisionNotBefore: MARCH_3 })
const parts = { text: collapse(email.text), html: visibleText(email.html) }

describe('pre-adverse action notice', () => {
  describe.each(Object.entries(parts))('%s part', (_part, content) => {
    it('says a decision may be made based on the report, and that none has been made yet', () => {
      expect(content).toContain('from Checkr, Inc., a consumer reporting agency')
      expect(content).toContain('Based in whole or in part on that report, Acme Tutors may decide')
      expect(content).toContain('No final decision has been made.')
      expect(content).not.toMatch(/notice of adverse action|decided that/i)
    })

    it('gives the date on or after which a final decision may be made', () => {
      expect(content).toContain('We will not make a final decision before March 3, 2026. A final decision may be made on or after that date.')
    })

    it('says where to get a copy of the report, with the agency contact details', () => {
      expect(content).toContain('You can get a copy of your report from Checkr, Inc.:')
      expect(content).toContain('1 Montgomery Street, Suite 2400, San Francisco, CA 94104')
      expect(content).toContain('Phone: 1-844-824-3257')
    })

    it('names the summary of rights', () => {
      expect(content).toContain('A Summary of Your Rights Under the Fair Credit Reporting Act')
    })

    it('explains how to dispute with the agency and how to respond to the host', () => {
      expect(content).toContain('you have the right to dispute it directly with Checkr, Inc.')
      expect(content).toContain('Before March 3, 2026, you can also send us anything you want us to consider')
      expect(content).toMatch(/To respond, use this form( \(https:\/\/acme\.test\/bgc\/dispute\))? or write to help@acme\.test\./)
    })
  })

  it('links the summary of rights and the response page in both parts', () => {
    expect(hrefs(email.html)).toEqual(expect.arrayContaining([FCRA_SUMMARY_OF_RIGHTS_URL, 'https://acme.test/bgc/dispute', 'https://candidate.checkr.com']))
    expect(email.text).toContain(`A Summary of Your Rights Under the Fair Credit Reporting Act (${FCRA_SUMMARY_OF_RIGHTS_URL})`)
    expect(email.text).toContain('use this form (https://acme.test/bgc/dispute)')
  })

  it('links the copy of the report when the host has one', () => {
    const withCopy = preAdverseNoticeEmail({ branding, finalDecisionNotBefore: MARCH_3, reportCopyUrl: 'https://reports.example/rep_1?t=a&b=c' })
    expect(withCopy.text).toContain('your background check report (https://reports.example/rep_1?t=a&b=c)')
    expect(withCopy.html).toContain('href="https://reports.example/rep_1?t=a&amp;b=c"')
    expect(withCopy.text).toContain('The report was prepared by Checkr, Inc.:')
  })

  it('lists report items only when given, and adds nothing of its own', () => {
    expect(email.text).not.toContain('this decision may be based on:')
    const withItems = preAdverseNoticeEmail({ branding, finalDecisionNotBefore: MARCH_3, reportItems: ['Item one', 'Item two'] })
    expect(withItems.text).toContain('The information in the report that this decision may be based on:\n\n- Item one\n- Item two')
    expect(withItems.html).toContain('<li>Item one</li><li>Item two</li>')
  })

  it('falls back to the support address when the host has no response page', () => {
    const noDispute = resolveMailBranding({ ...brandingInput, links: { status: 'https://acme.test/bgc/status' } }, CHECKR_AGENCY)
    const fallback = preAdverseNoticeEmail({ branding: noDispute, finalDecisionNotBefore: MARCH_3 })
    expect(fallback.text).toContain('To respond, write to help@acme.test.')
  })

  it('writes the not-before date in the configured time zone', () => {
    const instant = new Date('2026-03-10T03:00:00Z')
    const la = resolveMailBranding({ ...brandingInput, timeZone: 'America/Los_Angeles' }, CHECKR_AGENCY)
    expect(preAdverseNoticeEmail({ branding, finalDecisionNotBefore: instant }).text).toContain('before March 10, 2026.')
    expect(preAdverseNoticeEmail({ branding: la, finalDecisionNotBefore: instant }).text).toContain('before March 9, 2026.')
  })
})
