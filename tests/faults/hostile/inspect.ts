import type { Planned } from './generate'
import type { WireResult } from './send'

/** What a response body or header must never show: stack frames, source paths, error class names. */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\bat \S+ \(/,
  /\bat (?:async )?\/\S+:\d+/,
  /node_modules/,
  /\.ts:\d+/,
  /\.[cm]?js:\d+/,
  /\/work\/main\//,
  /\b(?:Type|Reference|Syntax|Range|URI)Error\b/,
  /\bPGlite\b|\bknex\b|\bSQLSTATE\b|violates .* constraint|relation "/i,
]

export interface Verdict {
  serverError: boolean
  /** Everything wrong with the answer (a 5xx included), for the failure list. */
  problems: string[]
}

const isHead = (p: Planned) => p.wire.method === 'HEAD'
const headerText = (headers: Record<string, string | string[] | undefined>) =>
  Object.entries(headers)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : (v ?? '')}`)
    .join('\n')

/** Judges one answer against what its request must get. */
export function judge(planned: Planned, result: WireResult & { ok: true }, webhookOperation: string): Verdict {
  const problems: string[] = []
  const { status, body } = result
  const type = String(result.headers['content-type'] ?? '')
  const serverError = status >= 500
  if (serverError) problems.push(`server error ${status}`)
  else if (planned.status !== undefined && status !== planned.status) problems.push(`expected ${planned.status}, got ${status}`)
  else if (planned.expect === 'refused' && (status < 400 || status > 499)) problems.push(`expected a 4xx, got ${status}`)
  else if (planned.expect === 'duplicate' && status !== 200) problems.push(`expected 200 (a duplicate), got ${status}`)

  let json: unknown
  // Only a body kept whole can be parsed (the sender keeps the first 64 KiB: the OpenAPI document is larger).
  const whole = Buffer.byteLength(body) === result.bodyBytes
  if (/json/i.test(type) && !isHead(planned) && whole) {
    try {
      json = JSON.parse(body)
    } catch {
      problems.push(`a ${type} body that is not JSON`)
    }
  }
  const record = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : null
  if (status >= 200 && status < 300) {
    // Only reads and replayed webhooks may succeed: anything else would have written.
    const isWebhook = planned.operation === webhookOperation
    if (isWebhook && !isHead(planned) && (record?.ok !== true || record.duplicate !== true)) problems.push(`a webhook was accepted as new: ${body.slice(0, 120)}`)
    if (!isWebhook && planned.wire.method !== 'GET' && planned.wire.method !== 'HEAD') problems.push(`a ${planned.wire.method} succeeded`)
  }
  if (status >= 400 && /json/i.test(type) && !isHead(planned)) {
    const webhookRefusal = planned.operation === webhookOperation && /^application\/json/i.test(type) && record?.ok === false && typeof record.code === 'string'
    if (!webhookRefusal) {
      if (!/^application\/problem\+json\b/i.test(type)) problems.push(`an error as ${type}, not application/problem+json`)
      else if (typeof record?.code !== 'string' || record.status !== status) problems.push(`a problem without its code or status: ${body.slice(0, 120)}`)
    }
  }
  if (status === 405 && /problem\+json/.test(type) && result.headers.allow === undefined) problems.push('a 405 without Allow')
  for (const pattern of LEAK_PATTERNS) {
    if (pattern.test(body)) problems.push(`the body leaks ${String(pattern)}: ${excerpt(body, pattern)}`)
    if (pattern.test(headerText(result.headers))) problems.push(`a header leaks ${String(pattern)}`)
  }
  return { serverError, problems }
}

function excerpt(text: string, pattern: RegExp): string {
  const at = text.search(pattern)
  return JSON.stringify(text.slice(Math.max(0, at - 60), at + 100))
}

/** A request, short enough to print: method, path, the body's start. */
export function describeRequest(planned: Planned): string {
  const { method, path, body, headers } = planned.wire
  const shownHeaders = headers.map(([k, v]) => `${k}: ${v.length > 80 ? `${v.slice(0, 80)}... (${v.length} chars)` : v}`).join(' | ')
  const shownBody = body === undefined ? '(none)' : `${JSON.stringify(body.subarray(0, 160).toString('latin1'))}${body.byteLength > 160 ? ` ... (${body.byteLength} bytes)` : ''}`
  const shownPath = path.length > 200 ? `${path.slice(0, 200)}... (${path.length} chars)` : path
  return `#${planned.index} [${planned.mutations.join(', ')}] ${method} ${shownPath} headers: ${shownHeaders} body: ${shownBody}`
}
