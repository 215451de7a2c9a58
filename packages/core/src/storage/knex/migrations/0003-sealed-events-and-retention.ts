import { alterStatements } from './alter-statements'
import type { Migration } from './migration'

/**
 * Hardening found by attack:
 * - a webhook's parsed event is kept sealed on its ledger row (`event_enc`), so the processing
 *   job carries only the ledger id, never provider ids in clear;
 * - the provider's adverse-action id is sealed on the check (it was in a history row's details);
 * - refused deliveries are counted on one row per source, reason and hour (`refusal_key`), so
 *   unsigned POSTs cannot grow the ledger without bound;
 * - finished jobs are pruned by age: the index keeps the prune a range scan.
 */
export const sealedEventsAndRetentionMigration: Migration = {
  name: '0003_sealed_events_and_retention',
  statements(ctx) {
    const { names } = ctx
    return [
      ...alterStatements(ctx, names.bare('webhook_events'), (t) => {
        t.text('event_enc').nullable()
        t.string('source', 64).nullable()
        t.string('refusal_key', 191).nullable()
        t.bigInteger('last_received_at').nullable()
        t.unique(['refusal_key'], { indexName: `${names.prefix}webhook_events_refusal` })
      }),
      ...alterStatements(ctx, names.bare('checks'), (t) => {
        t.text('adverse_action_id_enc').nullable()
      }),
      ...alterStatements(ctx, names.bare('jobs'), (t) => {
        t.index(['status', 'updated_at'], `${names.prefix}jobs_finished`)
      }),
    ]
  },
}
