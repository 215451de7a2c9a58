/**
 * Every error vetkit throws on purpose is a `VetkitError` with a stable, machine-readable `code`.
 * Hosts branch on `code` (never on `message`), and the HTTP layer maps codes to status codes.
 */
export class VetkitError extends Error {
  readonly code: string
  /** The input field or setting at fault, when there is one. */
  readonly field: string | undefined

  constructor(code: string, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.field = options.field
  }
}

/** A setting is missing or invalid. Thrown at start-up, and the message names the setting. */
export class ConfigurationError extends VetkitError {
  constructor(setting: string, message: string, options: { cause?: unknown } = {}) {
    super('configuration_error', `${setting}: ${message}`, { field: setting, ...options })
  }
}
