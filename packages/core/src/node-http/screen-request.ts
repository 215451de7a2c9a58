import type { IncomingMessage } from 'node:http'
import { badPath, methodNotAllowed } from './problem-responses'

/** Methods a Fetch `Request` cannot carry: vetkit serves none of them. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])
/** An HTTP method token (RFC 9110); anything else cannot be a Fetch method either. */
const METHOD_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** `.` or `..`, written plainly or percent-encoded (`%2e`, `.%2E`, ...), as URL parsers read them. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i

/**
 * Refuses, before anything else, what vetkit must not route:
 * - a method a Fetch `Request` cannot carry (`TRACE`, `CONNECT`, ...): 405 with `Allow`;
 * - a path with dot segments or backslashes, encoded or not (`/subjects/mae/%2e%2e/admin`): 400.
 *   URL parsing would resolve them, so vetkit would serve another path than the one the host and
 *   its proxies routed and authorised (a rule on `/vetkit/admin` would be bypassed). Refusing is
 *   the only answer that keeps both views the same.
 * Null when the request may go on.
 */
export function screenRequest(req: IncomingMessage, target: string): Response | null {
  const method = req.method ?? 'GET'
  if (FORBIDDEN_METHODS.has(method.toUpperCase()) || !METHOD_TOKEN.test(method)) return methodNotAllowed(['GET', 'HEAD', 'POST'])
  const path = pathOf(target)
  if (path.includes('\\') || /%5c/i.test(path)) return badPath('the path must not contain backslashes')
  if (path.split('/').some((segment) => DOT_SEGMENT.test(segment))) return badPath('the path must not contain "." or ".." segments')
  return null
}

function pathOf(target: string): string {
  const query = target.search(/[?#]/)
  const path = query < 0 ? target : target.slice(0, query)
  // Absolute-form targets (`GET http://host/path`): the path starts after the authority.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path)
  return absolute ? path.slice(absolute[0].length) : path
}
