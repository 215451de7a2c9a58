import { VetkitClientError } from '@vetkit/core/client'

/**
 * A failed request as the console shows it: the API's own message (its `detail`), its stable
 * code and the input field at fault, verbatim. A network failure arrives as status 0.
 */
export interface AdminError {
  status: number
  code: string
  message: string
  field: string | null
}

/** An aborted request (unmount, a newer request): never an error to show. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError'
}

export function toAdminError(error: unknown): AdminError {
  if (error instanceof VetkitClientError) {
    return { status: error.status, code: error.code, message: error.message, field: error.field ?? null }
  }
  // Anything else is a bug in the host's fetch or in the console: still say what it was.
  const message = error instanceof Error ? error.message : String(error)
  return { status: 0, code: 'unexpected_error', message, field: null }
}
