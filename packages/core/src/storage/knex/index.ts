// @vetkit/core/knex: vetkit's storage on knex, for PostgreSQL, MySQL/MariaDB and PGlite.
export { createKnexStorage } from './knex-storage'
export type { KnexStorage, KnexStorageOptions } from './knex-storage'
export { SchemaOutOfDateError } from './schema-manager'
export type { SchemaStatus } from './schema-manager'
export type { GoLiveGateOptions } from './go-live-gate'
export { isGoLiveRefusal, isTriggerRefusal, isUniqueViolation, GO_LIVE_GATE_MESSAGE, APPEND_ONLY_MESSAGE } from './dialect'
export type { Dialect } from './dialect'
export { TableNames } from './table-names'
