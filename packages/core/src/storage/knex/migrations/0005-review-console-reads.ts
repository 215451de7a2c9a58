import { alterStatements } from './alter-statements'
import type { Migration } from './migration'

/**
 * The review console's reads, each on an index: the admin list by last update (as well as by
 * creation), and a check's emails on its detail page.
 */
export const reviewConsoleReadsMigration: Migration = {
  name: '0005_review_console_reads',
  statements(ctx) {
    const { names } = ctx
    return [
      ...alterStatements(ctx, names.bare('checks'), (t) => {
        t.index(['updated_at', 'id'], `${names.prefix}checks_updated`)
      }),
      ...alterStatements(ctx, names.bare('emails'), (t) => {
        t.index(['check_id', 'created_at'], `${names.prefix}emails_check`)
      }),
    ]
  },
}
