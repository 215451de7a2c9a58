import type { Knex } from 'knex'
import type { ProviderIdSealer } from '../../crypto/provider-id-sealer'
import type { Storage } from '../../ports/storage'
import type { StorageBackend } from '../../ports/storage-backend'
import { sealStores } from '../seal-storage'
import { checkStore } from './check-store'
import { consentStore } from './consent-store'
import { detectDialect, withLockRetry, type Dialect } from './dialect'
import { emailStore } from './email-store'
import { ConfigurationError } from '../../errors'
import { statsStore } from './stats-store'
import { goLiveGateStatements, resolveGoLiveGate, type GoLiveGateOptions } from './go-live-gate'
import { historyStore } from './history-store'
import { jobQueue } from './job-queue'
import { outboxStore } from './outbox-store'
import { SchemaManager, type SchemaStatus } from './schema-manager'
import { translateStorageError, withStorageErrors } from './storage-errors'
import { isTransaction, type StoreContext } from './store-context'
import { subjectStore } from './subject-store'
import { TableNames } from './table-names'
import { throttleStore } from './throttle-store'
import { webhookLedger } from './webhook-ledger'

export interface KnexStorageOptions {
  /** The host's knex instance (pg, mysql2 or knex-pglite). vetkit never closes it. */
  knex: Knex
  /** Encrypts provider ids and computes their blind indexes (see `createProviderIdSealer`). */
  sealer: ProviderIdSealer
  /** Prefix of every vetkit table, trigger and function. Default `vetkit_`. */
  tablePrefix?: string
  /** PostgreSQL schema for vetkit's tables (created by `migrate()`). Default: the search path. */
  schema?: string
  /**
   * The host's table guarded by the go-live gate. When set, vetkit takes a subject's row offline
   * in the same transaction that ends its eligibility, and `installGoLiveGate()` needs no argument.
   */
  goLiveGate?: GoLiveGateOptions
}

/** What the knex backend adds to the port: its dialect, its tables, migrations and the gate's DDL. */
export interface KnexStorageExtras {
  readonly dialect: Dialect
  /** True on PGlite (one connection: work is serialised). */
  readonly embedded: boolean
  readonly tables: TableNames
  /** Applies pending migrations (idempotent; safe to run from several processes at once). */
  migrate(): Promise<{ applied: string[] }>
  schemaStatus(): Promise<SchemaStatus>
  /** Throws `schema_out_of_date`, saying what to run, unless the schema is current. */
  assertSchemaCurrent(): Promise<void>
  /** The whole schema as SQL, for hosts that apply migrations with their own tool. */
  migrationSql(): string
  /** Installs (or replaces) the go-live gate trigger on the host's table. */
  installGoLiveGate(options?: GoLiveGateOptions): Promise<void>
  /** The gate's DDL, for hosts that apply migrations with their own tool. */
  goLiveGateSql(options?: GoLiveGateOptions): string
}

export interface KnexStorage extends Storage, KnexStorageExtras {
  /** A storage whose every operation runs in the host's knex transaction. */
  withTransaction(trx: Knex.Transaction): KnexStorage
  transaction<T>(fn: (tx: KnexStorage) => Promise<T>): Promise<T>
}

/** The backend itself: the port with provider ids sealed by core, so nothing here holds a key. */
interface KnexBackend extends StorageBackend, KnexStorageExtras {
  withTransaction(trx: Knex.Transaction): KnexBackend
  transaction<T>(fn: (tx: KnexBackend) => Promise<T>): Promise<T>
}

export function createKnexStorage(options: KnexStorageOptions): KnexStorage {
  const { dialect, embedded } = detectDialect(options.knex)
  const names = new TableNames(dialect, options.tablePrefix ?? 'vetkit_', dialect === 'postgres' ? (options.schema ?? null) : null)
  const gate = options.goLiveGate ? resolveGoLiveGate(options.goLiveGate) : null
  return sealed(build({ root: options.knex, db: options.knex, dialect, names, gate }, embedded), options.sealer)
}

/** The host's storage: core seals the provider ids over the backend (`sealStores`). */
function sealed(backend: KnexBackend, sealer: ProviderIdSealer): KnexStorage {
  return {
    ...backend,
    ...sealStores(backend, sealer),
    usesTestEncryptionKeys: sealer.testKeys === true,
    withTransaction: (trx) => sealed(backend.withTransaction(trx), sealer),
    transaction: (fn) => backend.transaction((tx) => fn(sealed(tx, sealer))),
  }
}

function build(ctx: StoreContext, embedded: boolean): KnexBackend {
  const schema = new SchemaManager(ctx.root, ctx.dialect, ctx.names)
  // A forgotten migrate() or an unreachable database surfaces as an error that says so, from
  // whichever store (or transaction) hit it first.
  const guard = <T extends object>(store: T) => withStorageErrors(store, ctx.names)
  const translated = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      throw translateStorageError(error, ctx.names)
    }
  }
  const storage: KnexBackend = {
    dialect: ctx.dialect,
    embedded,
    tables: ctx.names,
    subjects: guard(subjectStore(ctx)),
    consents: guard(consentStore(ctx)),
    checks: guard(checkStore(ctx)),
    history: guard(historyStore(ctx)),
    webhooks: guard(webhookLedger(ctx)),
    throttles: guard(throttleStore(ctx)),
    emails: guard(emailStore(ctx)),
    outbox: guard(outboxStore(ctx)),
    jobs: guard(jobQueue(ctx)),
    stats: guard(statsStore(ctx)),
    withTransaction: (trx) => build({ ...ctx, db: trx }, embedded),
    async transaction(fn) {
      // Nested calls join the transaction this storage is bound to.
      if (isTransaction(ctx.db)) return fn(storage)
      // A deadlock victim is rolled back whole: run it again (fn must be safe to repeat, which
      // vetkit's are: provider calls inside carry idempotency keys chosen before the transaction).
      return translated(() => withLockRetry(() => ctx.root.transaction((trx) => fn(build({ ...ctx, db: trx }, embedded)))))
    },
    ping: () => translated(async () => {
      await ctx.db.raw('select 1')
    }),
    async schemaState() {
      const status = await translated(() => schema.status())
      return { current: status.pending.length === 0 && status.unknown.length === 0, pending: status.pending }
    },
    migrate: () => schema.migrate(),
    schemaStatus: () => schema.status(),
    assertSchemaCurrent: () => schema.assertCurrent(),
    migrationSql: () => schema.migrationSql(),
    async installGoLiveGate(gate) {
      for (const statement of goLiveGateStatements(ctx.dialect, ctx.names, gateOptions(ctx, gate))) await ctx.db.raw(statement.sql)
    },
    goLiveGateSql(gate) {
      return goLiveGateStatements(ctx.dialect, ctx.names, gateOptions(ctx, gate))
        .map((s) => (s.compound && ctx.dialect === 'mysql' ? `DELIMITER //\n${s.sql} //\nDELIMITER ;` : `${s.sql};`))
        .join('\n')
    },
  }
  return storage
}

function gateOptions(ctx: StoreContext, given: GoLiveGateOptions | undefined): GoLiveGateOptions {
  if (given) return given
  if (ctx.gate) {
    const { table, idColumn, liveColumn, schema } = ctx.gate
    return { table, idColumn, liveColumn, ...(schema ? { schema } : {}) }
  }
  throw new ConfigurationError('goLiveGate', 'name the host table: installGoLiveGate({ table, idColumn, liveColumn }) or createKnexStorage({ goLiveGate })')
}
