/** Checkr keeps an idempotency key for 24 hours. */
const KEY_LIFETIME_MS = 24 * 3_600_000

/**
 * Checkr's `Idempotency-Key`: the first successful response is stored and replayed for the same
 * key; a failed call stores nothing, so a retry can still succeed. One cache per operation.
 */
export interface IdempotencyCache<T> {
  run(key: string, now: Date, create: () => T): T
  /** The stored responses, for a snapshot. */
  readonly stored: ReadonlyMap<string, { at: number; value: T }>
}

export function createIdempotencyCache<T>(stored = new Map<string, { at: number; value: T }>()): IdempotencyCache<T> {
  return {
    stored,
    run(key, now, create) {
      const hit = stored.get(key)
      // A copy each time: the caller may mutate what it gets, the replay must not change.
      if (hit && now.getTime() - hit.at < KEY_LIFETIME_MS) return structuredClone(hit.value)
      const value = create()
      stored.set(key, { at: now.getTime(), value: structuredClone(value) })
      return value
    },
  }
}
