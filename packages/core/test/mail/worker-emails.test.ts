import { CHECKR_AGENCY } from '../../src/providers/checkr/agency'
import { describe, expect, it } from 'vitest'
import { resolveMailBranding } from '../../src/mail/branding'
import { checkExpiredEmail } from '../../src/mail/templates/check-expired'
import { checkInvitedEmail } from '../../src/mail/templates/check-invited'
import { checkUnderReviewEmail } from '../../src/mail/templates/check-under-review'
import { expiryReminderEmail } from '../../src/mail/templates/expiry-reminder'
import { MARCH_3, branding, brandingInput, hrefs } from './email-fixtures'

const noRecheck = resolveMailBranding({ ...brandingInput, links: { status: 'https://acme.test/bgc/status' } }, CHECKR_AGENCY)

describe('check_under_review', () => {
  const email = checkUnderReviewEmail({ branding, recipientName: 'Jane' })

  it('says only that the check needs review, and links the status page', () => {
    expect(email.subject).toBe('Your Acme Tutors background check needs review')
    expect(email.text).toContain('needs a review by our team before it can be completed')
    expect(hrefs(email.html)).toContain('https://acme.test/bgc/status')
  })

  it('is neutral: no result, record, adverse-action or agency wording', () => {
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toMatch(/consider|adverse|record|criminal|fail|reject|dispute|Checkr|report/i)
    }
  })
})

describe('check_invited', () => {
  it('links the invitation and gives its expiry date', () => {
    const email = checkInvitedEmail({ branding, invitationUrl: 'https://apply.example/inv_1', expiresAt: MARCH_3 })
    expect(email.subject).toBe('Complete your background check for Acme Tutors')
    expect(email.text).toContain('Start your background check (https://apply.example/inv_1).')
    expect(email.text).toContain('This invitation expires on March 3, 2026.')
    expect(hrefs(email.html)).toContain('https://apply.example/inv_1')
  })

  it('omits the expiry sentence without a date', () => {
    expect(checkInvitedEmail({ branding, invitationUrl: 'https://apply.example/inv_1' }).text).not.toContain('expires')
  })
})

describe('expiry_reminder', () => {
  it('gives the expiry date in the subject and body, and the re-check link', () => {
    const email = expiryReminderEmail({ branding, expiresAt: MARCH_3 })
    expect(email.subject).toBe('Your Acme Tutors background check expires on March 3, 2026')
    expect(email.text).toContain('expires on March 3, 2026.')
    expect(email.text).toContain('start a new background check (https://acme.test/bgc/recheck) before then.')
  })

  it('sends the worker to the status page when the host has no re-check page', () => {
    const email = expiryReminderEmail({ branding: noRecheck, expiresAt: MARCH_3 })
    expect(email.text).toContain('start a new background check from your status page (https://acme.test/bgc/status) before then.')
    expect(hrefs(email.html)).not.toContain('https://acme.test/bgc/recheck')
  })
})

describe('check_expired', () => {
  it('gives the expiry date and how to re-check', () => {
    const email = checkExpiredEmail({ branding, expiredAt: MARCH_3 })
    expect(email.subject).toBe('Your Acme Tutors background check has expired')
    expect(email.text).toContain('expired on March 3, 2026.')
    expect(email.text).toContain('To get one, start a new background check (https://acme.test/bgc/recheck).')
  })

  it('leaves the date out when it is not known', () => {
    const email = checkExpiredEmail({ branding })
    expect(email.text).toContain('Your background check for Acme Tutors has expired.')
    expect(email.text).not.toMatch(/expired on|2026/)
  })

  it('sends the worker to the status page when the host has no re-check page', () => {
    expect(checkExpiredEmail({ branding: noRecheck, expiredAt: MARCH_3 }).text).toContain(
      'To get one, start a new background check from your status page (https://acme.test/bgc/status).',
    )
  })
})
