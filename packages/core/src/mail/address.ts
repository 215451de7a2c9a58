import { VetkitError } from '../errors'

/**
 * Formats a mailbox for `from` or `replyTo`: `"Acme, Trust & Safety" <trust@acme.test>`. The display
 * name is always quoted, since an unquoted comma would split it into two addresses.
 */
export function formatMailbox(mailbox: { name?: string; address: string }): string {
  const { name, address } = mailbox
  if (!/^[^\s@<>",;]+@[^\s@<>",;]+$/.test(address)) {
    throw new VetkitError('invalid_argument', 'address must be a bare email address such as trust@example.com', { field: 'address' })
  }
  if (name === undefined || name.trim() === '') return address
  if (/[\r\n]/.test(name)) throw new VetkitError('invalid_argument', 'name must be a single line', { field: 'name' })
  return `"${name.trim().replace(/["\\]/g, '\\$&')}" <${address}>`
}
