import type { Storage } from '../../ports/storage'
import type { TestApi } from '../test-api'

/** What the storage conformance suite needs from a backend. */
export interface StorageTarget {
  /** A migrated storage over tables no other case uses (a fresh prefix or schema), empty. */
  fresh(): Promise<Storage>
  /**
   * The same tables as `storage` through a pool of its own with `connections` connections, all
   * opened before it returns, like another worker process (the races need them open at once).
   * A backend with one connection (PGlite) returns `storage` itself: the races then still run,
   * serialised, and must still give the same answers.
   */
  sibling(storage: Storage, connections: number): Promise<Storage>
}

/** What each group of cases gets. */
export interface ConformanceContext {
  it: TestApi['it']
  target: StorageTarget
}
