import { CHECKR_AGENCY } from '../../src/providers/checkr/agency'
import { describe, expect, it } from 'vitest'
import { resolveMailBranding } from '../../src/mail/branding'
import { ConfigurationError, VetkitError } from '../../src/errors'
import { brandingInput } from './email-fixtures'

describe('resolveMailBranding', () => {
  it("fills the sender profile, the provider's agency, and UTC", () => {
    expect(resolveMailBranding(brandingInput, CHECKR_AGENCY)).toEqual({
      ...brandingInput,
      senderName: 'Trust & Safety',
      cra: CHECKR_AGENCY,
      timeZone: 'UTC',
    })
  })

  it("names the host's agency when it gives one, and refuses to render notices naming none", () => {
    const other = { name: 'Other CRA', address: '1 Main St', phone: '555-0100', website: 'https://cra.test' }
    expect(resolveMailBranding({ ...brandingInput, cra: other }, CHECKR_AGENCY).cra).toEqual(other)
    expect(() => resolveMailBranding(brandingInput)).toThrow(/^branding\.cra: is required/)
  })

  it('keeps the host values', () => {
    const resolved = resolveMailBranding({ ...brandingInput, senderName: 'Safety Team', timeZone: 'America/Denver' }, CHECKR_AGENCY)
    expect(resolved.senderName).toBe('Safety Team')
    expect(resolved.timeZone).toBe('America/Denver')
  })

  it.each([
    [{ productName: '' }, 'branding.productName'],
    [{ productName: 'Acme\nBcc: x@evil.test' }, 'branding.productName'],
    [{ supportEmail: 'not-an-email' }, 'branding.supportEmail'],
    [{ links: { status: 'javascript:alert(1)' } }, 'branding.links.status'],
    [{ links: { status: '/relative/path' } }, 'branding.links.status'],
    [{ links: { status: 'https://acme.test', recheck: 'ftp://acme.test/x' } }, 'branding.links.recheck'],
    [{ links: { status: 'https://acme.test', disput: 'https://acme.test/d' } }, 'branding.links.disput'],
    [{ timeZone: 'Mars/Olympus' }, 'branding.timeZone'],
    [{ cra: { name: 'X', address: 'Y', website: 'https://x.test' } }, 'branding.cra.phone'],
    [{ colour: 'red' }, 'branding.colour'],
  ])('names the bad setting: %j', (change, field) => {
    let error: unknown
    try {
      resolveMailBranding({ ...brandingInput, ...change } as never, CHECKR_AGENCY)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error).toBeInstanceOf(VetkitError)
    expect((error as ConfigurationError).field).toBe(field)
    expect((error as ConfigurationError).message.startsWith(`${field}: `)).toBe(true)
  })
})
