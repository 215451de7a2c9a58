import { testSealer } from '@vetkit/core/testing'
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
const BIND = { eventId: 1, eventType: 2, sealedEvent: 7 } as const


/** Checks that a capture is the single intake statement, with `request`'s values where the baseline puts its own. */
export function intakeTemplate(captured: readonly Statement[], request: PreparedWebhook, provider: string): IntakeTemplate {
  const [statement, ...rest] = captured
  if (statement === undefined || rest.length > 0 || !/^WITH ins AS \(\s*INSERT INTO \S+webhook_events"/.test(statement.sql)) {
    throw new Error(`a receive sent an unexpected sequence; update the bench:\n${captured.map((s) => s.sql).join('\n')}`)
  }
  // The sealed event differs per call (a fresh nonce): check that one by what it decrypts to.
  const sealed = statement.bindings[BIND.sealedEvent]
  const expected: [keyof typeof BIND, boolean][] = [
    ['eventId', statement.bindings[BIND.eventId] === request.eventId],
    ['eventType', statement.bindings[BIND.eventType] === request.type],
    ['sealedEvent', typeof sealed === 'string' && testSealer().open(sealed, `${provider}.webhook_event`) === JSON.stringify(request.queued)],
  ]
  for (const [name, matches] of expected) {
    if (!matches) throw new Error(`the captured intake statement does not bind the ${name} at $${BIND[name] + 1}; update the bench:\n${statement.sql}`)
  }
  return { statement }
}

/**
 * The baseline's whole job once the body is read: take the event id and type from the JSON body,
 * bind them (and the event as vetkit seals it, prepared beforehand: the baseline parses and
 * encrypts nothing else) into vetkit's captured statement, retargeted to the baseline's own tables, and send it
 * through the bare `pg` pool. Throws unless it inserted the job (a new event).
 */
export function baselineIntake(
  pool: RawPool,
  template: IntakeTemplate,
  schema: string,
  tables: { from: string; to: string },
  sealedEvents: ReadonlyMap<string, string>,
): (rawBody: Buffer) => Promise<void> {
  const sql = retargeter(schema, tables.from, tables.to)(template.statement.sql)
  return async (rawBody) => {
    const event = JSON.parse(rawBody.toString('utf8')) as { id?: unknown; type?: unknown }
    const eventId = String(event.id)
    const sealed = sealedEvents.get(eventId)
    if (sealed === undefined) throw new Error(`unknown event ${eventId}`)
    const bindings = [...template.statement.bindings]
    bindings[BIND.eventId] = eventId
    bindings[BIND.eventType] = String(event.type)
    bindings[BIND.sealedEvent] = sealed
    const result = await pool.query(sql, bindings)
    if (result.rows.length !== 1) throw new Error(`event ${eventId} inserted ${result.rows.length} jobs`)
  }
}
