/**
 * tests/faults is not a workspace package, so `knex` (and its drivers) is not resolvable from
 * here. It is loaded from @vetkit/core's own dev dependencies (the copies vetkit's tests use), and
 * its types are imported by path, as bench/storage/deps.ts does.
 */
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { Knex } from '../../../packages/core/node_modules/knex'

export type { Knex }

/** @vetkit/core's package.json: `knex`, `pg` and `mysql2` resolve from there. */
export const CORE_PACKAGE_JSON = fileURLToPath(new URL('../../../packages/core/package.json', import.meta.url))

/** The worker process is bundled elsewhere, so it passes the path it was given by the test. */
export function loadKnex(corePackageJson: string = CORE_PACKAGE_JSON): (config: Knex.Config) => Knex {
  return createRequire(corePackageJson)('knex') as (config: Knex.Config) => Knex
}
