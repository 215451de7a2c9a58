/**
 * The mailer port: how vetkit hands a finished email to the host's delivery channel.
 * `smtpMailer` (`@vetkit/core/smtp`) sends over SMTP; `memoryMailer` keeps messages for tests.
 *
 * Failures throw a `MailError` (code `mail_failed`) whose `retryable` tells the job queue whether
 * to try again (timeouts, 4xx replies) or dead-letter the job (5xx replies, bad messages).
 */
export interface Mailer {
  send(message: EmailMessage): Promise<SendResult>
}

export interface EmailMessage {
  /** One recipient: every vetkit email is personal, so there is never a list. */
  to: string
  /** A mailbox such as `"Acme Trust & Safety" <trust@acme.test>`; see `formatMailbox`. */
  from: string
  replyTo?: string
  subject: string
  text: string
  html: string
  /** Extra headers, e.g. a tag for the host's mail analytics. No CR or LF in names or values. */
  headers?: Record<string, string>
}

export interface SendResult {
  /** The Message-ID the transport assigned, when it reports one. */
  messageId: string | null
}
