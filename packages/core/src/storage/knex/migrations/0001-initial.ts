import type { Knex } from 'knex'
import { CHECK_STATUSES } from '../../../domain/check-status'
import { quote } from '../dialect'
import type { Migration, MigrationContext, Statement } from './migration'
import { appendOnlyTriggers } from './append-only-triggers'

/**
 * The first schema. Conventions, all for portability across PostgreSQL, MySQL/MariaDB and PGlite:
 * - times are BIGINT Unix milliseconds (UTC by construction: no session time zone, no 2038 limit
 *   of MySQL TIMESTAMP, one representation in every driver);
 * - JSON is TEXT that vetkit parses (no dialect JSON operators are needed);
 * - public ids are UUIDv7 strings; internal sequences are BIGINT auto-increments;
 * - statuses are guarded by CHECK constraints; history tables by append-only triggers.
 */
const JOB_STATUSES = ['queued', 'running', 'completed', 'dead']
const EMAIL_STATUSES = ['queued', 'sent', 'failed', 'suppressed']
const AUTH_OUTCOMES = ['ok', 'bad_signature', 'placeholder_signature', 'bad_basic_auth', 'malformed']
const PROCESSING_OUTCOMES = ['queued', 'applied', 'ignored', 'rejected', 'parked', 'failed', 'dead', 'not_processed']
const ACTOR_KINDS = ['admin', 'subject', 'system', 'host', 'provider']

