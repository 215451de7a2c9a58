import type { CounterName, HistogramName, LabelsOf } from './metric-table'

/**
 * How the engine records what it did: counters and histograms of `METRICS`, typed by their
 * labels. The default records nothing, so core needs no metrics library; `@vetkit/core/metrics`
 * adapts it to prom-client on the host's registry. Gauges are not recorded here: they are read
 * from storage at scrape time.
 *
 * Implementations must never throw into the engine: a broken metrics backend may lose numbers,
 * never a decision.
 */
export interface MetricsPort {
  count<N extends CounterName>(name: N, labels: LabelsOf<N>, by?: number): void
  observe<N extends HistogramName>(name: N, labels: LabelsOf<N>, value: number): void
}

export const noMetrics: MetricsPort = {
  count: () => undefined,
  observe: () => undefined,
}
