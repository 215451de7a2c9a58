/** An error as log fields: name, code, message, stack and its chain of causes (three deep). */
export interface ErrorFields {
  name: string
  message: string
  code?: string
  stack?: string
  cause?: ErrorFields
}

const MAX_CAUSES = 3

/** knex prefixes a driver error's message with the statement, bindings filled in (`select ... - msg`). */
const KNEX_STATEMENT = /^\s*(?:select|insert|update|delete|with|create|alter|drop|lock|savepoint|release|rollback|begin|commit)\b[\s\S]* - /i

/**
 * Serialises an error for a log line. Driver errors keep only name, code, message and stack:
 * their `detail` and `parameters`, and the statement knex puts in front of the message, may hold
 * row values (emails, names), so they are left out.
 */
export function errorFields(error: unknown, depth = 0): ErrorFields {
  if (!(error instanceof Error)) return { name: 'NonError', message: String(error).slice(0, 500) }
  const message = error.message.replace(KNEX_STATEMENT, '')
  const fields: ErrorFields = { name: error.name, message }
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' || typeof code === 'number') fields.code = String(code)
  if (error.stack) fields.stack = message === error.message ? error.stack : error.stack.replace(error.message, message)
  if (error.cause !== undefined && depth < MAX_CAUSES) fields.cause = errorFields(error.cause, depth + 1)
  return fields
}
