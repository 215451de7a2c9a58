import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { METRICS, prometheusName, type MetricName } from '../../src/metrics'

const dir = fileURLToPath(new URL('../../observability/', import.meta.url))
const read = (file: string) => readFileSync(`${dir}${file}`, 'utf8')

/** Every series name vetkit exports, with its labels (histograms with their `_bucket`, `_sum`, `_count`). */
const EXPORTED = new Map<string, readonly string[]>()
for (const name of Object.keys(METRICS) as MetricName[]) {
  const spec = METRICS[name]
  const labels = Object.keys(spec.labels)
  const base = prometheusName(name)
  if (spec.kind === 'histogram') {
    EXPORTED.set(`${base}_bucket`, [...labels, 'le'])
    EXPORTED.set(`${base}_sum`, labels)
    EXPORTED.set(`${base}_count`, labels)
  } else EXPORTED.set(base, labels)
}

/** The vetkit metrics an expression reads, and every label it names (matchers and `by`/`without`). */
function referencesOf(expr: string): { metrics: string[]; labels: string[] } {
  const metrics = [...expr.matchAll(/\bvetkit_[a-z0-9_]+/g)].map((m) => m[0])
  const matchers = [...expr.matchAll(/\{([^}]*)\}/g)].flatMap((m) => [...(m[1] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)].map((l) => l[1] ?? ''))
  const grouping = [...expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((m) => (m[1] ?? '').split(',').map((l) => l.trim()).filter(Boolean))
  return { metrics, labels: [...matchers, ...grouping] }
}

function expectExported(where: string, expr: string): void {
  const { metrics, labels } = referencesOf(expr)
  expect(metrics.length, `${where} reads no vetkit metric: ${expr}`).toBeGreaterThan(0)
  for (const metric of metrics) expect(EXPORTED.has(metric), `${where}: ${metric} is not a metric vetkit exports`).toBe(true)
  const known = new Set(metrics.flatMap((metric) => EXPORTED.get(metric) ?? []))
  for (const label of labels) expect(known.has(label), `${where}: label "${label}" is on none of ${metrics.join(', ')}`).toBe(true)
}

describe('the shipped alert rules and dashboard', () => {
  it('read only metrics and labels vetkit exports', () => {
    const rules = [...read('alerts.rules.yml').matchAll(/^\s+- alert: (\S+)\n\s+expr: '(.+)'$/gm)]
    expect(rules.length).toBe(10)
    for (const [, alert, expr] of rules) expectExported(`alert ${alert}`, expr ?? '')

    const dashboard = JSON.parse(read('grafana-dashboard.json')) as { panels: { title: string; type: string; targets?: { expr: string }[] }[] }
    const panels = dashboard.panels.filter((p) => p.type !== 'row')
    expect(panels.length).toBeGreaterThanOrEqual(19)
    for (const panel of panels) {
      expect(panel.targets?.length, `panel ${panel.title} has no query`).toBeGreaterThan(0)
      for (const target of panel.targets ?? []) expectExported(`panel "${panel.title}"`, target.expr)
    }
  })

  it('would catch a metric or label that does not exist', () => {
    expect(() => expectExported('probe', 'rate(vetkit_webhooks_total[5m])')).toThrow(/not a metric vetkit exports/)
    expect(() => expectExported('probe', 'sum by (tenant) (vetkit_checks)')).toThrow(/label "tenant"/)
  })

  it('give every alert a runbook entry in docs/observability.md', () => {
    const docs = readFileSync(fileURLToPath(new URL('../../../../docs/observability.md', import.meta.url)), 'utf8')
    for (const [, anchor = ''] of read('alerts.rules.yml').matchAll(/runbook_url: "[^#"]+#([a-z0-9-]+)"/g)) {
      const heading = new RegExp(`^#+ .*\\{#${anchor}\\}|^#+ ${anchor.replace(/-/g, '[ -]')}`, 'im')
      expect(heading.test(docs), `docs/observability.md has no section for #${anchor}`).toBe(true)
    }
  })
})

// Debian's prometheus and prometheus-alertmanager packages; `.ci/run` installs them and sets
// VETKIT_TEST_PROMTOOL, which makes these mandatory. Elsewhere they run when the tools exist.
const required = process.env.VETKIT_TEST_PROMTOOL === '1'
const tools = existsSync('/usr/bin/promtool') && existsSync('/usr/bin/amtool')
if (required && !tools) throw new Error('VETKIT_TEST_PROMTOOL=1 but promtool or amtool is missing: apt-get install -y prometheus prometheus-alertmanager')
if (!tools) console.warn('promtool/amtool checks SKIPPED: apt-get install -y prometheus prometheus-alertmanager')

describe.skipIf(!tools)('promtool and amtool', () => {
  const run = (tool: string, args: string[]) => execFileSync(tool, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

  it('check the rules and run their unit tests (each alert fires, and stays silent when healthy)', () => {
    expect(run('promtool', ['check', 'rules', 'alerts.rules.yml'])).toContain('SUCCESS: 10 rules found')
    expect(run('promtool', ['test', 'rules', 'alerts.test.yml'])).toContain('SUCCESS')
    const tests = read('alerts.test.yml')
    const alerts = [...read('alerts.rules.yml').matchAll(/- alert: (\S+)/g)].map((m) => m[1])
    for (const alert of alerts) {
      expect(tests, `${alert} has a firing test`).toContain(`name: ${alert} fires`)
      expect(tests, `${alert} has a silent test`).toContain(`name: ${alert} stays silent`)
    }
  })

  it('check the scrape config and the Alertmanager example', () => {
    expect(run('promtool', ['check', 'config', 'prometheus.yml'])).toContain('SUCCESS')
    expect(run('amtool', ['check-config', 'alertmanager.yml'])).toContain('SUCCESS')
  })
})
