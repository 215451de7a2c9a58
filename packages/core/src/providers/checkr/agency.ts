import type { AgencyContact } from '../../ports/provider'

/**
 * Checkr's public contact details for candidates (help.checkr.com, "Something on my background
 * check report is wrong"): the consumer reporting agency every notice names, unless the host's
 * branding names another.
 */
export const CHECKR_AGENCY: Readonly<AgencyContact> = Object.freeze({
  name: 'Checkr, Inc.',
  address: '1 Montgomery Street, Suite 2400, San Francisco, CA 94104',
  phone: '1-844-824-3257',
  website: 'https://candidate.checkr.com',
})