export const initialMigration: Migration = {
  name: '0001_initial',
  statements(ctx) {
    const { names } = ctx
    const create = (table: Parameters<typeof names.bare>[0], build: (t: Knex.CreateTableBuilder) => void) =>
      tableStatements(ctx, names.bare(table), build)
    const check = (table: string, column: string) => `${names.prefix}${table}_${column}_check`
    const index = (table: string, suffix: string) => `${names.prefix}${table}_${suffix}`

    return [
      ...create('subjects', (t) => {
        t.string('id', 191).primary()
        t.string('email', 320).nullable()
        t.string('display_name', 200).nullable()
        t.bigInteger('eligible_until').nullable()
        t.bigInteger('created_at').notNullable()
        t.bigInteger('updated_at').notNullable()
        // PostgreSQL gets a pattern index below, so that `LIKE 'prefix%'` uses it under any collation.
        if (ctx.dialect === 'mysql') t.index(['email'], index('subjects', 'email'))
        // The sweep finds lapsed eligibility by range: cost follows the number lapsed.
        t.index(['eligible_until'], index('subjects', 'eligible_until'))
      }),

      ...(ctx.dialect === 'postgres'
        ? [{ sql: `CREATE INDEX ${quote(ctx.dialect, index('subjects', 'email'))} ON ${names.sql('subjects')} (email text_pattern_ops)`, compound: false }]
        : []),

      ...create('consents', (t) => {
        t.string('id', 36).primary()
        t.string('subject_id', 191).notNullable().references('id').inTable(names.ref('subjects'))
        t.string('disclosure_version', 100).notNullable()
        t.string('authorization_text_hash', 100).notNullable()
        t.string('signature_name', 200).notNullable()
        t.bigInteger('signed_at').notNullable()
        t.string('ip', 64).nullable()
        t.string('user_agent', 512).nullable()
        t.bigInteger('created_at').notNullable()
        t.index(['subject_id', 'signed_at'], index('consents', 'subject'))
      }),

      ...create('checks', (t) => {
        t.string('id', 36).primary()
        t.string('subject_id', 191).notNullable().references('id').inTable(names.ref('subjects'))
        t.string('provider', 32).notNullable()
        t.string('package_slug', 100).notNullable()
        t.string('jurisdiction', 64).notNullable()
        t.string('status', 16).notNullable()
        oneOf(t, 'status', [...CHECK_STATUSES], check('checks', 'status'))
        t.integer('version').notNullable().defaultTo(0)
        // Provider ids: AES-256-GCM ciphertext plus an HMAC blind index for lookups.
        t.text('candidate_id_enc').nullable()
        t.string('candidate_id_idx', 64).nullable()
        t.text('invitation_id_enc').nullable()
        t.string('invitation_id_idx', 64).nullable()
        t.text('invitation_url_enc').nullable()
        t.text('report_id_enc').nullable()
        t.string('report_id_idx', 64).nullable()
        t.string('outcome', 16).nullable()
        oneOf(t, 'outcome', ['clear', 'consider'], check('checks', 'outcome'))
        t.bigInteger('report_completed_at').nullable()
        t.bigInteger('cleared_at').nullable()
        t.bigInteger('valid_until').nullable()
        t.bigInteger('final_adverse_at').nullable()
        t.bigInteger('closed_at').nullable()
        t.bigInteger('cursor_at').nullable()
        t.smallint('cursor_rank').nullable()
        t.bigInteger('adverse_started_at').nullable()
        t.text('adverse_items').nullable()
        t.string('adverse_medium', 16).nullable()
        oneOf(t, 'adverse_medium', ['email', 'postal'], check('checks', 'adverse_medium'))
        t.boolean('adverse_written_dispute').nullable()
        t.bigInteger('adverse_earliest_final_at').nullable()
        t.bigInteger('adverse_final_due_at').nullable()
        t.bigInteger('dispute_opened_at').nullable()
        t.string('dispute_source', 16).nullable()
        oneOf(t, 'dispute_source', ['provider', 'vetkit'], check('checks', 'dispute_source'))
        t.boolean('dispute_written').nullable()
        t.string('previous_check_id', 36).nullable()
        t.bigInteger('next_reminder_at').nullable()
        t.bigInteger('created_at').notNullable()
        t.bigInteger('updated_at').notNullable()
        t.index(['subject_id', 'created_at'], index('checks', 'subject'))
        t.index(['created_at', 'id'], index('checks', 'created'))
        t.index(['status', 'created_at', 'id'], index('checks', 'status_created'))
        t.index(['status', 'valid_until', 'id'], index('checks', 'status_valid_until'))
        t.index(['status', 'adverse_final_due_at'], index('checks', 'final_due'))
        t.index(['next_reminder_at'], index('checks', 'next_reminder'))
        t.index(['provider', 'candidate_id_idx'], index('checks', 'candidate'))
        t.unique(['provider', 'invitation_id_idx'], { indexName: index('checks', 'invitation') })
        t.unique(['provider', 'report_id_idx'], { indexName: index('checks', 'report') })
      }),

      ...create('check_events', (t) => {
        t.bigIncrements('id')
        t.string('check_id', 36).notNullable().references('id').inTable(names.ref('checks'))
        t.string('subject_id', 191).notNullable()
        t.string('event_type', 64).notNullable()
        t.string('from_status', 16).nullable()
        oneOf(t, 'from_status', [...CHECK_STATUSES], check('check_events', 'from'))
        t.string('to_status', 16).notNullable()
        oneOf(t, 'to_status', [...CHECK_STATUSES], check('check_events', 'to'))
        t.string('actor_kind', 16).notNullable()
        oneOf(t, 'actor_kind', ACTOR_KINDS, check('check_events', 'actor'))
        t.string('actor_id', 191).notNullable()
        t.text('reason').nullable()
        t.bigInteger('webhook_event_id').nullable()
        t.text('details').nullable()
        t.bigInteger('occurred_at').notNullable()
        t.bigInteger('recorded_at').notNullable()
        t.index(['check_id', 'id'], index('check_events', 'check'))
      }),

      ...create('webhook_events', (t) => {
        t.bigIncrements('id')
        t.string('provider', 32).notNullable()
        t.string('event_id', 191).nullable()
        t.string('event_type', 100).nullable()
        t.bigInteger('received_at').notNullable()
        t.integer('http_status').notNullable()
        t.string('auth_outcome', 32).notNullable()
        oneOf(t, 'auth_outcome', AUTH_OUTCOMES, check('webhook_events', 'auth'))
        t.string('processing_outcome', 32).notNullable()
        oneOf(t, 'processing_outcome', PROCESSING_OUTCOMES, check('webhook_events', 'processing'))
        t.bigInteger('processed_at').nullable()
        t.string('error_code', 64).nullable()
        t.string('check_id', 36).nullable()
        t.integer('attempts').notNullable().defaultTo(0)
        t.unique(['provider', 'event_id'], { indexName: index('webhook_events', 'event') })
        t.index(['received_at', 'id'], index('webhook_events', 'received'))
        t.index(['event_type', 'received_at', 'id'], index('webhook_events', 'type'))
        t.index(['processing_outcome', 'received_at', 'id'], index('webhook_events', 'outcome'))
      }),

      ...create('jobs', (t) => {
        t.bigIncrements('id')
        t.string('type', 64).notNullable()
        t.text('payload', 'mediumtext').notNullable()
        t.string('status', 16).notNullable()
        oneOf(t, 'status', JOB_STATUSES, check('jobs', 'status'))
        t.bigInteger('run_at').notNullable()
        t.integer('attempts').notNullable().defaultTo(0)
        t.integer('max_attempts').notNullable().defaultTo(5)
        t.string('dedupe_key', 191).nullable()
        t.string('locked_by', 64).nullable()
        t.string('claim_token', 36).nullable()
        t.bigInteger('locked_until').nullable()
        t.text('last_error').nullable()
        t.bigInteger('created_at').notNullable()
        t.bigInteger('updated_at').notNullable()
        t.bigInteger('completed_at').nullable()
        t.unique(['dedupe_key'], { indexName: index('jobs', 'dedupe') })
        t.index(['status', 'run_at', 'id'], index('jobs', 'due'))
        t.index(['status', 'locked_until'], index('jobs', 'lease'))
      }),

      ...create('throttles', (t) => {
        t.string('throttle_key', 191).primary()
        t.bigInteger('window_started_at').notNullable()
        t.integer('hits').notNullable()
        t.index(['window_started_at'], index('throttles', 'window'))
      }),

      ...create('emails', (t) => {
        t.string('id', 36).primary()
        t.string('dedupe_key', 191).notNullable()
        t.string('subject_id', 191).notNullable()
        t.string('check_id', 36).nullable()
        t.string('template', 64).notNullable()
        t.text('data').notNullable()
        t.string('status', 16).notNullable()
        oneOf(t, 'status', EMAIL_STATUSES, check('emails', 'status'))
        t.integer('attempts').notNullable().defaultTo(0)
        t.text('last_error').nullable()
        t.string('provider_message_id', 255).nullable()
        t.bigInteger('created_at').notNullable()
        t.bigInteger('sent_at').nullable()
        t.unique(['dedupe_key'], { indexName: index('emails', 'dedupe') })
        t.index(['subject_id', 'created_at'], index('emails', 'subject'))
      }),

      ...create('outbox', (t) => {
        t.bigIncrements('id')
        t.string('type', 64).notNullable()
        t.string('subject_id', 191).nullable()
        t.string('check_id', 36).nullable()
        t.text('payload').notNullable()
        t.bigInteger('created_at').notNullable()
      }),

      ...appendOnlyTriggers(ctx, ['consents', 'check_events', 'outbox']),
    ]
  },
}

/**
 * A table-level CHECK that the column is one of `values`. (MariaDB rejects named CHECK
 * constraints written inline on a column, so they are declared on the table.)
 */
function oneOf(t: Knex.CreateTableBuilder, column: string, values: readonly string[], name: string): void {
  t.check(`?? in (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`, [column], name)
}

/** DDL for one table through knex's schema builder, rendered to plain statements. */
function tableStatements(ctx: MigrationContext, table: string, build: (t: Knex.CreateTableBuilder) => void): Statement[] {
  const schema = ctx.names.schema ? ctx.knex.schema.withSchema(ctx.names.schema) : ctx.knex.schema
  const builder = schema.createTable(table, (t) => {
    if (ctx.dialect === 'mysql') {
      // Exact, case-sensitive ids and full Unicode whatever the database default is.
      t.charset('utf8mb4')
      t.collate('utf8mb4_bin')
      t.engine('InnoDB')
    }
    build(t)
  })
  return builder.toSQL().map((query) => ({ sql: ctx.knex.raw(query.sql, query.bindings).toQuery(), compound: false }))
}
