import { Registry } from 'prom-client'
import { metricsEndpoint, prometheusMetrics } from '@vetkit/core/metrics'
import type { KnexStorage } from '@vetkit/core/knex'
import type { BenchConfig } from './config'
import type { BenchDb } from './databases'
import { nowMs, percentiles, type Percentiles } from './stats'

export interface ScrapeResult {
  /** A full scrape of vetkit's endpoint, uncached: every gauge read from the loaded table. */
  scrape: Percentiles
  /** The bare alternative: `SELECT status, count(*) ... GROUP BY status` through the driver. */
  groupBy: Percentiles
  bytes: number
}

/**
 * The cost of a scrape at the loaded table's size, beside a bare `GROUP BY status` in the same
 * run. Rounds interleave the two, alternating which goes first, so caches and load affect both.
 */
export async function scrapeBench(db: BenchDb, storage: KnexStorage, cfg: BenchConfig): Promise<ScrapeResult> {
  const registry = new Registry()
  prometheusMetrics({ registry, storage, cacheMs: 0 })
  const endpoint = metricsEndpoint({ registry, environment: 'test', rateLimit: { max: 1_000_000, windowSeconds: 1 } })
  const request = () => new Request('http://bench.local/internal/metrics')
  const checks = storage.tables.sql('checks')
  let bytes = 0
  const scrape = async () => {
    const response = await endpoint.handler(request(), { remoteAddress: '127.0.0.1' })
    if (response.status !== 200) throw new Error(`scrape answered ${response.status}`)
    bytes = (await response.text()).length
  }
  const groupBy = async () => {
    await db.admin.query(`select status, count(*) as n from ${checks} group by status`)
  }
  for (let i = 0; i < cfg.warmup; i++) {
    await scrape()
    await groupBy()
  }
  const a: number[] = []
  const b: number[] = []
  for (let round = 0; round < cfg.iterations; round++) {
    const order: [() => Promise<void>, number[]][] = round % 2 === 0 ? [[scrape, a], [groupBy, b]] : [[groupBy, b], [scrape, a]]
    for (const [fn, samples] of order) {
      const start = nowMs()
      await fn()
      samples.push(nowMs() - start)
    }
  }
  return { scrape: percentiles(a), groupBy: percentiles(b), bytes }
}
