import { describe, expect, it } from 'vitest'
import { classifySmtpError } from '../../src/mail/smtp/classify-error'

const error = (fields: Record<string, unknown>) => Object.assign(new Error('boom'), fields)

describe('classifySmtpError', () => {
  it.each([
    [{ responseCode: 421, code: 'EPROTOCOL' }, true],
    [{ responseCode: 450, code: 'EENVELOPE' }, true],
    [{ responseCode: 452, code: 'EMESSAGE' }, true],
    [{ responseCode: 500, code: 'ECONNECTION' }, false],
    [{ responseCode: 535, code: 'EAUTH' }, false],
    [{ responseCode: 554, code: 'EMESSAGE' }, false],
    [{ code: 'ECONNECTION' }, true],
    [{ code: 'ETIMEDOUT' }, true],
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: 'EDNS' }, true],
    [{ code: 'EAUTH' }, false],
    [{ code: 'ENOAUTH' }, false],
    [{ code: 'EENVELOPE' }, false],
    [{ code: 'ETLS' }, false],
    [{ code: 'SOMETHING_NEW' }, true],
    [{}, true],
  ])('%j -> retryable %s', (fields: { responseCode?: number; code?: string }, retryable) => {
    const mailError = classifySmtpError(error(fields))
    expect(mailError.code).toBe('mail_failed')
    expect(mailError.retryable).toBe(retryable)
    expect(mailError.responseCode).toBe(fields.responseCode)
  })

  it('keeps the cause and the enhanced status, but not the reply text or command arguments', () => {
    const cause = error({
      responseCode: 550,
      code: 'EENVELOPE',
      command: 'RCPT TO:<jane@worker.test>',
      response: '550 5.1.1 <jane@worker.test>: Recipient address rejected',
    })
    const mailError = classifySmtpError(cause)
    expect(mailError.cause).toBe(cause)
    expect(mailError.message).toContain('550 5.1.1')
    expect(mailError.message).toContain('after RCPT TO')
    expect(mailError.message).not.toContain('jane')
  })

  it('copes with a thrown non-error', () => {
    expect(classifySmtpError('socket hang up').retryable).toBe(true)
    expect(classifySmtpError(null).retryable).toBe(true)
  })
})
