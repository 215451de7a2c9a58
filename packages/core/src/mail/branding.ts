import { IANAZone } from 'luxon'
import { z } from 'zod'
import { ConfigurationError } from '../errors'
import type { AgencyContact } from '../ports/provider'
import { agencySchema, singleLine, webUrl } from '../support/agency-schema'
import { firstIssue, settingPath } from '../support/zod-issue'

/** The CFPB's model form, "A Summary of Your Rights Under the Fair Credit Reporting Act". */
export const FCRA_SUMMARY_OF_RIGHTS_URL = 'https://files.consumerfinance.gov/f/documents/bcfp_consumer-rights-summary_2018-09.pdf'

// Everything here lands in a subject or a single line of text.
const line = singleLine

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
    /** The consumer reporting agency named in notices. Default: the provider's (`provider.agency`). */
    cra: agencySchema.optional(),
    /** IANA zone in which dates are written, e.g. `America/New_York`. */
    timeZone: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as America/New_York')
      .default('UTC'),
  })
  .strict()

export type MailBrandingInput = z.input<typeof mailBrandingSchema>
/** Branding as the templates read it: the agency is always named. */
export type MailBranding = Omit<z.output<typeof mailBrandingSchema>, 'cra'> & { cra: CraContact }
export type CraContact = AgencyContact

/**
 * Validates the host's branding at start-up; a bad value throws a `ConfigurationError` naming it.
 * The notices name `branding.cra`, else `agency` (the provider's, when the engine resolves it).
 */
export function resolveMailBranding(input: MailBrandingInput, agency?: AgencyContact): MailBranding {
  const parsed = mailBrandingSchema.safeParse(input)
  if (!parsed.success) {
    const issue = firstIssue(parsed.error, 'invalid branding')
    throw new ConfigurationError(settingPath('branding', issue.path), issue.message)
  }
  const cra = parsed.data.cra ?? (agency === undefined ? undefined : agencySchema.parse(agency))
  if (cra === undefined) throw new ConfigurationError('branding.cra', 'is required here: name the consumer reporting agency (e.g. CHECKR_AGENCY from @vetkit/core/checkr)')
  return { ...parsed.data, cra }
}
