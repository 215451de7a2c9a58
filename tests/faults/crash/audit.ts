/**
 * What is true after a crash run, read from the database (vetkit's own tables), the mailer's log
 * and the host-event log. Each finding is a list, so a failure shows exactly which rows are wrong.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { KnexStorage } from '../../../packages/core/src/storage/knex/index'
import type { Knex } from './deps'
import type { EventLine, SentLine } from './protocol'
import type { SubjectRun } from './run'

type Row = Record<string, unknown>

/** Outcomes after which the ledger entry is never processed again. */
const FINAL_OUTCOMES = new Set(['applied', 'ignored'])

export interface DeadJob {
  id: string
  type: string
  attempts: number
  maxAttempts: number
  lastError: string | null
}

export interface CrashAudit {
  jobs: {
    total: number
    byType: Record<string, number>
    byStatus: Record<string, number>
    /** `running` at the end: a lease nobody will give back. */
    stuck: DeadJob[]
    dead: DeadJob[]
    /** Dead through lease expiry with attempts left: must never happen. */
    deadByLeaseWithAttemptsLeft: DeadJob[]
    /** Jobs taken back from a killed worker at least once (their last error says "lease expired"). */
    reclaimed: number
    /** Claims per job (attempts), as a histogram. */
    attempts: Record<string, number>
  }
  webhooks: {
    ledger: number
    outcomes: Record<string, number>
    /**
     * Acknowledged (200) but without a final outcome, or without a ledger row; with the ledger's
     * count of outcomes recorded and the state of the processing job.
     */
    lost: { eventId: string; eventType: string; outcome: string; ledgerAttempts: number; job: string }[]
    /** Final but refused by the state machine: no scenario here should produce one. */
    rejected: { eventId: string; eventType: string; errorCode: string | null }[]
  }
  checks: {
    atExpected: number
    wrong: { subjectId: string; scenario: string; expected: string; actual: string }[]
  }
  history: {
    rows: number
    /** Two history rows caused by one webhook. */
    sameWebhookTwice: { webhookEventId: string; rows: number }[]
    /** One check with the same transition twice (no scenario here repeats one). */
    sameTransitionTwice: { checkId: string; eventType: string; rows: number }[]
  }
  outbox: {
    events: number
    byType: Record<string, number>
    /** Checks whose status-change events do not match their history one to one. */
    mismatched: { checkId: string; history: string[]; outbox: string[] }[]
    /** The same one-per-check host event twice. */
    duplicated: { checkId: string; type: string; events: number }[]
  }
  emails: {
    rows: number
    byTemplate: Record<string, number>
    notSent: { id: string; template: string; status: string; attempts: number; lastError: string | null }[]
    /** Rows' `attempts` (sends recorded), as a histogram. */
    attempts: Record<string, number>
    /** Rows whose send was recorded more than once (no send fails here). */
    recordedTwice: { id: string; template: string; attempts: number }[]
    missing: { subjectId: string; template: string }[]
    unexpected: { subjectId: string; template: string }[]
  }
  mail: {
    /** Messages the mail server accepted. */
    sends: number
    /**
     * Emails accepted more than once: each copy carries the same X-Vetkit-Email-Id. `killedAfterMs`:
     * for each copy but the last, how long after its accept its worker was SIGKILLed (null: the
     * worker was not killed before the next copy went out, i.e. two live workers sent it).
     */
    duplicated: { emailId: string; template: string; copies: number; killedAfterMs: (number | null)[] }[]
    /** Accepted messages that name no email row, or another template than the row's. */
    unidentifiable: SentLine[]
    /** Rows recorded `sent` that the mail server never accepted. */
    sentButNeverAccepted: string[]
  }
  hostEvents: {
    outbox: number
    deliveries: number
    /** Deliveries beyond the first of an event (at least once: the handler dedupes on `event.id`). */
    redelivered: number
    /** Repeats whose earlier delivery's worker was not killed before the repeat: two live workers. */
    repeatedByLiveWorkers: string[]
    undelivered: string[]
  }
  childErrors: { count: number; warnings: number; sample: string[] }
}

const count = (map: Record<string, number>, key: string) => {
  map[key] = (map[key] ?? 0) + 1
}

