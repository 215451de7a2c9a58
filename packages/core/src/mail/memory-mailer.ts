import type { EmailMessage, Mailer, SendResult } from '../ports/mailer'
import { MailError } from './mail-error'
import { assertSendable } from './validate-message'

export interface SentEmail {
  messageId: string
  message: EmailMessage
}

/** A mailer that keeps what it sends: for tests, demos and local development. */
export interface MemoryMailer extends Mailer {
  /** Delivered messages, oldest first. */
  readonly sent: readonly SentEmail[]
  /** Makes the next `count` sends throw a `MailError` (retryable unless told otherwise). */
  failNext(count?: number, options?: { retryable?: boolean; responseCode?: number }): void
  /** Forgets sent messages and pending failures. */
  clear(): void
}

export function memoryMailer(): MemoryMailer {
  const sent: SentEmail[] = []
  let failures = 0
  let failure: { retryable: boolean; responseCode?: number } = { retryable: true }
  let counter = 0

  return {
    get sent() {
      return sent
    },
    async send(message): Promise<SendResult> {
      // Same validation as the SMTP mailer: a malformed message fails here as it would in production.
      assertSendable(message)
      if (failures > 0) {
        failures -= 1
        throw new MailError('memory mailer: simulated send failure', failure)
      }
      counter += 1
      const messageId = `<memory-${counter}@vetkit.invalid>`
      // A copy, so a caller reusing its object cannot rewrite history.
      sent.push({ messageId, message: { ...message, ...(message.headers ? { headers: { ...message.headers } } : {}) } })
      return { messageId }
    },
    failNext(count = 1, options = {}) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError('failNext: count must be a non-negative integer')
      failures = count
      failure = { retryable: options.retryable ?? true, ...(options.responseCode === undefined ? {} : { responseCode: options.responseCode }) }
    },
    clear() {
      sent.length = 0
      failures = 0
    },
  }
}
