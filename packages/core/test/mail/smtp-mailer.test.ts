import { simpleParser } from 'mailparser'
import { createTransport } from 'nodemailer'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../src/errors'
import { MailError } from '../../src/mail/mail-error'
import { smtpMailer, type SmtpMailer } from '../../src/mail/smtp/smtp-mailer'
import type { EmailMessage } from '../../src/ports/mailer'
import { closedPort, silentServer, startSmtpFixture, type SmtpFixture } from './smtp-fixture'

const message: EmailMessage = {
  to: 'Jane Doe <jane@worker.test>',
  from: '"Acme Tutors, Trust & Safety" <trust@acme.test>',
  replyTo: 'help@acme.test',
  subject: 'Your Acme Tutors background check needs review — ünïcode',
  text: 'Plain text part.\nSecond line.\n',
  html: '<p>HTML part &amp; more</p>',
  headers: { 'X-Vetkit-Email': 'check_under_review', 'X-Entity-Ref-ID': 'chk_123' },
}

async function sendError(mailer: SmtpMailer, msg: EmailMessage = message): Promise<MailError> {
  const error: unknown = await mailer.send(msg).then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(MailError)
  return error as MailError
}

describe('smtpMailer against a real SMTP server', () => {
  let server: SmtpFixture
  let mailer: SmtpMailer

  beforeEach(async () => {
    server = await startSmtpFixture()
    mailer = smtpMailer({ host: '127.0.0.1', port: server.port })
  })
  afterEach(async () => {
    mailer.close()
    await server.close()
  })

  it('delivers the envelope, subject, both parts, reply-to and custom headers', async () => {
    const result = await mailer.send(message)

    expect(server.received).toHaveLength(1)
    const [delivery] = server.received
    expect(delivery!.mailFrom).toBe('trust@acme.test')
    expect(delivery!.rcptTo).toEqual(['jane@worker.test'])

    const parsed = await simpleParser(delivery!.raw)
    expect(parsed.subject).toBe(message.subject)
    expect(parsed.text).toBe(message.text)
    expect(parsed.html).toBe(message.html)
    expect(parsed.from?.value).toEqual([{ name: 'Acme Tutors, Trust & Safety', address: 'trust@acme.test' }])
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : null).toEqual([{ name: 'Jane Doe', address: 'jane@worker.test' }])
    expect(parsed.replyTo?.value).toEqual([{ name: '', address: 'help@acme.test' }])
    expect(parsed.headers.get('x-vetkit-email')).toBe('check_under_review')
    expect(parsed.headers.get('x-entity-ref-id')).toBe('chk_123')
    expect(result.messageId).toMatch(/^<.+@.+>$/)
    expect(parsed.messageId).toBe(result.messageId)
  })

  it('reuses pooled connections and delivers every message', async () => {
    const pooled = smtpMailer({ host: '127.0.0.1', port: server.port, pool: { maxConnections: 1 } })
    try {
      await Promise.all([1, 2, 3].map((n) => pooled.send({ ...message, subject: `message ${n}` })))
    } finally {
      pooled.close()
    }
    const subjects = await Promise.all(server.received.map(async (m) => (await simpleParser(m.raw)).subject))
    expect(subjects.sort()).toEqual(['message 1', 'message 2', 'message 3'])
  })

  it('verify() succeeds against a live server', async () => {
    await expect(mailer.verify()).resolves.toBeUndefined()
  })

  it('treats a 451 reply as retryable', async () => {
    server.reject({ stage: 'rcpt', responseCode: 451, message: '4.7.1 Try again later' })
    const error = await sendError(mailer)
    expect(error.code).toBe('mail_failed')
    expect(error.retryable).toBe(true)
    expect(error.responseCode).toBe(451)
    expect(server.received).toHaveLength(0)
  })

  it('treats a 550 reply as permanent, without quoting the reply text', async () => {
    server.reject({ stage: 'rcpt', responseCode: 550, message: '5.1.1 <jane@worker.test>: Recipient address rejected' })
    const error = await sendError(mailer)
    expect(error.retryable).toBe(false)
    expect(error.responseCode).toBe(550)
    expect(error.message).toContain('550 5.1.1')
    expect(error.message).not.toContain('jane@worker.test')
  })

  it('classifies a rejection after DATA the same way', async () => {
    server.reject({ stage: 'data', responseCode: 452, message: '4.3.1 Insufficient system storage' })
    expect((await sendError(mailer)).retryable).toBe(true)
    server.reject({ stage: 'data', responseCode: 554, message: '5.7.1 Message rejected as spam' })
    expect((await sendError(mailer)).retryable).toBe(false)
  })

  it('recovers once the server accepts again', async () => {
    server.reject({ stage: 'rcpt', responseCode: 451, message: 'greylisted' })
    await sendError(mailer)
    server.reject(null)
    await mailer.send(message)
    expect(server.received).toHaveLength(1)
  })

  it('refuses a header injection before connecting', async () => {
    const error = await sendError(mailer, { ...message, subject: 'Hi\r\nBcc: victim@evil.test' })
    expect(error.retryable).toBe(false)
    expect(error.field).toBe('subject')
    expect(server.received).toHaveLength(0)
  })
})

