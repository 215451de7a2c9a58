import { isIPv4, isIPv6 } from 'node:net'

/**
 * The throttle key of a client address. IPv6 is keyed by its /56 prefix: one subscriber usually
 * holds a whole /56 (or /48), so keying by full address would let a client rotate addresses
 * freely. IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function ipThrottleKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped?.[1]) return `v4:${mapped[1]}`
  if (isIPv4(ip)) return `v4:${ip}`
  if (!isIPv6(ip)) return `raw:${ip}`
  const groups = expandIPv6(ip)
  // First 56 bits: three full 16-bit groups and the high byte of the fourth.
  const fourth = (groups[3] ?? 0) & 0xff00
  return `v6:${[groups[0], groups[1], groups[2], fourth].map((g) => (g ?? 0).toString(16)).join(':')}::/56`
}

function expandIPv6(ip: string): number[] {
  const address = ip.split('%')[0] ?? ip
  const [head = '', tail] = address.split('::')
  const parse = (part: string) => (part === '' ? [] : part.split(':').flatMap(groupValues))
  const left = parse(head)
  const right = tail === undefined ? [] : parse(tail)
  const zeros = Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => 0)
  return [...left, ...zeros, ...right]
}

// An embedded IPv4 tail (`::1.2.3.4`) is two groups.
function groupValues(group: string): number[] {
  if (group.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number)
    return [(a << 8) | b, (c << 8) | d]
  }
  return [Number.parseInt(group, 16)]
}
