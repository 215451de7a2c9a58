import { CLOSED_REASONS } from '../../../domain/check-state'
import { alterStatements } from './alter-statements'
import type { Migration } from './migration'

/**
 * What the engine learnt to keep about a check under real provider traffic:
 * - the report's ETA (`report_eta`);
 * - the dispute pause arithmetic of an adverse action: the wait in business days, the whole days
 *   banked before a dispute, and when the current run began;
 * - an open dispute as a flag the review list can index (it may be open on a passed check);
 * - why a check closed (`closed_reason`), so an expired invitation is not a cancel.
 */
export const checkReviewFactsMigration: Migration = {
  name: '0002_check_review_facts',
  statements(ctx) {
    const { names } = ctx
    const index = (suffix: string) => `${names.prefix}checks_${suffix}`
    return [
      ...alterStatements(ctx, names.bare('checks'), (t) => {
        t.bigInteger('report_eta').nullable()
        t.integer('adverse_wait_days').nullable()
        t.integer('adverse_days_elapsed').nullable()
        t.bigInteger('adverse_running_since').nullable()
        t.boolean('in_dispute').notNullable().defaultTo(false)
        t.string('closed_reason', 32).nullable()
        // knex binds no identifiers in an ALTER's CHECK: the column name is written out (a fixed identifier).
        t.check(`closed_reason in (${CLOSED_REASONS.map((r) => `'${r}'`).join(', ')})`, [], index('closed_reason_check'))
        t.index(['in_dispute', 'created_at', 'id'], index('in_dispute'))
        t.index(['closed_reason', 'created_at', 'id'], index('closed_reason'))
      }),
    ]
  },
}
