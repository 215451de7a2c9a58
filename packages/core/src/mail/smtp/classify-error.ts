import { MailError } from '../mail-error'

// Failures no retry can fix: a bad message, bad credentials, a TLS set-up the server will not meet.
const PERMANENT = new Set([
  'EENVELOPE', 'EMESSAGE', 'ECONFIG', 'EAUTH', 'ENOAUTH', 'EOAUTH2', 'ETLS', 'EREQUIRETLS',
  'EMAXRECIPIENTS', 'ESTREAM', 'EFILEACCESS', 'EURLACCESS',
])

/**
 * Turns a nodemailer error into a `MailError`. An SMTP reply code decides first (4xx transient,
 * 5xx permanent, RFC 5321 §4.2.1), then nodemailer's error code. Connection failures (ECONNECTION,
 * ETIMEDOUT, ECONNREFUSED, ...) and anything unrecognised count as transient: a dropped legal
 * notice is worse than a few extra attempts, and the job queue caps those.
 * The server's reply text stays out of the message (it often quotes the recipient's address);
 * only the reply code and the enhanced status code (e.g. 5.1.1) are kept. `cause` has the rest.
 */
export function classifySmtpError(error: unknown): MailError {
  const { code, responseCode, command, enhancedStatus } = readDetails(error)
  const retryable =
    responseCode !== undefined && responseCode >= 400 && responseCode < 600
      ? responseCode < 500
      : !(code !== undefined && PERMANENT.has(code))
  const parts = [
    responseCode === undefined ? undefined : `SMTP ${responseCode}${enhancedStatus ? ` ${enhancedStatus}` : ''}`,
    command && `after ${command}`,
    code,
  ].filter((part): part is string => Boolean(part))
  const summary = parts.length > 0 ? ` (${parts.join(', ')})` : ''
  return new MailError(`SMTP delivery failed${summary}; ${retryable ? 'may succeed on retry' : 'will not succeed on retry'}`, {
    retryable,
    ...(responseCode === undefined ? {} : { responseCode }),
    cause: error,
  })
}

interface ErrorDetails {
  code?: string | undefined
  responseCode?: number | undefined
  command?: string | undefined
  enhancedStatus?: string | undefined
}

function readDetails(error: unknown): ErrorDetails {
  if (typeof error !== 'object' || error === null) return {}
  const record = error as Record<string, unknown>
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  return {
    code: text(record.code),
    responseCode: typeof record.responseCode === 'number' ? record.responseCode : undefined,
    // Only the verb ("RCPT TO"), never an argument, which could be an address.
    command: /^[A-Z]+(?: [A-Z]+)?/.exec(text(record.command) ?? '')?.[0],
    enhancedStatus: /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text(record.response) ?? '')?.[1],
  }
}
