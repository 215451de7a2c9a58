import { createServer, type Server, type Socket } from 'node:net'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'

export interface ReceivedMessage {
  mailFrom: string | null
  rcptTo: string[]
  raw: string
}

/** A rejection the fixture replies with at a given SMTP stage. */
export interface Rejection {
  stage: 'rcpt' | 'data'
  responseCode: number
  message: string
}

export interface SmtpFixture {
  port: number
  received: ReceivedMessage[]
  /** Replies to the next sends with this error, until cleared with `null`. */
  reject(rejection: Rejection | null): void
  close(): Promise<void>
}

function smtpError(rejection: Rejection): Error {
  return Object.assign(new Error(rejection.message), { responseCode: rejection.responseCode })
}

/** A real SMTP server on loopback, on a free port, keeping each message's raw bytes. */
export async function startSmtpFixture(options: Partial<SMTPServerOptions> = {}): Promise<SmtpFixture> {
  const received: ReceivedMessage[] = []
  let rejection: Rejection | null = null
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    ...options,
    onRcptTo(_address, _session, callback) {
      callback(rejection?.stage === 'rcpt' ? smtpError(rejection) : null)
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (rejection?.stage === 'data') return callback(smtpError(rejection))
        const mailFrom = session.envelope.mailFrom
        received.push({
          mailFrom: mailFrom ? mailFrom.address : null,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback(null)
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.server.address()
  if (address === null || typeof address === 'string') throw new Error('SMTP fixture: no TCP address')
  return {
    port: address.port,
    received,
    reject(next) {
      rejection = next
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A port with nothing listening: a connection to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return address.port
}

/** A TCP server that accepts connections and never says a word: for greeting timeouts. */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => sockets.add(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
