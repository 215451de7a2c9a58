// The metrics vocabulary and port, inside core. The Prometheus adapter is `@vetkit/core/metrics`.
export { METRICS, prometheusName } from './metric-table'
export type { CounterName, GaugeName, HistogramName, LabelsOf, MetricName, MetricSpec } from './metric-table'
export { noMetrics } from './metrics-port'
export type { MetricsPort } from './metrics-port'
