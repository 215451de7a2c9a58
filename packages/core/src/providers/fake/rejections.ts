import { CheckrApiError, codeForStatus } from '../checkr/checkr-errors'

/**
 * The errors Checkr's API would answer with, as the Checkr provider surfaces them
 * (`CheckrApiError`: same codes, status, `checkrMessage` and message format), so a host handles
 * the fake's failures on the same path as real ones. Messages name the route template, never ids.
 */
export function checkrError(status: number, route: string, checkrMessage: string): CheckrApiError {
  return new CheckrApiError(codeForStatus(status, checkrMessage), `Checkr ${route} failed with HTTP ${status}: ${checkrMessage} (1 attempt)`, {
    status,
    checkrMessage,
    attempts: 1,
  })
}

export const notFound = (route: string): CheckrApiError => checkrError(404, route, 'Not Found')

export const badRequest = (route: string, checkrMessage: string): CheckrApiError => checkrError(400, route, checkrMessage)
