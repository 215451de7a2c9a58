import { isIP } from 'node:net'
import proxyAddr from 'proxy-addr'

/**
 * Which proxies to believe about the client address: `false` (none: the socket address is the
 * client), a hop count, or a list of addresses / CIDRs / proxy-addr presets (`loopback`,
 * `linklocal`, `uniquelocal`). Never "trust everything": X-Forwarded-For is client-controlled.
 */
export type TrustProxy = false | number | readonly string[]

/**
 * The client address from the socket and, through trusted proxies only, X-Forwarded-For. Always
 * an IP address: when the hop that trusted proxies report is not one (a client wrote garbage into
 * the header and the nearest proxy passed it on), the last real address of the chain is used,
 * so the value is storable and cannot be varied at will to dodge a throttle.
 */
export function clientIpFrom(headers: Headers, remoteAddress: string | undefined, trust: TrustProxy): string | null {
  if (!remoteAddress) return null
  if (trust === false) return isIP(normalize(remoteAddress)) ? normalize(remoteAddress) : null
  const forwarded = headers.get('x-forwarded-for') ?? undefined
  const request = { connection: { remoteAddress }, socket: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }
  const trustFn = typeof trust === 'number' ? (_addr: string, i: number) => i < trust : proxyAddr.compile([...trust])
  // From the socket outwards, up to and including the first untrusted hop.
  const chain = proxyAddr.all(request as unknown as Parameters<typeof proxyAddr.all>[0], trustFn).map(normalize)
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = chain[i]
    if (address !== undefined && isIP(address)) return address
  }
  return null
}

function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped?.[1] ?? address
}
