import type { LogFields, Logger } from '../ports/logger'
import { silentLogger } from '../ports/logger'
import { stderrLogger } from './stderr-logger'

type Level = 'info' | 'warn' | 'error'
type AnyLogFn = (...args: never[]) => unknown

/** The levels vetkit uses, as any logger has them: `(message, fields)` or `(fields, message)`. */
export type LoggerLike = Record<Level, AnyLogFn>

/**
 * Turns the host's logger into vetkit's `Logger`, whatever its argument order:
 * - pino and bunyan take the fields first (`logger.error({ code }, 'request failed')`); they are
 *   recognised by `bindings()` (pino) or `fields` and `streams` (bunyan);
 * - winston, `console` and vetkit's own interface take the message first.
 * A logger that throws never breaks the request it reports on.
 *
 * Without one: `stderrLogger()` (warnings and errors) except in the `test` environment.
 */
export function resolveLogger(input: LoggerLike | undefined, environment: string): Logger {
  if (input === undefined) return environment === 'test' ? silentLogger : stderrLogger()
  const fieldsFirst = isFieldsFirst(input)
  const call = (level: Level) => (message: string, fields?: LogFields) => {
    const fn = input[level] as unknown as (...args: unknown[]) => unknown
    try {
      if (fieldsFirst) fn.call(input, fields ?? {}, message)
      else if (fields === undefined) fn.call(input, message)
      else fn.call(input, message, fields)
    } catch {
      // A broken logger must not turn a handled error into an unhandled one.
    }
  }
  return { info: call('info'), warn: call('warn'), error: call('error') }
}

function isFieldsFirst(logger: object): boolean {
  const candidate = logger as { bindings?: unknown; fields?: unknown; streams?: unknown }
  if (typeof candidate.bindings === 'function') return true
  return typeof candidate.fields === 'object' && candidate.fields !== null && Array.isArray(candidate.streams)
}
