/**
 * Every metric vetkit records, declared once: its kind, help text and labels, each label with
 * its closed set of values. The Prometheus adapter (`@vetkit/core/metrics`) registers from this
 * table (prefix `vetkit_`, `_total` on counters), the engine records through the metrics port
 * typed by it, and the tests check the shipped alert rules and dashboard against it. No label
 * takes an id, an email or free text: a value outside its set is recorded as `other`.
 */
import { CHECK_STATUSES } from '../domain/check-status'
import { PROVIDER_EVENT_TYPES } from '../domain/event-ordering'
import { JOBS } from '../jobs/jobs'
import { EMAIL_KINDS } from '../mail/render-email'

const SIGNATURE_OUTCOMES = ['ok', 'bad_signature', 'placeholder_signature', 'bad_basic_auth', 'malformed'] as const
const PROCESSING_OUTCOMES = ['applied', 'ignored', 'rejected', 'parked', 'failed', 'dead'] as const
/** A webhook's neutral event, `none` for one that concerns no check, `unknown` before it is parsed. */
const WEBHOOK_EVENTS = [...PROVIDER_EVENT_TYPES, 'none', 'unknown'] as const

type LabelSets = Readonly<Record<string, readonly string[]>>

interface CounterSpec {
  kind: 'counter'
  help: string
  labels: LabelSets
}
interface HistogramSpec {
  kind: 'histogram'
  help: string
  labels: LabelSets
  buckets: readonly number[]
}
interface GaugeSpec {
  kind: 'gauge'
  help: string
  labels: LabelSets
}
export type MetricSpec = CounterSpec | HistogramSpec | GaugeSpec

export const METRICS = {
  invites: {
    kind: 'counter',
    help: 'Invitation requests by outcome: created, existing (a check already in progress), throttled, refused',
    labels: { outcome: ['created', 'existing', 'throttled', 'refused'] },
  },
  webhooks_received: {
    kind: 'counter',
    help: 'Webhook deliveries answered, by signature outcome (refusals included)',
    labels: { signature: SIGNATURE_OUTCOMES },
  },
  webhooks_processed: {
    kind: 'counter',
    help: 'Webhook processing attempts by neutral event and outcome',
    labels: { event: WEBHOOK_EVENTS, outcome: PROCESSING_OUTCOMES },
  },
  transitions: {
    kind: 'counter',
    help: 'Check status transitions by from and to',
    labels: { from: CHECK_STATUSES, to: CHECK_STATUSES },
  },
  emails: {
    kind: 'counter',
    help: 'Email delivery attempts by template and outcome',
    labels: { template: EMAIL_KINDS, outcome: ['sent', 'retried', 'failed', 'suppressed'] },
  },
  jobs: {
    kind: 'counter',
    help: 'Job runs by type and outcome: completed, retried (failed, will run again), dead (dead-lettered)',
    labels: { type: Object.keys(JOBS), outcome: ['completed', 'retried', 'dead'] },
  },
  adverse_actions: {
    kind: 'counter',
    help: 'Adverse actions started, finalized (final notice) and canceled',
    labels: { action: ['started', 'finalized', 'canceled'] },
  },
  disputes: {
    kind: 'counter',
    help: 'Disputes opened and resolved',
    labels: { action: ['opened', 'resolved'] },
  },
  webhook_intake_seconds: {
    kind: 'histogram',
    help: 'Time to verify, record and enqueue one webhook delivery, until the answer',
    labels: { signature: SIGNATURE_OUTCOMES },
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  },
  webhook_processing_seconds: {
    kind: 'histogram',
    help: 'From receipt of a webhook to its processing outcome',
    labels: { outcome: PROCESSING_OUTCOMES },
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800, 3600],
  },
  check_turnaround_hours: {
    kind: 'histogram',
    help: 'From invitation to the report result, in hours, by report outcome',
    labels: { outcome: ['clear', 'consider'] },
    buckets: [1, 6, 12, 24, 48, 72, 120, 168, 336, 720],
  },
  checks: {
    kind: 'gauge',
    help: 'Checks by status',
    labels: { status: CHECK_STATUSES },
  },
  checks_pending_over_7d: {
    kind: 'gauge',
    help: 'Checks still screening (invited, pending, suspended) created more than 7 days ago',
    labels: {},
  },
  jobs_backlog: {
    kind: 'gauge',
    help: 'Jobs due now and not yet claimed',
    labels: {},
  },
  jobs_oldest_age_seconds: {
    kind: 'gauge',
    help: 'How long the oldest due, unclaimed job has waited (0 with none)',
    labels: {},
  },
  jobs_dead: {
    kind: 'gauge',
    help: 'Dead-lettered jobs waiting for a redrive',
    labels: {},
  },
  adverse_actions_waiting: {
    kind: 'gauge',
    help: 'Checks in pre-adverse, waiting for the final notice',
    labels: {},
  },
  adverse_actions_overdue: {
    kind: 'gauge',
    help: 'Pre-adverse checks whose final notice is due and not sent',
    labels: {},
  },
  live_without_valid_check: {
    kind: 'gauge',
    help: "Host rows live without a passed, unexpired check (the go-live gate's table; must be 0)",
    labels: {},
  },
  passes_expiring_30d: {
    kind: 'gauge',
    help: 'Passed checks expiring within 30 days',
    labels: {},
  },
  stats_up: {
    kind: 'gauge',
    help: 'Whether the last read of the gauges above from the database succeeded (1) or failed (0)',
    labels: {},
  },
} as const satisfies Record<string, MetricSpec>

export type MetricName = keyof typeof METRICS
type Spec<N extends MetricName> = (typeof METRICS)[N]
export type CounterName = { [N in MetricName]: Spec<N>['kind'] extends 'counter' ? N : never }[MetricName]
export type HistogramName = { [N in MetricName]: Spec<N>['kind'] extends 'histogram' ? N : never }[MetricName]
export type GaugeName = { [N in MetricName]: Spec<N>['kind'] extends 'gauge' ? N : never }[MetricName]

/**
 * A metric's labels, each typed by its set (`string` where the set is computed, e.g. job types),
 * or `other` for a value recorded outside it.
 */
export type LabelsOf<N extends MetricName> = { [L in keyof Spec<N>['labels']]: (Spec<N>['labels'][L] extends readonly (infer V)[] ? V : never) | 'other' }

/** `value` as a label of `set`: itself when the set has it, else `other`. */
export function labelIn<const S extends readonly string[]>(set: S, value: string): S[number] | 'other' {
  return (set as readonly string[]).includes(value) ? (value as S[number]) : 'other'
}

/** Prometheus's name for a metric: `vetkit_` and, for counters, `_total`. */
export function prometheusName(name: MetricName): string {
  return `vetkit_${name}${METRICS[name].kind === 'counter' ? '_total' : ''}`
}
