import { initialMigration } from './0001-initial'
import { checkReviewFactsMigration } from './0002-check-review-facts'
import { sealedEventsAndRetentionMigration } from './0003-sealed-events-and-retention'
import { jobRefsMigration } from './0004-job-refs'
import { reviewConsoleReadsMigration } from './0005-review-console-reads'
import type { Migration } from './migration'

/** Every migration, in order. Append only: a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [initialMigration, checkReviewFactsMigration, sealedEventsAndRetentionMigration, jobRefsMigration, reviewConsoleReadsMigration]