describe('smtpMailer authentication', () => {
  it('sends with the right credentials and fails permanently with wrong ones', async () => {
    const server = await startSmtpFixture({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'vetkit' && auth.password === 's3cret') return callback(null, { user: 'vetkit' })
        return callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }))
      },
    })
    try {
      const good = smtpMailer({ host: '127.0.0.1', port: server.port, auth: { user: 'vetkit', pass: 's3cret' } })
      await good.send(message)
      expect(server.received).toHaveLength(1)

      const bad = smtpMailer({ host: '127.0.0.1', port: server.port, auth: { user: 'vetkit', pass: 'wrong' } })
      const error = await sendError(bad)
      expect(error.retryable).toBe(false)
      expect(error.responseCode).toBe(535)
      expect(server.received).toHaveLength(1)
    } finally {
      await server.close()
    }
  })
})

describe('smtpMailer connection failures', () => {
  it('treats a refused connection as retryable', async () => {
    const mailer = smtpMailer({ host: '127.0.0.1', port: await closedPort() })
    const error = await sendError(mailer)
    expect(error.retryable).toBe(true)
    expect(error.responseCode).toBeUndefined()
    await expect(mailer.verify()).rejects.toMatchObject({ code: 'mail_failed', retryable: true })
  })

  it('treats a server that never greets as retryable once the greeting times out', async () => {
    const silent = await silentServer()
    try {
      const mailer = smtpMailer({ host: '127.0.0.1', port: silent.port, greetingTimeoutMs: 200 })
      const error = await sendError(mailer)
      expect(error.retryable).toBe(true)
      expect(error.message).toContain('ETIMEDOUT')
    } finally {
      await silent.close()
    }
  })
})

describe('smtpMailer options', () => {
  it('accepts a nodemailer transporter the host built', async () => {
    const server = await startSmtpFixture()
    const transport = createTransport({ host: '127.0.0.1', port: server.port, secure: false })
    try {
      await smtpMailer({ transport }).send(message)
      expect(server.received).toHaveLength(1)
    } finally {
      transport.close()
      await server.close()
    }
  })

  it.each([
    [{ host: '', port: 25 }, 'smtp.host'],
    [{ host: 'mail.test', port: 70_000 }, 'smtp.port'],
    [{ host: 'mail.test', port: 587, auth: { user: 'u', pass: '' } }, 'smtp.auth.pass'],
    [{ host: 'mail.test', port: 587, tlsOptions: {} }, 'smtp.tlsOptions'],
  ])('names the bad setting: %j', (options, field) => {
    let error: unknown
    try {
      smtpMailer(options as never)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as ConfigurationError).field).toBe(field)
  })
})
