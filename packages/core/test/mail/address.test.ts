import { describe, expect, it } from 'vitest'
import { formatMailbox } from '../../src/mail/address'

describe('formatMailbox', () => {
  it('quotes the display name so a comma cannot split the address', () => {
    expect(formatMailbox({ name: 'Acme, Trust & Safety', address: 'trust@acme.test' })).toBe('"Acme, Trust & Safety" <trust@acme.test>')
  })

  it('escapes quotes and backslashes in the name', () => {
    expect(formatMailbox({ name: 'The "Safe" \\ Team', address: 'trust@acme.test' })).toBe('"The \\"Safe\\" \\\\ Team" <trust@acme.test>')
  })

  it('returns the bare address without a name', () => {
    expect(formatMailbox({ address: 'trust@acme.test' })).toBe('trust@acme.test')
    expect(formatMailbox({ name: '  ', address: 'trust@acme.test' })).toBe('trust@acme.test')
  })

  it.each([
    [{ name: 'x', address: 'not an address' }, 'address'],
    [{ name: 'x', address: 'a@b.test>, evil@x.test' }, 'address'],
    [{ name: 'Line\r\nBcc: evil@x.test', address: 'trust@acme.test' }, 'name'],
  ])('rejects %j', (mailbox, field) => {
    expect(() => formatMailbox(mailbox)).toThrow(expect.objectContaining({ code: 'invalid_argument', field }))
  })
})
