/**
 * Scrapes per client address in a fixed window, in memory: a scraper is one process polling
 * every few seconds, so a per-instance limit is what protects the database behind the gauges.
 * The table is bounded: beyond `maxClients` addresses the oldest windows are dropped.
 */
export function scrapeRateLimit(rule: { max: number; windowSeconds: number }, maxClients = 10_000) {
  if (!Number.isInteger(rule.max) || rule.max < 1) throw new RangeError('rateLimit.max must be a positive integer')
  if (!Number.isFinite(rule.windowSeconds) || rule.windowSeconds <= 0) throw new RangeError('rateLimit.windowSeconds must be positive')
  const windowMs = rule.windowSeconds * 1000
  const windows = new Map<string, { start: number; count: number }>()

  return (client: string, now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } => {
    let window = windows.get(client)
    if (!window || now - window.start >= windowMs) {
      windows.delete(client)
      if (windows.size >= maxClients) {
        const oldest = windows.keys().next().value
        if (oldest !== undefined) windows.delete(oldest)
      }
      window = { start: now, count: 0 }
      windows.set(client, window)
    }
    window.count++
    if (window.count <= rule.max) return { allowed: true }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)) }
  }
}
