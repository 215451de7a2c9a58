/** A small seeded PRNG (mulberry32): the same seed replays the same storm. */
export interface Rng {
  readonly seed: number
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, n). */
  int(n: number): number
  /** An integer in [min, max]. */
  between(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(p: number): boolean
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  return {
    seed,
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[int(items.length)] as T
    },
    chance: (p) => next() < p,
  }
}

/** The seed from `HOSTILE_SEED` (to replay a failure), else a fresh one. */
export function seedFromEnv(): number {
  const given = process.env.HOSTILE_SEED
  if (given !== undefined && given !== '') {
    const seed = Number(given)
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`HOSTILE_SEED must be an integer from 0 to 2^32-1 (got ${given})`)
    return seed
  }
  return Math.floor(Math.random() * 0xffffffff)
}
