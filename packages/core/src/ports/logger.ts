/**
 * The logging port. vetkit calls it with a short message and structured fields that carry ids,
 * codes and statuses, never emails, names or provider payloads.
 *
 * A host passes its own logger as it is: pino and bunyan (fields first), winston and `console`
 * (message first) are all recognised, see `resolveLogger`.
 */
export type LogFields = Record<string, unknown>

export interface Logger {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
