import { ConfigurationError } from '../../errors'
import { assertIdentifier, GO_LIVE_GATE_MESSAGE, quote, type Dialect } from './dialect'
import type { Statement } from './migrations/migration'
import type { TableNames } from './table-names'

/** Where the host keeps its workers and their "live" flag. */
export interface GoLiveGateOptions {
  /** The host's table, e.g. `instructors`. */
  table: string
  /** Its primary key; vetkit subjects use the same id (as text). Default `id`. */
  idColumn?: string
  /** Its boolean "live" flag. Default `is_live`. */
  liveColumn?: string
  /** PostgreSQL schema of the host table, when not on the search path. */
  schema?: string
}

export interface ResolvedGoLiveGate {
  table: string
  idColumn: string
  liveColumn: string
  schema: string | null
}

export function resolveGoLiveGate(options: GoLiveGateOptions): ResolvedGoLiveGate {
  return {
    table: assertIdentifier(options.table, 'goLiveGate.table'),
    idColumn: assertIdentifier(options.idColumn ?? 'id', 'goLiveGate.idColumn'),
    liveColumn: assertIdentifier(options.liveColumn ?? 'is_live', 'goLiveGate.liveColumn'),
    schema: options.schema === undefined ? null : assertIdentifier(options.schema, 'goLiveGate.schema'),
  }
}

/**
 * The go-live gate: a trigger on the host's own table that refuses to make a row live (on insert,
 * or on an update that turns the flag on or changes the id) unless vetkit's subject with that id
 * is eligible right now (`eligible_until` in the future, by the database clock). It fires for
 * every writer, including raw SQL from outside vetkit. Updates that leave a live row live pass,
 * so editing a profile never fails; ending eligibility takes the row offline through vetkit.
 */
export function goLiveGateStatements(dialect: Dialect, names: TableNames, options: GoLiveGateOptions): Statement[] {
  const gate = resolveGoLiveGate(options)
  const q = (identifier: string) => quote(dialect, identifier)
  const host = gate.schema ? `${q(gate.schema)}.${q(gate.table)}` : q(gate.table)
  const id = q(gate.idColumn)
  const live = q(gate.liveColumn)
  const subjects = names.sql('subjects')
  const message = `${GO_LIVE_GATE_MESSAGE}: the subject is not eligible to go live (no passed, unexpired background check)`
  const trigger = checkedName(names.object(`gate_${gate.table}`), 'goLiveGate.table')

  if (dialect === 'postgres') {
    const fnName = names.schema ? `${q(names.schema)}.${q(trigger)}` : q(trigger)
    return [
      {
        sql:
          `CREATE OR REPLACE FUNCTION ${fnName}() RETURNS trigger LANGUAGE plpgsql AS $vetkit$ BEGIN ` +
          `IF NEW.${live} IS TRUE AND (TG_OP = 'INSERT' OR OLD.${live} IS NOT TRUE OR NEW.${id} IS DISTINCT FROM OLD.${id}) ` +
          `AND NOT EXISTS (SELECT 1 FROM ${subjects} s WHERE s.id = NEW.${id}::text ` +
          `AND s.eligible_until > (extract(epoch from clock_timestamp()) * 1000)) THEN ` +
          `RAISE EXCEPTION '${message}' USING ERRCODE = '23514'; END IF; RETURN NEW; END $vetkit$`,
        compound: false,
      },
      { sql: `DROP TRIGGER IF EXISTS ${q(trigger)} ON ${host}`, compound: false },
      { sql: `CREATE TRIGGER ${q(trigger)} BEFORE INSERT OR UPDATE ON ${host} FOR EACH ROW EXECUTE FUNCTION ${fnName}()`, compound: false },
    ]
  }

  const eligible =
    `EXISTS (SELECT 1 FROM ${subjects} s WHERE s.id = CONVERT(NEW.${id} USING utf8mb4) COLLATE utf8mb4_bin ` +
    `AND s.eligible_until > UNIX_TIMESTAMP(NOW(3)) * 1000)`
  const refuse = `SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${message}';`
  const insertName = checkedName(`${trigger}_bi`, 'goLiveGate.table')
  const updateName = checkedName(`${trigger}_bu`, 'goLiveGate.table')
  return [
    { sql: `DROP TRIGGER IF EXISTS ${q(insertName)}`, compound: false },
    {
      sql: `CREATE TRIGGER ${q(insertName)} BEFORE INSERT ON ${host} FOR EACH ROW BEGIN IF COALESCE(NEW.${live}, 0) <> 0 AND NOT ${eligible} THEN ${refuse} END IF; END`,
      compound: true,
    },
    { sql: `DROP TRIGGER IF EXISTS ${q(updateName)}`, compound: false },
    {
      sql:
        `CREATE TRIGGER ${q(updateName)} BEFORE UPDATE ON ${host} FOR EACH ROW BEGIN ` +
        `IF COALESCE(NEW.${live}, 0) <> 0 AND (COALESCE(OLD.${live}, 0) = 0 OR NOT (NEW.${id} <=> OLD.${id})) AND NOT ${eligible} THEN ${refuse} END IF; END`,
      compound: true,
    },
  ]
}

function checkedName(name: string, setting: string): string {
  if (name.length > 63) throw new ConfigurationError(setting, `the trigger name "${name}" would exceed 63 characters; use a shorter table prefix`)
  return name
}
