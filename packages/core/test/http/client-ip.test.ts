import { describe, expect, it } from 'vitest'
import { clientIpFrom } from '../../src/support/client-ip'

const xff = (value: string) => new Headers({ 'x-forwarded-for': value })

describe('the client address', () => {
  it('is the socket address without trusted proxies, whatever X-Forwarded-For says', () => {
    expect(clientIpFrom(xff('203.0.113.9'), '127.0.0.1', false)).toBe('127.0.0.1')
    expect(clientIpFrom(new Headers(), '::ffff:198.51.100.4', false)).toBe('198.51.100.4')
  })

  it('is the first untrusted hop through trusted proxies', () => {
    expect(clientIpFrom(xff('203.0.113.9, 10.0.0.2'), '127.0.0.1', ['loopback', '10.0.0.0/8'])).toBe('203.0.113.9')
    expect(clientIpFrom(xff('203.0.113.9, 198.51.100.1'), '127.0.0.1', 1)).toBe('198.51.100.1')
  })

  it('is always an IP address: garbage in the header falls back to the last real hop of the chain', () => {
    // The nearest (trusted) proxy passed on what the client wrote: it cannot be stored or throttled on.
    expect(clientIpFrom(xff('x'.repeat(300)), '127.0.0.1', ['loopback'])).toBe('127.0.0.1')
    expect(clientIpFrom(xff('not-an-ip, 10.0.0.7'), '127.0.0.1', ['loopback', '10.0.0.0/8'])).toBe('10.0.0.7')
    expect(clientIpFrom(xff('2001:db8::1'), '127.0.0.1', ['loopback'])).toBe('2001:db8::1')
  })
})
