import { alterStatements } from './alter-statements'
import type { Migration } from './migration'

/**
 * A job names the row it works on (a webhook's ledger row) in its own column, bound by the
 * statement that inserts both, instead of an id spliced into its JSON payload.
 */
export const jobRefsMigration: Migration = {
  name: '0004_job_refs',
  statements(ctx) {
    return alterStatements(ctx, ctx.names.bare('jobs'), (t) => {
      t.string('ref_id', 64).nullable()
    })
  },
}
