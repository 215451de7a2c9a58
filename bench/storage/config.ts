/** The benchmark's settings, from the environment (see bench/README.md). */
export interface BenchConfig {
  pgUrl: string
  mysqlUrl: string
  /** Which databases to run (default both). */
  backends: ('postgres' | 'mysql')[]
  /** Checks loaded for the list benchmarks. */
  rows: number
  /** Subjects loaded (rows / 4). */
  subjects: number
  /** Jobs per queue run. */
  jobs: number
  /** Jobs enqueued (not timed) before the measured runs, to warm caches, JIT and pools. */
  warmupJobs: number
  /** Concurrent `enqueue` calls (the port has no bulk enqueue). */
  enqueueConcurrency: number
  /** Claim batch size (`claim({ limit })`). */
  claimBatch: number
  /** Connections per worker pool: a worker completes the jobs of a batch concurrently on them. */
  workerPoolSize: number
  /** Timed iterations per query, after `warmup` untimed ones. */
  iterations: number
  warmup: number
  /** Pages walked before the "deep page" is timed. */
  deepPages: number
  /** Reminders due now in the normal state, and in the "many due" state. */
  dueFew: number
  dueMany: number
  verbose: boolean
}

/** An integer setting from the environment (`1_000_000` allowed), at least `min`. Shared by the benches. */
export function int(name: string, fallback: number, min = 1): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw.replace(/_/g, ''))
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`)
  return value
}

export function readConfig(): BenchConfig {
  const rows = int('VETKIT_BENCH_ROWS', 1_000_000, 1000)
  const only = (process.env.VETKIT_BENCH_ONLY ?? '').trim()
  const backends: BenchConfig['backends'] =
    only === '' ? ['postgres', 'mysql'] : only === 'postgres' || only === 'mysql' ? [only] : (() => {
      throw new Error(`VETKIT_BENCH_ONLY must be "postgres" or "mysql", got "${only}"`)
    })()
  const dueMany = Math.min(int('VETKIT_BENCH_DUE_MANY', 5000), Math.floor(rows / 20))
  return {
    pgUrl: process.env.VETKIT_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    mysqlUrl: process.env.VETKIT_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
    backends,
    rows,
    subjects: Math.max(1, Math.ceil(rows / 4)),
    jobs: int('VETKIT_BENCH_JOBS', 20_000, 100),
    warmupJobs: int('VETKIT_BENCH_WARMUP_JOBS', 1000, 0),
    enqueueConcurrency: int('VETKIT_BENCH_ENQUEUE_CONCURRENCY', 8),
    claimBatch: 50,
    workerPoolSize: int('VETKIT_BENCH_WORKER_POOL', 4),
    iterations: int('VETKIT_BENCH_ITERATIONS', 200),
    warmup: int('VETKIT_BENCH_WARMUP', 20, 0),
    deepPages: 20,
    dueFew: Math.min(int('VETKIT_BENCH_DUE', 50), dueMany),
    dueMany,
    verbose: process.env.VETKIT_BENCH_VERBOSE === '1',
  }
}
