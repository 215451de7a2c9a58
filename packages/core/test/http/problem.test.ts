import { describe, expect, it } from 'vitest'
import { ERROR_CODES, type VetkitErrorCode } from '../../src/error-codes'
import { VetkitError } from '../../src/errors'
import { problemResponse } from '../../src/http/problem'

const codes = Object.keys(ERROR_CODES) as VetkitErrorCode[]

describe('error codes over HTTP', () => {
  it.each(codes)('%s answers the status of its one table row', (code) => {
    const entry: { status: number; fault?: true; detail?: string; retryAfter?: number } = ERROR_CODES[code]
    const problem = problemResponse(new VetkitError(code, `internal detail of ${code}: /srv/app/key.pem`))
    expect(problem.status).toBe(entry.status)
    expect(problem.body.status).toBe(entry.status)
    expect(problem.headers['retry-after']).toBe(entry.retryAfter === undefined ? undefined : String(entry.retryAfter))
    if (entry.detail !== undefined) {
      // A provider's (or any fixed) wording replaces the error's own message: provider text never reaches a client.
      expect(problem.body.detail).toBe(entry.detail)
      expect(JSON.stringify(problem.body)).not.toContain('key.pem')
    }
    if (entry.fault) {
      // A fault is vetkit's (or the setup's) failure: generic body, nothing internal, logged by the caller.
      expect(problem.fault).toBe(true)
      expect(problem.body.code).toBe('internal_error')
      expect(JSON.stringify(problem.body)).not.toContain('key.pem')
    } else {
      expect(problem.body.code).toBe(code)
    }
  })

  it('server faults are 500s, never a 409', () => {
    for (const code of ['decryption_failed', 'storage_corrupt', 'schema_out_of_date', 'schema_missing', 'unknown_job_type', 'configuration_error'] as const) {
      expect(problemResponse(new VetkitError(code, 'x')).status).toBe(500)
    }
  })

  it('an error that is not vetkit\'s is a 500 fault with a generic body', () => {
    const problem = problemResponse(new TypeError("Cannot read properties of undefined (reading 'id')"))
    expect(problem).toMatchObject({ status: 500, fault: true, body: { code: 'internal_error' } })
    expect(JSON.stringify(problem.body)).not.toContain('undefined')
  })
})
