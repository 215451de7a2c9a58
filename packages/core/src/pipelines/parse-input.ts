import type { z } from 'zod'
import { VetkitError } from '../errors'

/** Bad input from a caller: the HTTP layer answers 4xx with `code` and the offending `field`. */
export class InputError extends VetkitError {
  constructor(code: string, message: string, field?: string) {
    super(code, message, field === undefined ? {} : { field })
  }
}

/** Validates external input, naming the first offending field (`invalid_input`). */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : []
  const field = [...(issue?.path ?? []), ...unknownKey].map(String).join('.') || undefined
  throw new InputError('invalid_input', field ? `${field}: ${issue?.message ?? 'invalid'}` : (issue?.message ?? 'invalid input'), field)
}
