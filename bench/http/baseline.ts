import type { RawPool } from '../storage/databases'
import { retargeter, type Statement } from '../webhooks/capture'
import type { PreparedWebhook } from '../webhooks/world'

/**
 * The statement one `webhooks.receive` sends on PostgreSQL (captured from knex's `query` event): a
 * CTE that inserts the ledger row and, only if it was new, the `webhook.process` job.
 */
export interface IntakeTemplate {
  statement: Statement
}

/** Where a request's own values go in the captured bindings (checked against the capture). */
const BIND = { eventId: 1, eventType: 2, payloadSuffix: 9 } as const

/** The job payload's tail vetkit binds for an event: `",` + its queued JSON without the `{`. */
export const payloadSuffix = (request: PreparedWebhook): string => `",${JSON.stringify({ event: request.queued }).slice(1)}`

/** Checks that a capture is the single intake statement, with `request`'s values where the baseline puts its own. */
export function intakeTemplate(captured: readonly Statement[], request: PreparedWebhook): IntakeTemplate {
  const [statement, ...rest] = captured
  if (statement === undefined || rest.length > 0 || !/^WITH ins AS \(\s*INSERT INTO \S+webhook_events"/.test(statement.sql)) {
    throw new Error(`a receive sent an unexpected sequence; update the bench:\n${captured.map((s) => s.sql).join('\n')}`)
  }
  const expected: [keyof typeof BIND, unknown][] = [
    ['eventId', request.eventId],
    ['eventType', request.type],
    ['payloadSuffix', payloadSuffix(request)],
  ]
  for (const [name, value] of expected) {
    if (statement.bindings[BIND[name]] !== value) {
      throw new Error(`the captured intake statement does not bind the ${name} at $${BIND[name] + 1}; update the bench:\n${statement.sql}`)
    }
  }
  return { statement }
}

/**
 * The baseline's whole job once the body is read: take the event id and type from the JSON body,
 * bind them (and the event's queued payload, prepared beforehand: the baseline parses nothing
 * else) into vetkit's captured statement, retargeted to the baseline's own tables, and send it
 * through the bare `pg` pool. Throws unless it inserted the job (a new event).
 */
export function baselineIntake(
  pool: RawPool,
  template: IntakeTemplate,
  schema: string,
  tables: { from: string; to: string },
  suffixes: ReadonlyMap<string, string>,
): (rawBody: Buffer) => Promise<void> {
  const sql = retargeter(schema, tables.from, tables.to)(template.statement.sql)
  return async (rawBody) => {
    const event = JSON.parse(rawBody.toString('utf8')) as { id?: unknown; type?: unknown }
    const eventId = String(event.id)
    const suffix = suffixes.get(eventId)
    if (suffix === undefined) throw new Error(`unknown event ${eventId}`)
    const bindings = [...template.statement.bindings]
    bindings[BIND.eventId] = eventId
    bindings[BIND.eventType] = String(event.type)
    bindings[BIND.payloadSuffix] = suffix
    const result = await pool.query(sql, bindings)
    if (result.rows.length !== 1) throw new Error(`event ${eventId} inserted ${result.rows.length} jobs`)
  }
}
