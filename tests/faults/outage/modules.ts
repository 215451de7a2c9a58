import type { RequestListener } from 'node:http'
import { createRequire } from 'node:module'
import type { KnexStorageOptions } from '@vetkit/core/knex'
import type { VetkitExpressHandler } from '../../../packages/express-adapter/src'

/**
 * knex and Express, loaded from the packages that depend on them (the workspace root does not):
 * knex (with its pg driver) as @vetkit/core has it, Express as @vetkit/express has it. Typed by
 * what this test uses of them.
 */
export type Knex = KnexStorageOptions['knex']

export interface KnexConfig {
  client: 'pg'
  connection: { connectionString: string; connectionTimeoutMillis: number }
  pool: { min: number; max: number }
  acquireConnectionTimeout: number
  log: { warn(message: unknown): void; error(message: unknown): void; debug(message: unknown): void; deprecate(method: unknown, alternative: unknown): void }
}

export type ExpressResponse = Parameters<RequestListener>[1] & {
  status(code: number): ExpressResponse
  json(body: unknown): ExpressResponse
}

export type ExpressApp = RequestListener & {
  use(path: string, handler: VetkitExpressHandler): ExpressApp
  get(path: string, handler: (req: Parameters<RequestListener>[0], res: ExpressResponse) => void): ExpressApp
}

const fromCore = createRequire(new URL('../../../packages/core/package.json', import.meta.url))
const fromExpressAdapter = createRequire(new URL('../../../packages/express-adapter/package.json', import.meta.url))

export const knexFactory = fromCore('knex') as (config: KnexConfig) => Knex
export const express = fromExpressAdapter('express') as () => ExpressApp
