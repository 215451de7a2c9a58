import proxyAddr from 'proxy-addr'

/**
 * Which proxies to believe about the client address: `false` (none: the socket address is the
 * client), a hop count, or a list of addresses / CIDRs / proxy-addr presets (`loopback`,
 * `linklocal`, `uniquelocal`). Never "trust everything": X-Forwarded-For is client-controlled.
 */
export type TrustProxy = false | number | readonly string[]

/** The client address from the socket and, through trusted proxies only, X-Forwarded-For. */
export function clientIpFrom(headers: Headers, remoteAddress: string | undefined, trust: TrustProxy): string | null {
  if (!remoteAddress) return null
  if (trust === false) return normalize(remoteAddress)
  const forwarded = headers.get('x-forwarded-for') ?? undefined
  const request = { connection: { remoteAddress }, socket: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }
  const trustFn = typeof trust === 'number' ? (_addr: string, i: number) => i < trust : proxyAddr.compile([...trust])
  return normalize(proxyAddr(request as unknown as Parameters<typeof proxyAddr>[0], trustFn))
}

function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped?.[1] ?? address
}
