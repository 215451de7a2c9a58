import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import { systemClock, type Clock } from '../../domain/clock'
import type { Logger } from '../../ports/logger'
import type { Storage, StorageStats } from '../../ports/storage'
import { labelIn, METRICS, prometheusName, type CounterName, type GaugeName, type HistogramName, type MetricName } from '../metric-table'
import type { MetricsPort } from '../metrics-port'

export interface PrometheusMetricsOptions {
  /** The host's registry (`new Registry()` from prom-client). vetkit never uses the global one. */
  registry: Registry
  /** Where the gauges are read from at scrape time; without it only counters and histograms are exported. */
  storage?: Storage
  /** How long one read of the gauges serves scrapes, in ms. Default 5,000. */
  cacheMs?: number
  clock?: Clock
  /** Where a failed read of the gauges is logged (ids and codes only). */
  logger?: Pick<Logger, 'warn'>
}

export interface PrometheusMetrics extends MetricsPort {
  readonly registry: Registry
}

type Labels = Record<string, string>

/** A value outside a label's set is recorded as `other`, so a label never carries free text. */
function closedLabels(name: MetricName, labels: Record<string, string>): Labels {
  const sets: Readonly<Record<string, readonly string[]>> = METRICS[name].labels
  return Object.fromEntries(Object.entries(sets).map(([label, set]) => [label, labelIn(set, labels[label] ?? 'other')]))
}

const GAUGE_VALUES: Record<Exclude<GaugeName, 'checks' | 'stats_up' | 'live_without_valid_check'>, (stats: StorageStats) => number> = {
  checks_pending_over_7d: (s) => s.pendingOver7d,
  jobs_backlog: (s) => s.jobsBacklog,
  jobs_oldest_age_seconds: (s) => s.oldestJobAgeSeconds,
  jobs_dead: (s) => s.jobsDead,
  adverse_actions_waiting: (s) => s.adverseWaiting,
  adverse_actions_overdue: (s) => s.adverseOverdue,
  passes_expiring_30d: (s) => s.passesExpiring30d,
}

/**
 * vetkit's metrics on the host's prom-client registry: every counter and histogram of `METRICS`
 * (recorded by the engine through this port) and, with `storage`, every gauge, read from indexed
 * counts at scrape time and cached for `cacheMs` so that frequent or parallel scrapes cost one read.
 */
export function prometheusMetrics(options: PrometheusMetricsOptions): PrometheusMetrics {
  const { registry } = options
  const registers = [registry]
  const counters = new Map<CounterName, Counter>()
  const histograms = new Map<HistogramName, Histogram>()
  for (const [name, spec] of Object.entries(METRICS) as [MetricName, (typeof METRICS)[MetricName]][]) {
    const labelNames = Object.keys(spec.labels)
    if (spec.kind === 'counter') counters.set(name as CounterName, new Counter({ name: prometheusName(name), help: spec.help, labelNames, registers }))
    if (spec.kind === 'histogram') histograms.set(name as HistogramName, new Histogram({ name: prometheusName(name), help: spec.help, labelNames, buckets: [...spec.buckets], registers }))
  }
  if (options.storage) registerGauges(options.storage, options)

  return {
    registry,
    count(name, labels, by = 1) {
      counters.get(name)?.inc(closedLabels(name, labels as Labels), by)
    },
    observe(name, labels, value) {
      if (Number.isFinite(value)) histograms.get(name)?.observe(closedLabels(name, labels as Labels), value)
    },
  }
}

function registerGauges(storage: Storage, options: PrometheusMetricsOptions): void {
  const clock = options.clock ?? systemClock
  const cacheMs = options.cacheMs ?? 5000
  const registers = [options.registry]
  let cached: { at: number; stats: Promise<StorageStats | null> } | null = null
  let inFlight: Promise<StorageStats | null> | null = null

  // One read per scrape, shared by every gauge of it (prom-client collects them together) and by
  // parallel scrapes; with `cacheMs`, also by the scrapes that follow within it.
  const read = (): Promise<StorageStats | null> => {
    if (inFlight) return inFlight
    const now = Date.now()
    if (cached && now - cached.at < cacheMs) return cached.stats
    const stats = storage.stats.snapshot(clock.now()).catch((error: unknown) => {
      options.logger?.warn('metrics: could not read the gauges from the database', { code: (error as { code?: unknown }).code ?? 'unknown' })
      cached = null
      return null
    })
    inFlight = stats
    void stats.finally(() => {
      if (inFlight === stats) inFlight = null
    })
    cached = { at: now, stats }
    return stats
  }

  // Exported only when the storage knows a gated host table: without one a 0 would read as
  // "all is well" when nothing is watched, so the gauge is absent instead.
  if (storage.stats.tracksLiveRows) {
    new Gauge({
      name: prometheusName('live_without_valid_check'),
      help: METRICS.live_without_valid_check.help,
      registers,
      async collect() {
        const snapshot = await read()
        this.reset()
        if (snapshot?.liveWithoutValidCheck != null) this.set(snapshot.liveWithoutValidCheck)
      },
    })
  }

  new Gauge({
    name: prometheusName('stats_up'),
    help: METRICS.stats_up.help,
    registers,
    async collect() {
      this.set((await read()) ? 1 : 0)
    },
  })
  new Gauge({
    name: prometheusName('checks'),
    help: METRICS.checks.help,
    labelNames: ['status'],
    registers,
    async collect() {
      const stats = await read()
      this.reset()
      if (!stats) return
      for (const status of METRICS.checks.labels.status) this.set({ status }, stats.checksByStatus[status])
    },
  })
  for (const [name, value] of Object.entries(GAUGE_VALUES) as [keyof typeof GAUGE_VALUES, (stats: StorageStats) => number][]) {
    new Gauge({
      name: prometheusName(name),
      help: METRICS[name].help,
      registers,
      async collect() {
        const stats = await read()
        this.reset()
        if (stats) this.set(value(stats))
      },
    })
  }
}
