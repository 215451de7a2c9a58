// @vetkit/core/smtp: the SMTP mailer. A separate entry so that nodemailer stays an optional peer
// dependency: hosts that send mail another way never load it.
export { smtpMailer } from './smtp-mailer'
export type { MailTransport, SmtpMailer, SmtpMailerOptions, SmtpServerOptions, TransportMail } from './smtp-mailer'
export { classifySmtpError } from './classify-error'
