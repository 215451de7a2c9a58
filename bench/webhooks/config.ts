import { int } from '../storage/config'

/** The webhook benchmark's settings, from the environment (see bench/README.md). */
export interface WebhookBenchConfig {
  pgUrl: string
  /** Distinct signed webhook requests received, then processed (N). */
  webhooks: number
  /** Concurrent `webhooks.receive` calls, and the raw baseline's concurrent transactions (C). */
  concurrency: number
  /** Requests received untimed first (vetkit and raw, on throwaway tables): JIT, pools, caches. */
  warmup: number
  /** Processing workers, each on its own knex pool, like separate processes. */
  workers: number
  /** Connections per worker pool (a worker runs its jobs one at a time). */
  workerPoolSize: number
}

export function readConfig(): WebhookBenchConfig {
  const webhooks = int('VETKIT_BENCH_WEBHOOKS', 5000, 10)
  return {
    pgUrl: process.env.VETKIT_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    webhooks,
    concurrency: int('VETKIT_BENCH_CONCURRENCY', 16, 1),
    warmup: Math.min(500, Math.ceil(webhooks / 10)),
    workers: 2,
    workerPoolSize: 2,
  }
}
