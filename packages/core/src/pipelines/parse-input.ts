import type { z } from 'zod'
import { InputError } from '../errors'
import { fieldPath, firstIssue } from '../support/zod-issue'

export { InputError } from '../errors'

/** Validates external input, naming the first offending field (`invalid_input`). */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const issue = firstIssue(parsed.error, 'invalid input')
  const field = fieldPath(issue.path) || undefined
  throw new InputError('invalid_input', field ? `${field}: ${issue.message}` : issue.message, field)
}
