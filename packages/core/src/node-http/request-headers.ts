import type { IncomingMessage } from 'node:http'

/**
 * The request's headers as a Fetch `Headers`, from the raw header lines so nothing Node would
 * drop or merge is lost: repeated headers are joined with `, ` (RFC 9110), repeated `Cookie`
 * lines with `; ` (RFC 6265). HTTP/2 pseudo-headers are left out.
 */
export function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers()
  const cookies: string[] = []
  const raw = req.rawHeaders
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? ''
    const value = raw[i + 1] ?? ''
    if (name.startsWith(':')) continue
    if (name.toLowerCase() === 'cookie') cookies.push(value)
    else headers.append(name, value)
  }
  if (cookies.length > 0) headers.set('cookie', cookies.join('; '))
  return headers
}
