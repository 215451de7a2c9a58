/** Connection-level headers: Node's HTTP server sets these itself. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer'])

/**
 * A Fetch response's headers as Node header values: one entry per name, except `Set-Cookie`,
 * which stays a list (`getSetCookie()`) so each cookie is its own header line.
 */
export function responseHeaderEntries(headers: Headers): [string, string | string[]][] {
  const entries: [string, string | string[]][] = []
  headers.forEach((value, name) => {
    if (name !== 'set-cookie' && !HOP_BY_HOP.has(name)) entries.push([name, value])
  })
  const cookies = headers.getSetCookie()
  if (cookies.length > 0) entries.push(['set-cookie', cookies])
  return entries
}
