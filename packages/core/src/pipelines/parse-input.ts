import type { z } from 'zod'
import type { VetkitErrorCode } from '../error-codes'
import { VetkitError } from '../errors'
import { fieldPath, firstIssue } from '../support/zod-issue'

/** Bad input from a caller: the HTTP layer answers 4xx with `code` and the offending `field`. */
export class InputError extends VetkitError {
  constructor(code: VetkitErrorCode, message: string, field?: string) {
    super(code, message, field === undefined ? {} : { field })
  }
}

/** Validates external input, naming the first offending field (`invalid_input`). */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const issue = firstIssue(parsed.error, 'invalid input')
  const field = fieldPath(issue.path) || undefined
  throw new InputError('invalid_input', field ? `${field}: ${issue.message}` : issue.message, field)
}
