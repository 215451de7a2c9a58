import { describe, expect, it } from 'vitest'
import { MailError, isMailError } from '../../src/mail/mail-error'
import { memoryMailer } from '../../src/mail/memory-mailer'
import type { EmailMessage } from '../../src/ports/mailer'

const message = (subject: string): EmailMessage => ({
  to: 'jane@worker.test',
  from: 'trust@acme.test',
  subject,
  text: 'text',
  html: '<p>html</p>',
  headers: { 'X-Vetkit-Email': 'check_expired' },
})

describe('memoryMailer', () => {
  it('keeps sent messages in order with distinct message ids', async () => {
    const mailer = memoryMailer()
    const first = await mailer.send(message('one'))
    const second = await mailer.send(message('two'))
    expect(mailer.sent.map((sent) => sent.message.subject)).toEqual(['one', 'two'])
    expect(mailer.sent.map((sent) => sent.messageId)).toEqual([first.messageId, second.messageId])
    expect(first.messageId).not.toBe(second.messageId)
  })

  it('stores a copy, so later changes to the caller object do not rewrite history', async () => {
    const mailer = memoryMailer()
    const original = message('one')
    await mailer.send(original)
    original.subject = 'changed'
    original.headers!['X-Vetkit-Email'] = 'changed'
    expect(mailer.sent[0]!.message.subject).toBe('one')
    expect(mailer.sent[0]!.message.headers).toEqual({ 'X-Vetkit-Email': 'check_expired' })
  })

  it('fails the next N sends with a retryable MailError, then delivers again', async () => {
    const mailer = memoryMailer()
    mailer.failNext(2)
    for (const attempt of [1, 2]) {
      const error = await mailer.send(message(`try ${attempt}`)).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(MailError)
      expect(error).toMatchObject({ code: 'mail_failed', retryable: true })
    }
    await mailer.send(message('try 3'))
    expect(mailer.sent.map((sent) => sent.message.subject)).toEqual(['try 3'])
  })

  it('can simulate a permanent failure with a reply code', async () => {
    const mailer = memoryMailer()
    mailer.failNext(1, { retryable: false, responseCode: 550 })
    await expect(mailer.send(message('x'))).rejects.toMatchObject({ retryable: false, responseCode: 550 })
  })

  it('validates messages as the SMTP mailer does, and rejects rather than throwing synchronously', async () => {
    const mailer = memoryMailer()
    const pending = mailer.send({ ...message('x'), headers: { 'X-Tag': 'a\nBcc: someone@evil.test' } })
    await expect(pending).rejects.toMatchObject({ code: 'mail_failed', retryable: false, field: 'headers' })
    expect(mailer.sent).toHaveLength(0)
  })

  it('clear() forgets sent messages and pending failures', async () => {
    const mailer = memoryMailer()
    await mailer.send(message('x'))
    mailer.failNext(3)
    mailer.clear()
    expect(mailer.sent).toHaveLength(0)
    await mailer.send(message('y'))
    expect(mailer.sent).toHaveLength(1)
  })

  it('rejects a nonsensical failure count', () => {
    expect(() => memoryMailer().failNext(-1)).toThrow(RangeError)
    expect(() => memoryMailer().failNext(1.5)).toThrow(RangeError)
  })
})

describe('isMailError', () => {
  it('recognises a MailError, also a structurally identical one from another copy of vetkit', () => {
    expect(isMailError(new MailError('x', { retryable: true }))).toBe(true)
    expect(isMailError(Object.assign(new Error('x'), { code: 'mail_failed', retryable: false }))).toBe(true)
    expect(isMailError(Object.assign(new Error('x'), { code: 'mail_failed' }))).toBe(false)
    expect(isMailError(Object.assign(new Error('x'), { code: 'other', retryable: true }))).toBe(false)
    expect(isMailError({ code: 'mail_failed', retryable: true })).toBe(false)
  })
})
