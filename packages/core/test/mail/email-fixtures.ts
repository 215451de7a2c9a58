import { CHECKR_AGENCY } from '../../src/providers/checkr/agency'
import { type MailBranding, type MailBrandingInput, resolveMailBranding } from '../../src/mail/branding'
import type { EmailRequest } from '../../src/mail/render-email'

export const brandingInput: MailBrandingInput = {
  productName: 'Acme Tutors',
  supportEmail: 'help@acme.test',
  links: {
    status: 'https://acme.test/bgc/status',
    dispute: 'https://acme.test/bgc/dispute',
    recheck: 'https://acme.test/bgc/recheck',
  },
}

export const branding: MailBranding = resolveMailBranding(brandingInput, CHECKR_AGENCY)

/** A consumer reporting agency other than the default, to show no template hard-codes Checkr. */
export const otherCra = {
  name: 'Example Screening LLC',
  address: '500 Main St, Springfield, IL 62701',
  phone: '1-800-555-0199',
  website: 'https://screening.example',
}

// 15:30 UTC: the same calendar day in UTC and in US time zones.
export const MARCH_3 = new Date('2026-03-03T15:30:00Z')

/** One request of every kind, with every optional field filled. */
export function everyKind(b: MailBranding = branding): EmailRequest[] {
  return [
    { kind: 'check_invited', data: { branding: b, recipientName: 'Jane', invitationUrl: 'https://apply.example/inv_1', expiresAt: MARCH_3 } },
    { kind: 'check_under_review', data: { branding: b, recipientName: 'Jane' } },
    {
      kind: 'pre_adverse_notice',
      data: {
        branding: b,
        recipientName: 'Jane',
        finalDecisionNotBefore: MARCH_3,
        reportCopyUrl: 'https://reports.example/rep_1',
        reportItems: ['Item one'],
        additionalNotices: ['A local notice.'],
      },
    },
    { kind: 'final_adverse_notice', data: { branding: b, recipientName: 'Jane', decisionDate: MARCH_3, additionalNotices: ['A local notice.'] } },
    { kind: 'expiry_reminder', data: { branding: b, recipientName: 'Jane', expiresAt: MARCH_3 } },
    { kind: 'check_expired', data: { branding: b, recipientName: 'Jane', expiredAt: MARCH_3 } },
  ]
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" }

/** What a reader of the HTML part sees: the body without tags, entities decoded, spaces collapsed. */
export function visibleText(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? ''
  return body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    // A tag next to punctuation left a space before it.
    .replace(/ ([.,:;])/g, '$1')
    .trim()
}

/** Every href in the HTML part, entities decoded. */
export function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&'))
}

export const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()
