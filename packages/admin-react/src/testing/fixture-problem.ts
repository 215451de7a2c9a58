/** HTTP titles of the problem answers the fixtures give (RFC 9457 `title`). */
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** A refusal of the fixture API, answered as vetkit's `application/problem+json`. */
export class FixtureProblem extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined

  constructor(status: number, code: string, detail: string, field?: string) {
    super(detail)
    this.status = status
    this.code = code
    this.field = field
  }
}

/** The body vetkit answers an error with: `{ type, title, status, code, detail, field? }`. */
export function problemBody(status: number, code: string, detail: string, field?: string) {
  return { type: `https://vetkit.dev/problems/${code}`, title: TITLES[status] ?? 'Error', status, code, detail, ...(field === undefined ? {} : { field }) }
}

/** A problem+json `Response`, for a test's own `server.use(...)` overrides (a 403, a 503, a 409). */
export function vetkitProblem(status: number, code: string, detail: string, field?: string): Response {
  return new Response(JSON.stringify(problemBody(status, code, detail, field)), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  })
}
