import type { LogFields, Logger } from '../ports/logger'

type Level = 'info' | 'warn' | 'error'

/**
 * vetkit's default logger outside tests: warnings and errors go to stderr, one line each (an
 * error's stack on the lines after it), so a 500 is never silent. Info is dropped: pass a logger
 * to keep it.
 */
export function stderrLogger(write: (text: string) => void = (text) => process.stderr.write(text)): Logger {
  const line = (level: Level, message: string, fields?: LogFields) => {
    const { err, ...rest } = fields ?? {}
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : ''
    const stack = stackOf(err)
    write(`vetkit ${level}: ${message}${extra}${stack ? `\n${stack}` : ''}\n`)
  }
  return {
    info: () => undefined,
    warn: (message, fields) => line('warn', message, fields),
    error: (message, fields) => line('error', message, fields),
  }
}

function stackOf(err: unknown): string {
  const parts: string[] = []
  let current = err as { stack?: unknown; message?: unknown; cause?: unknown } | undefined
  for (let depth = 0; current && depth < 4; depth++) {
    const text = typeof current.stack === 'string' ? current.stack : typeof current.message === 'string' ? current.message : ''
    if (text) parts.push(depth === 0 ? text : `caused by: ${text}`)
    current = current.cause as typeof current
  }
  return parts.map((p) => p.replace(/^/gm, '    ')).join('\n')
}
