// @vetkit/core/metrics: vetkit's metrics on the host's prom-client registry, and the hardened
// endpoint that serves them. prom-client is an optional peer: only this entry imports it.
export { METRICS, prometheusName } from './metric-table'
export type { CounterName, GaugeName, HistogramName, LabelsOf, MetricName, MetricSpec } from './metric-table'
export { noMetrics } from './metrics-port'
export type { MetricsPort } from './metrics-port'
export { prometheusMetrics } from './prometheus/prometheus-metrics'
export type { PrometheusMetrics, PrometheusMetricsOptions } from './prometheus/prometheus-metrics'
export { metricsEndpoint } from './prometheus/metrics-endpoint'
export type { MetricsEndpoint, MetricsEndpointOptions } from './prometheus/metrics-endpoint'
