/** A problem+json answer (RFC 9457) written by the adapters themselves, before vetkit's handler. */
function problem(status: number, title: string, code: string, detail: string, headers: Record<string, string> = {}): Response {
  const body = JSON.stringify({ type: `https://vetkit.dev/problems/${code}`, title, status, code, detail })
  return new Response(body, {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(body)), ...headers },
  })
}

/** The answer when a body parser mounted before vetkit left nothing vetkit can use. */
export function bodyAlreadyParsed(detail: string): Response {
  return problem(500, 'Internal Server Error', 'body_already_parsed', detail)
}

/** The answer when the request target cannot be made into a URL. */
export function badRequestTarget(): Response {
  return badPath('the request target is not a valid path')
}

export function badPath(detail: string): Response {
  return problem(400, 'Bad Request', 'bad_path', detail)
}

export function methodNotAllowed(allowed: readonly string[]): Response {
  return problem(405, 'Method Not Allowed', 'method_not_allowed', `use ${allowed.join(' or ')}`, { allow: allowed.join(', ') })
}

/** The answer when the adapter itself failed: nothing internal, never a stack. */
export function internalError(): Response {
  return problem(500, 'Internal Server Error', 'internal_error', 'something went wrong on the server; it has been logged')
}
