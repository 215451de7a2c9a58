/** The answer when a body parser mounted before vetkit left nothing vetkit can use. */
export function bodyAlreadyParsed(detail: string): Response {
  const body = {
    type: 'https://vetkit.dev/problems/body_already_parsed',
    title: 'Internal Server Error',
    status: 500,
    code: 'body_already_parsed',
    detail,
  }
  return new Response(JSON.stringify(body), {
    status: 500,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  })
}

/** The answer when the request target cannot be made into a URL. */
export function badRequestTarget(): Response {
  const body = { type: 'https://vetkit.dev/problems/bad_path', title: 'Bad Request', status: 400, code: 'bad_path', detail: 'the request target is not a valid path' }
  return new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' } })
}
