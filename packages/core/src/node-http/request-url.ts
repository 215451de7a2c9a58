import type { IncomingMessage } from 'node:http'

/** A Host header that can only be a host (and port): anything else would let it rewrite the path. */
const HOST = /^[a-z0-9.\-_~%:[\]]{1,255}$/i

/**
 * The absolute URL of a Node request: the raw request target (the full path, mount prefixes
 * included) on an origin built from the socket's TLS state and the Host header, when that is a
 * valid host (else `localhost`). Only the path and query are routed on; the origin is
 * informational (e.g. for `authenticate`). Null when the target is not a path.
 */
export function requestUrl(req: IncomingMessage, target: string): URL | null {
  try {
    if (target.startsWith('/')) return new URL(`${originOf(req)}${target}`)
    // Absolute-form targets (`GET http://host/path`): keep only the path and query.
    const absolute = new URL(target)
    return new URL(`${originOf(req)}${absolute.pathname}${absolute.search}`)
  } catch {
    return null
  }
}

function originOf(req: IncomingMessage): string {
  const scheme = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true ? 'https' : 'http'
  const host = req.headers.host ?? headerString(req.headers[':authority'])
  if (host !== undefined && HOST.test(host)) {
    try {
      const url = new URL(`${scheme}://${host}`)
      if (url.pathname === '/' && url.username === '' && url.search === '') return url.origin
    } catch {
      // Not a host: fall through.
    }
  }
  return `${scheme}://localhost`
}

function headerString(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** Whether `pathname` is `basePath` or below it (a missing base takes everything). */
export function isUnderBase(pathname: string, basePath: string): boolean {
  return basePath === '' || pathname === basePath || pathname.startsWith(`${basePath}/`)
}

/** `/vetkit/` -> `/vetkit`; `` and `/` -> `` (everything). */
export function normalizeBase(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/\/+$/, '')
  if (trimmed !== '' && !trimmed.startsWith('/')) throw new TypeError(`vetkit: the base path must start with "/" (got "${basePath}")`)
  return trimmed
}
