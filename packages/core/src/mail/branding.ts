import { IANAZone } from 'luxon'
import { z } from 'zod'
import { ConfigurationError } from '../errors'
import { firstIssue, settingPath } from '../support/zod-issue'

/** The CFPB's model form, "A Summary of Your Rights Under the Fair Credit Reporting Act". */
export const FCRA_SUMMARY_OF_RIGHTS_URL = 'https://files.consumerfinance.gov/f/documents/bcfp_consumer-rights-summary_2018-09.pdf'

/**
 * Checkr's public contact details for candidates (help.checkr.com, "Something on my background
 * check report is wrong"). The default consumer reporting agency in every notice.
 */
export const CHECKR_CRA_CONTACT = Object.freeze({
  name: 'Checkr, Inc.',
  address: '1 Montgomery Street, Suite 2400, San Francisco, CA 94104',
  phone: '1-844-824-3257',
  website: 'https://candidate.checkr.com',
})

// Everything here lands in a subject or a single line of text: no line breaks.
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\r\n]*$/, 'must be a single line')
// Only http(s): a `javascript:` link must never reach an href.
const webUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https URL' })

const craSchema = z
  .object({ name: line(200), address: line(300), phone: line(50), website: webUrl })
  .strict()

export const mailBrandingSchema = z
  .object({
    /** The marketplace's name, as workers know it. */
    productName: line(100),
    /** The team that signs the emails. */
    senderName: line(100).default('Trust & Safety'),
    supportEmail: z.email(),
    links: z
      .object({
        /** Where a worker sees the state of their check. */
        status: webUrl,
        /** Where a worker tells the marketplace they dispute a notice; falls back to the support address. */
        dispute: webUrl.optional(),
        /** Where a worker starts a re-check; falls back to the status page. */
        recheck: webUrl.optional(),
      })
      .strict(),
    /** The consumer reporting agency named in adverse-action notices. */
    cra: craSchema.default(CHECKR_CRA_CONTACT),
    /** IANA zone in which dates are written, e.g. `America/New_York`. */
    timeZone: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as America/New_York')
      .default('UTC'),
  })
  .strict()

export type MailBrandingInput = z.input<typeof mailBrandingSchema>
export type MailBranding = z.output<typeof mailBrandingSchema>
export type CraContact = z.output<typeof craSchema>

/** Validates the host's branding at start-up; a bad value throws a `ConfigurationError` naming it. */
export function resolveMailBranding(input: MailBrandingInput): MailBranding {
  const parsed = mailBrandingSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = firstIssue(parsed.error, 'invalid branding')
  throw new ConfigurationError(settingPath('branding', issue.path), issue.message)
}
