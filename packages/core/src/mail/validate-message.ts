import type { EmailMessage } from '../ports/mailer'
import { MailError } from './mail-error'

// RFC 5322 field names: printable ASCII except the colon.
const HEADER_NAME = /^[!-9;-~]+$/
const LINE_BREAK = /[\r\n]/

/**
 * Rejects a message no transport could send safely, before anything goes over the wire. A CR or LF
 * in a header would let a value inject further headers, so it is an error, never stripped.
 * Every mailer runs this, so a test on `memoryMailer` fails where SMTP would.
 */
export function assertSendable(message: EmailMessage): void {
  const singleLine: [keyof EmailMessage, string | undefined][] = [
    ['to', message.to],
    ['from', message.from],
    ['replyTo', message.replyTo],
    ['subject', message.subject],
  ]
  for (const [field, value] of singleLine) {
    if (value !== undefined && LINE_BREAK.test(value)) reject(field, `${field} must be a single line`)
  }
  for (const field of ['to', 'from'] as const) {
    if (message[field].trim() === '') reject(field, `${field} is required`)
  }
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!HEADER_NAME.test(name)) reject('headers', `header name ${JSON.stringify(name)} is not a valid field name`)
    if (LINE_BREAK.test(value)) reject('headers', `header ${name} must be a single line`)
  }
}

function reject(field: string, message: string): never {
  throw new MailError(`cannot send: ${message}`, { retryable: false, field })
}
