/**
 * A version number every remote read depends on. An action bumps it, and every mounted hook
 * (counts, lists, the open check) loads again: after a change, nothing on screen is stale.
 */
export interface Invalidation {
  version(): number
  bump(): void
  subscribe(listener: () => void): () => void
}

export function createInvalidation(): Invalidation {
  let version = 0
  const listeners = new Set<() => void>()
  return {
    version: () => version,
    bump() {
      version += 1
      for (const listener of listeners) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