const lines = <T>(file: string): T[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as T)
    : []

const json = (value: unknown): Record<string, unknown> => (typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : {})

const str = (value: unknown): string => String(value)
const strOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value))

export async function audit(input: {
  storage: KnexStorage
  knex: Knex
  subjects: readonly SubjectRun[]
  acknowledged: ReadonlySet<string>
  sendsFile: string
  eventsFile: string
  stderrFile: string
  killedAt: ReadonlyMap<number, number>
}): Promise<CrashAudit> {
  const { storage, knex, subjects } = input
  const table = (name: 'jobs' | 'webhook_events' | 'check_events' | 'outbox' | 'emails') => knex(storage.tables.ref(name))

  // ---- Jobs.
  const jobRows = (await table('jobs').select('id', 'type', 'status', 'attempts', 'max_attempts', 'last_error', 'ref_id')) as Row[]
  const processingJob = new Map<string, Row>()
  for (const row of jobRows) if (row.type === 'webhook.process') processingJob.set(str(row.ref_id), row)
  const jobs: CrashAudit['jobs'] = { total: jobRows.length, byType: {}, byStatus: {}, stuck: [], dead: [], deadByLeaseWithAttemptsLeft: [], reclaimed: 0, attempts: {} }
  for (const row of jobRows) {
    const job: DeadJob = { id: str(row.id), type: str(row.type), attempts: Number(row.attempts), maxAttempts: Number(row.max_attempts), lastError: strOrNull(row.last_error) }
    count(jobs.byType, job.type)
    count(jobs.byStatus, str(row.status))
    count(jobs.attempts, String(job.attempts))
    if (row.status === 'running') jobs.stuck.push(job)
    if (row.status === 'dead') jobs.dead.push(job)
    if (row.status === 'dead' && job.lastError?.startsWith('lease expired') && job.attempts < job.maxAttempts) jobs.deadByLeaseWithAttemptsLeft.push(job)
    if (job.lastError?.startsWith('lease expired')) jobs.reclaimed++
  }

  // ---- The webhook ledger against what was acknowledged.
  const ledgerRows = (await table('webhook_events').where('auth_outcome', 'ok').select('id', 'event_id', 'event_type', 'processing_outcome', 'error_code', 'attempts')) as Row[]
  const byEventId = new Map(ledgerRows.map((row) => [str(row.event_id), row]))
  const webhooks: CrashAudit['webhooks'] = { ledger: ledgerRows.length, outcomes: {}, lost: [], rejected: [] }
  for (const row of ledgerRows) {
    count(webhooks.outcomes, str(row.processing_outcome))
    if (row.processing_outcome === 'rejected') webhooks.rejected.push({ eventId: str(row.event_id), eventType: str(row.event_type), errorCode: strOrNull(row.error_code) })
  }
  for (const eventId of input.acknowledged) {
    const row = byEventId.get(eventId)
    const outcome = row ? str(row.processing_outcome) : 'missing'
    if (FINAL_OUTCOMES.has(outcome) || outcome === 'rejected') continue
    const job = row ? processingJob.get(str(row.id)) : undefined
    webhooks.lost.push({
      eventId,
      eventType: row ? str(row.event_type) : '?',
      outcome,
      ledgerAttempts: row ? Number(row.attempts) : 0,
      job: job ? `job ${str(job.id)} ${str(job.status)} after ${str(job.attempts)}/${str(job.max_attempts)} claims: ${strOrNull(job.last_error) ?? '-'}` : 'no job',
    })
  }

  // ---- Where each check ended.
  const checks: CrashAudit['checks'] = { atExpected: 0, wrong: [] }
  for (const s of subjects) {
    const all = await storage.checks.listForSubject(s.subjectId)
    const actual = all.length === 1 ? (all[0]?.state.status ?? 'none') : `${all.length} checks`
    if (actual === s.plan.expected) checks.atExpected++
    else checks.wrong.push({ subjectId: s.subjectId, scenario: `${s.plan.scenario}/${s.plan.decision ?? '-'}`, expected: s.plan.expected, actual })
  }

  // ---- History: each transition once.
  const historyRows = (await table('check_events').select('id', 'check_id', 'event_type', 'from_status', 'to_status', 'webhook_event_id').orderBy('id')) as Row[]
  const history: CrashAudit['history'] = { rows: historyRows.length, sameWebhookTwice: [], sameTransitionTwice: [] }
  const perWebhook = new Map<string, number>()
  const perTransition = new Map<string, number>()
  const historyOf = new Map<string, string[]>()
  for (const row of historyRows) {
    if (row.webhook_event_id !== null && row.webhook_event_id !== undefined) {
      const key = str(row.webhook_event_id)
      perWebhook.set(key, (perWebhook.get(key) ?? 0) + 1)
    }
    const transition = `${str(row.check_id)}|${str(row.event_type)}`
    perTransition.set(transition, (perTransition.get(transition) ?? 0) + 1)
    if (row.event_type !== 'check.invited') {
      const list = historyOf.get(str(row.check_id)) ?? []
      list.push(`${str(row.event_type)}: ${strOrNull(row.from_status) ?? '-'} -> ${str(row.to_status)}`)
      historyOf.set(str(row.check_id), list)
    }
  }
  for (const [webhookEventId, rows] of perWebhook) if (rows > 1) history.sameWebhookTwice.push({ webhookEventId, rows })
  for (const [key, rows] of perTransition) {
    const [checkId = '', eventType = ''] = key.split('|')
    if (rows > 1) history.sameTransitionTwice.push({ checkId, eventType, rows })
  }

  // ---- Outbox: one status-change event per history row, one of each per-check event.
  const outboxRows = (await table('outbox').select('id', 'type', 'check_id', 'payload').orderBy('id')) as Row[]
  const outbox: CrashAudit['outbox'] = { events: outboxRows.length, byType: {}, mismatched: [], duplicated: [] }
  const changesOf = new Map<string, string[]>()
  const perCheckType = new Map<string, number>()
  for (const row of outboxRows) {
    const type = str(row.type)
    count(outbox.byType, type)
    const checkId = str(row.check_id)
    if (type === 'check.status_changed') {
      const p = json(row.payload)
      const list = changesOf.get(checkId) ?? []
      list.push(`${str(p.cause)}: ${strOrNull(p.from) ?? '-'} -> ${str(p.to)}`)
      changesOf.set(checkId, list)
    } else {
      perCheckType.set(`${checkId}|${type}`, (perCheckType.get(`${checkId}|${type}`) ?? 0) + 1)
    }
  }
  for (const checkId of new Set([...historyOf.keys(), ...changesOf.keys()])) {
    const h = [...(historyOf.get(checkId) ?? [])].sort()
    const o = [...(changesOf.get(checkId) ?? [])].sort()
    if (JSON.stringify(h) !== JSON.stringify(o)) outbox.mismatched.push({ checkId, history: h, outbox: o })
  }
  for (const [key, events] of perCheckType) {
    const [checkId = '', type = ''] = key.split('|')
    if (events > 1) outbox.duplicated.push({ checkId, type, events })
  }

  // ---- Emails: the rows, what each subject should have had, and what the mail server accepted.
  const emailRows = (await table('emails').select('id', 'check_id', 'template', 'status', 'attempts', 'last_error')) as Row[]
  const emails: CrashAudit['emails'] = { rows: emailRows.length, byTemplate: {}, notSent: [], attempts: {}, recordedTwice: [], missing: [], unexpected: [] }
  const templatesOf = new Map<string, string[]>()
  for (const row of emailRows) {
    count(emails.byTemplate, str(row.template))
    count(emails.attempts, String(Number(row.attempts)))
    if (Number(row.attempts) > 1) emails.recordedTwice.push({ id: str(row.id), template: str(row.template), attempts: Number(row.attempts) })
    if (row.status !== 'sent') {
      emails.notSent.push({ id: str(row.id), template: str(row.template), status: str(row.status), attempts: Number(row.attempts), lastError: strOrNull(row.last_error) })
    }
    const list = templatesOf.get(str(row.check_id)) ?? []
    list.push(str(row.template))
    templatesOf.set(str(row.check_id), list)
  }
  for (const s of subjects) {
    const checkId = s.checkId ?? ''
    const got = [...(templatesOf.get(checkId) ?? [])]
    const required = [...(s.plan.decision !== null ? ['check_under_review'] : []), ...(s.plan.decision === 'adverse' ? ['pre_adverse_notice'] : [])]
    // Assess may rate the report before its completion is processed: then it never was `consider`.
    const optional = s.plan.scenario === 'late_assessment' ? ['check_under_review'] : []
    for (const template of required) {
      const at = got.indexOf(template)
      if (at < 0) emails.missing.push({ subjectId: s.subjectId, template })
      else got.splice(at, 1)
    }
    for (const template of optional) {
      const at = got.indexOf(template)
      if (at >= 0) got.splice(at, 1)
    }
    for (const template of got) emails.unexpected.push({ subjectId: s.subjectId, template })
  }

  const sent = lines<SentLine>(input.sendsFile)
  const rowById = new Map(emailRows.map((row) => [str(row.id), row]))
  const copies = new Map<string, number>()
  const mail: CrashAudit['mail'] = { sends: sent.length, duplicated: [], unidentifiable: [], sentButNeverAccepted: [] }
  for (const line of sent) {
    const row = rowById.get(line.emailId)
    if (!row || str(row.template) !== line.template) mail.unidentifiable.push(line)
    copies.set(line.emailId, (copies.get(line.emailId) ?? 0) + 1)
  }
  for (const [emailId, n] of copies) {
    if (n < 2) continue
    const sends = sent.filter((line) => line.emailId === emailId).sort((x, y) => x.at - y.at)
    const killedAfterMs = sends.slice(0, -1).map((line, i) => {
      const killed = input.killedAt.get(line.pid)
      const next = sends[i + 1]
      return killed !== undefined && next !== undefined && killed <= next.at ? killed - line.at : null
    })
    mail.duplicated.push({ emailId, template: str(rowById.get(emailId)?.template), copies: n, killedAfterMs })
  }
  for (const row of emailRows) if (row.status === 'sent' && !copies.has(str(row.id))) mail.sentButNeverAccepted.push(str(row.id))

  // ---- Host events: every outbox event reached the handler, at least once.
  const delivered = lines<EventLine>(input.eventsFile)
  const deliveredIds = new Set(delivered.map((line) => String(line.eventId)))
  const hostEvents: CrashAudit['hostEvents'] = {
    outbox: outboxRows.length,
    deliveries: delivered.length,
    redelivered: delivered.length - deliveredIds.size,
    repeatedByLiveWorkers: repeatsByLiveWorkers(delivered, input.killedAt),
    undelivered: outboxRows.map((row) => str(row.id)).filter((id) => !deliveredIds.has(id)),
  }

  // ---- What the workers logged (warnings: failed jobs; errors: faults).
  const logged = stderrLines(input.stderrFile)
  const errors = logged.filter((line) => line.level === 'error')
  const sample = [...new Set(errors.map((line) => `${line.message}${line.code ? ` (${line.code})` : ''}${line.type ? ` [${line.type}]` : ''}`))].slice(0, 8)
  const childErrors = { count: errors.length, warnings: logged.filter((line) => line.level === 'warn').length, sample }

  return { jobs, webhooks, checks, history, outbox, emails, mail, hostEvents, childErrors }
}

type LogLine = { level: string; message: string; code?: string; type?: string }

/** The workers' stderr: vetkit's log lines as JSON, anything else (a crash trace) as an error. */
function stderrLines(file: string): LogLine[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine
      } catch {
        return { level: 'error', message: line.slice(0, 200) }
      }
    })
}

/** Event ids delivered again while the worker of the previous delivery was still alive. */
function repeatsByLiveWorkers(delivered: readonly EventLine[], killedAt: ReadonlyMap<number, number>): string[] {
  const byId = new Map<string, EventLine[]>()
  for (const line of delivered) byId.set(String(line.eventId), [...(byId.get(String(line.eventId)) ?? []), line])
  const live: string[] = []
  for (const [eventId, copies] of byId) {
    const sorted = [...copies].sort((x, y) => x.at - y.at)
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1] as EventLine
      const killed = killedAt.get(previous.pid)
      if (killed === undefined || killed > (sorted[i] as EventLine).at) live.push(eventId)
    }
  }
  return live
}
