import { describe, expect, it } from 'vitest'
import { MailError } from '../../src/mail/mail-error'
import { assertSendable } from '../../src/mail/validate-message'
import type { EmailMessage } from '../../src/ports/mailer'

const valid: EmailMessage = { to: 'jane@worker.test', from: 'trust@acme.test', subject: 's', text: 't', html: 'h' }

describe('assertSendable', () => {
  it('accepts a well-formed message', () => {
    expect(() => assertSendable({ ...valid, replyTo: 'help@acme.test', headers: { 'X-Tag': 'a b' } })).not.toThrow()
  })

  it.each([
    [{ subject: 'Hello\r\nBcc: victim@evil.test' }, 'subject'],
    [{ to: 'jane@worker.test\nBcc: victim@evil.test' }, 'to'],
    [{ from: 'a@b.test\r' }, 'from'],
    [{ replyTo: 'a@b.test\nX: y' }, 'replyTo'],
    [{ to: '  ' }, 'to'],
    [{ from: '' }, 'from'],
    [{ headers: { 'X-Tag': 'a\r\nBcc: victim@evil.test' } }, 'headers'],
    [{ headers: { 'Bad Name': 'x' } }, 'headers'],
    [{ headers: { 'X-Colon:': 'x' } }, 'headers'],
  ])('rejects %j naming the field, as a permanent failure', (change, field) => {
    let error: unknown
    try {
      assertSendable({ ...valid, ...change })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(MailError)
    expect(error).toMatchObject({ code: 'mail_failed', retryable: false, field })
  })
})
