/** Timing and formatting helpers. */

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = nowMs()
  const value = await fn()
  return { ms: nowMs() - start, value }
}

export interface Percentiles {
  n: number
  p50: number
  p95: number
  p99: number
  mean: number
  max: number
}

/** Nearest-rank percentiles of samples in milliseconds. */
export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  return {
    n: sorted.length,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
    max: sorted.at(-1) ?? Number.NaN,
  }
}

/** Runs `count` tasks with at most `concurrency` in flight. */
export async function bounded(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < count) {
      const i = next++
      await task(i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane))
}

export const fmtMs = (ms: number): string => (Number.isNaN(ms) ? '-' : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0))
export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US')
export const fmtRatio = (r: number): string => (Number.isFinite(r) ? `${r.toFixed(2)}x` : '-')
export const fmtSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

/** A plain-text table with aligned columns; numbers-looking cells are right-aligned. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const numeric = (cell: string) => /^[-+]?[\d,.]+( ?(ms|x|s|%|jobs\/s))?$/.test(cell) || cell === '-'
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric(c) && i > 0 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ').trimEnd()
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-')
  return [line(headers), rule, ...rows.map(line)].join('\n')
}

export function banner(title: string): string {
  return `\n${'='.repeat(100)}\n${title}\n${'='.repeat(100)}`
}
