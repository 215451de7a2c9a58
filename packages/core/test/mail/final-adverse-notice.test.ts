import { CHECKR_AGENCY } from '../../src/providers/checkr/agency'
import { describe, expect, it } from 'vitest'
import { FCRA_SUMMARY_OF_RIGHTS_URL, resolveMailBranding } from '../../src/mail/branding'
import { finalAdverseNoticeEmail } from '../../src/mail/templates/final-adverse-notice'
import { MARCH_3, branding, brandingInput, collapse, hrefs, otherCra, visibleText } from './email-fixtures'

const email = finalAdverseNoticeEmail({ branding, recipientName: 'Jane', decisionDate: MARCH_3 })
// Both parts, as a reader sees them.
const parts = { text: collapse(email.text), html: visibleText(email.html) }

describe('final adverse action notice (FCRA §1681m(a))', () => {
  describe.each(Object.entries(parts))('%s part', (_part, content) => {
    it('says adverse action was taken, and when', () => {
      expect(content).toContain('This is a notice of adverse action.')
      expect(content).toContain('On March 3, 2026, Acme Tutors decided')
      expect(content).toContain('based in whole or in part on information in a consumer report')
    })

    it("gives the consumer reporting agency's name, address and phone number", () => {
      expect(content).toContain('Checkr, Inc.')
      expect(content).toContain('1 Montgomery Street, Suite 2400, San Francisco, CA 94104')
      expect(content).toContain('Phone: 1-844-824-3257')
      expect(content).toContain('https://candidate.checkr.com')
    })

    it('says the agency did not make the decision and cannot give the reasons', () => {
      expect(content).toContain('Checkr, Inc. did not make this decision and is unable to tell you the specific reasons for it.')
    })

    it('gives the right to a free copy of the report within 60 days', () => {
      expect(content).toContain('the right to a free copy of your report from Checkr, Inc. if you ask for it within 60 days')
    })

    it('gives the right to dispute accuracy or completeness with the agency', () => {
      expect(content).toContain('the right to dispute, directly with Checkr, Inc., the accuracy or completeness of any information in the report')
    })

    it('names the summary of rights', () => {
      expect(content).toContain('A Summary of Your Rights Under the Fair Credit Reporting Act')
    })
  })

  it('links the summary of rights and the dispute page in both parts', () => {
    expect(hrefs(email.html)).toEqual(expect.arrayContaining([FCRA_SUMMARY_OF_RIGHTS_URL, 'https://acme.test/bgc/dispute']))
    expect(email.text).toContain(FCRA_SUMMARY_OF_RIGHTS_URL)
    expect(email.text).toContain('https://acme.test/bgc/dispute')
  })

  it('falls back to the support address when the host has no dispute page', () => {
    const noDispute = resolveMailBranding({ ...brandingInput, links: { status: 'https://acme.test/bgc/status' } }, CHECKR_AGENCY)
    const fallback = finalAdverseNoticeEmail({ branding: noDispute, decisionDate: MARCH_3 })
    expect(fallback.text).toContain('or you believe we made a mistake, write to help@acme.test.')
    expect(hrefs(fallback.html)).not.toContain('https://acme.test/bgc/dispute')
  })

  it("names the host's agency instead of Checkr when configured", () => {
    const custom = finalAdverseNoticeEmail({ branding: resolveMailBranding({ ...brandingInput, cra: otherCra }, CHECKR_AGENCY), decisionDate: MARCH_3 })
    for (const content of [custom.text, visibleText(custom.html)]) {
      expect(content).toContain('Example Screening LLC did not make this decision')
      expect(content).toContain(otherCra.address)
      expect(content).toContain(`Phone: ${otherCra.phone}`)
    }
  })

  it('writes the decision date in the configured time zone', () => {
    // 02:00 UTC on March 3 is still March 2 in New York.
    const lateEvening = new Date('2026-03-03T02:00:00Z')
    const utc = finalAdverseNoticeEmail({ branding, decisionDate: lateEvening })
    const newYork = finalAdverseNoticeEmail({ branding: resolveMailBranding({ ...brandingInput, timeZone: 'America/New_York' }, CHECKR_AGENCY), decisionDate: lateEvening })
    expect(utc.text).toContain('On March 3, 2026,')
    expect(newYork.text).toContain('On March 2, 2026,')
  })

  it('adds the host\'s jurisdiction notices verbatim', () => {
    const withNotice = finalAdverseNoticeEmail({
      branding,
      decisionDate: MARCH_3,
      additionalNotices: ['You may file a complaint with the California Civil Rights Department.'],
    })
    expect(withNotice.text).toContain('You may file a complaint with the California Civil Rights Department.')
    expect(visibleText(withNotice.html)).toContain('You may file a complaint with the California Civil Rights Department.')
  })

  it('keeps the subject free of the outcome details', () => {
    expect(email.subject).toBe('Notice of adverse action: your Acme Tutors background check')
  })
})
