import { int } from '../storage/config'

/** The HTTP webhook benchmark's settings, from the environment (see bench/README.md). */
export interface HttpBenchConfig {
  pgUrl: string
  /** N: distinct signed webhook requests each server receives in the timed runs. */
  webhooks: number
  /** Requests each server receives untimed first (JIT, pools, caches): distinct from the N. */
  warmup: number
  /** autocannon connections (each keeps one request in flight). */
  connections: number
  /** Connections of each server's database pool (knex for vetkit, `pg.Pool` for the baseline). */
  pool: number
  /** The N requests are sent in this many slices; each round runs every server once, in a rotating order. */
  rounds: number
  /** Where autocannon runs: a child process (default) or inside the servers' process. */
  loadgen: 'child' | 'inline'
}

export function readConfig(): HttpBenchConfig {
  const webhooks = int('VETKIT_BENCH_WEBHOOKS', 10000, 10)
  const connections = int('VETKIT_BENCH_CONNECTIONS', 16, 1)
  const rounds = int('VETKIT_BENCH_ROUNDS', 2, 1)
  const loadgen = process.env.VETKIT_BENCH_LOADGEN ?? 'child'
  if (loadgen !== 'child' && loadgen !== 'inline') throw new Error(`VETKIT_BENCH_LOADGEN must be "child" or "inline", got "${loadgen}"`)
  const warmup = Math.max(connections, Math.min(1000, Math.ceil(webhooks / 10)))
  // autocannon hands each connection its share of a run: every connection needs at least one.
  if (Math.floor(webhooks / rounds) < connections) {
    throw new Error(`VETKIT_BENCH_WEBHOOKS / VETKIT_BENCH_ROUNDS (${Math.floor(webhooks / rounds)}) must be at least VETKIT_BENCH_CONNECTIONS (${connections})`)
  }
  return {
    pgUrl: process.env.VETKIT_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    webhooks,
    warmup,
    connections,
    pool: int('VETKIT_BENCH_POOL', connections, 1),
    rounds,
    loadgen,
  }
}
