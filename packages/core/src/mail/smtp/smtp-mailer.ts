import { createTransport } from 'nodemailer'
import { z } from 'zod'
import { ConfigurationError } from '../../errors'
import type { EmailMessage, Mailer, SendResult } from '../../ports/mailer'
import { assertSendable } from '../validate-message'
import { classifySmtpError } from './classify-error'
import { fieldPath, firstIssue } from '../../support/zod-issue'

/**
 * What the SMTP mailer needs from a transport. A nodemailer `Transporter` fits; declaring it here
 * keeps nodemailer's types (and their `any`) out of vetkit's public types.
 */
export interface MailTransport {
  sendMail(mail: TransportMail): Promise<{ messageId?: string | undefined }>
  verify?(): Promise<unknown>
  close?(): void
}

export interface TransportMail {
  from: string
  to: string
  replyTo?: string
  subject: string
  text: string
  html: string
  headers?: Record<string, string>
}

export interface SmtpServerOptions {
  host: string
  port: number
  /** Implicit TLS from the first byte (usually port 465). Otherwise STARTTLS is used when offered. */
  secure?: boolean
  /** Refuse to send unless STARTTLS succeeds (usually port 587). */
  requireTLS?: boolean
  auth?: { user: string; pass: string }
  /** Reuse connections across sends. `true` means nodemailer's defaults (5 connections, 100 messages each). */
  pool?: boolean | { maxConnections?: number; maxMessages?: number }
  /** Hostname announced in EHLO; defaults to this machine's name. */
  name?: string
  connectionTimeoutMs?: number
  greetingTimeoutMs?: number
  socketTimeoutMs?: number
  tls?: { rejectUnauthorized?: boolean; servername?: string }
}

export type SmtpMailerOptions = SmtpServerOptions | { transport: MailTransport }

export interface SmtpMailer extends Mailer {
  /** Connects and authenticates without sending: a start-up or health check. */
  verify(): Promise<void>
  /** Closes pooled connections. */
  close(): void
}

const timeout = z.number().int().positive().max(10 * 60_000).optional()
const serverSchema = z
  .object({
    host: z.string().trim().min(1),
    port: z.number().int().min(1).max(65_535),
    secure: z.boolean().optional(),
    requireTLS: z.boolean().optional(),
    auth: z.object({ user: z.string().min(1), pass: z.string().min(1) }).strict().optional(),
    pool: z
      .union([
        z.boolean(),
        z
          .object({ maxConnections: z.number().int().positive().optional(), maxMessages: z.number().int().positive().optional() })
          .strict(),
      ])
      .optional(),
    name: z.string().min(1).optional(),
    connectionTimeoutMs: timeout,
    greetingTimeoutMs: timeout,
    socketTimeoutMs: timeout,
    tls: z.object({ rejectUnauthorized: z.boolean().optional(), servername: z.string().optional() }).strict().optional(),
  })
  .strict()

/** Sends vetkit's emails over SMTP with nodemailer, or through a transport the host built. */
export function smtpMailer(options: SmtpMailerOptions): SmtpMailer {
  const transport = 'transport' in options ? options.transport : createSmtpTransport(options)

  return {
    async send(message: EmailMessage): Promise<SendResult> {
      assertSendable(message)
      let info: { messageId?: string | undefined }
      try {
        info = await transport.sendMail(toTransportMail(message))
      } catch (error) {
        throw classifySmtpError(error)
      }
      return { messageId: info.messageId ?? null }
    },
    async verify() {
      try {
        await transport.verify?.()
      } catch (error) {
        throw classifySmtpError(error)
      }
    },
    close() {
      transport.close?.()
    },
  }
}

function toTransportMail(message: EmailMessage): TransportMail {
  // Only the port's fields cross over: nothing that would let nodemailer read a file or a URL.
  return {
    from: message.from,
    to: message.to,
    ...(message.replyTo === undefined ? {} : { replyTo: message.replyTo }),
    subject: message.subject,
    text: message.text,
    html: message.html,
    ...(message.headers === undefined ? {} : { headers: { ...message.headers } }),
  }
}

function createSmtpTransport(input: SmtpServerOptions): MailTransport {
  const parsed = serverSchema.safeParse(input)
  if (!parsed.success) {
    const issue = firstIssue(parsed.error, 'invalid SMTP settings')
    throw new ConfigurationError(fieldPath(['smtp', ...issue.path]), issue.message)
  }
  const { host, port, secure, requireTLS, auth, pool, name, connectionTimeoutMs, greetingTimeoutMs, socketTimeoutMs, tls } = parsed.data
  const common = {
    host,
    port,
    secure: secure ?? port === 465,
    ...(requireTLS === undefined ? {} : { requireTLS }),
    ...(auth === undefined ? {} : { auth }),
    ...(name === undefined ? {} : { name }),
    ...(connectionTimeoutMs === undefined ? {} : { connectionTimeout: connectionTimeoutMs }),
    ...(greetingTimeoutMs === undefined ? {} : { greetingTimeout: greetingTimeoutMs }),
    ...(socketTimeoutMs === undefined ? {} : { socketTimeout: socketTimeoutMs }),
    ...(tls === undefined ? {} : { tls }),
    // vetkit never attaches files or remote content; refuse them outright.
    disableFileAccess: true,
    disableUrlAccess: true,
  }
  if (pool === undefined || pool === false) return createTransport(common)
  return createTransport({ ...common, pool: true, ...(pool === true ? {} : pool) })
}
