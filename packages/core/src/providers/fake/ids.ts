import { createHmac } from 'node:crypto'

/** Mints Checkr-looking ids (24 lowercase hex characters) that depend only on the seed and call order. */
export interface IdFactory {
  /** The next id of a kind (`candidate`, `report`, `event`, ...): one counter per kind. */
  next(kind: string): string
  /** A stable id derived from a name, e.g. the account id or a screening id of a report. */
  derive(name: string): string
  /** The counter per kind: what a restart needs to go on without repeating an id. */
  readonly counters: ReadonlyMap<string, number>
}

export function createIdFactory(seed: string, counters = new Map<string, number>()): IdFactory {
  const hex = (input: string) => createHmac('sha256', seed).update(input).digest('hex').slice(0, 24)
  return {
    next(kind) {
      const n = (counters.get(kind) ?? 0) + 1
      counters.set(kind, n)
      return hex(`${kind}#${n}`)
    },
    derive: (name) => hex(`derived:${name}`),
    counters,
  }
}
