import type { CraContact, MailBranding } from '../branding'
import { FCRA_SUMMARY_OF_RIGHTS_URL } from '../branding'
import { type Block, type Inline, lines, paragraph } from '../document'
import { formatLongDate } from '../format-date'

/** Fields every template takes. Templates read only the fields they name, never spread `data`. */
export interface BaseEmailData {
  branding: MailBranding
  /** How to greet the worker; a neutral greeting when absent. */
  recipientName?: string
}

export function greeting(recipientName: string | undefined): Block {
  const name = recipientName?.trim()
  return paragraph(name ? `Hi ${name},` : 'Hello,')
}

export function signature(branding: MailBranding): Block {
  return lines([branding.senderName], [branding.productName], [{ email: branding.supportEmail }])
}

export function questions(branding: MailBranding): Block {
  return paragraph('Questions? Write to us at ', { email: branding.supportEmail }, '.')
}

export function statusLink(branding: MailBranding): Block {
  return paragraph('See the status of your check at any time on ', { link: branding.links.status, label: 'your status page' }, '.')
}

/** Points to the re-check page when the host has one, else to the status page (then not repeated). */
export function recheckPrompt(branding: MailBranding, lead: string, tail: string): Block[] {
  const { recheck, status } = branding.links
  return recheck
    ? [paragraph(lead, { link: recheck, label: 'start a new background check' }, tail), statusLink(branding)]
    : [paragraph(lead, 'start a new background check from ', { link: status, label: 'your status page' }, tail)]
}

/** The consumer reporting agency's name, address, phone and website, as FCRA notices require. */
export function craContact(cra: CraContact): Block {
  return lines([{ strong: cra.name }], [cra.address], [`Phone: ${cra.phone}`], ['Website: ', { link: cra.website }])
}

export function summaryOfRights(): Inline {
  return { link: FCRA_SUMMARY_OF_RIGHTS_URL, label: 'A Summary of Your Rights Under the Fair Credit Reporting Act' }
}

/** Host-supplied paragraphs, e.g. a state or city notice the federal text lacks. */
export function additionalNotices(notices: readonly string[] | undefined): Block[] {
  return (notices ?? []).map((notice) => paragraph(notice))
}

export const dateIn = (branding: MailBranding, date: Date): string => formatLongDate(date, branding.timeZone)
