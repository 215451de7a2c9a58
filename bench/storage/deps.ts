/**
 * The bench is not a workspace package, so `knex`, `pg` and `mysql2` are not resolvable from
 * here. They are loaded from @vetkit/core's own dev dependencies (the same copies vetkit's
 * tests use), and their types are imported by path.
 */
import { createRequire } from 'node:module'
import type { Knex } from '../../packages/core/node_modules/knex'
import type * as Pg from '../../packages/core/node_modules/@types/pg/index'
import type * as Mysql from '../../packages/core/node_modules/mysql2/promise'

const requireFromCore = createRequire(new URL('../../packages/core/package.json', import.meta.url))

export type { Knex }
export type PgPool = Pg.Pool
export type PgPoolClient = Pg.PoolClient
export type MysqlPool = Mysql.Pool
export type MysqlConnection = Mysql.PoolConnection
export type MysqlRows = Mysql.RowDataPacket[]

type KnexFactory = (config: Knex.Config) => Knex

export const knexFactory = requireFromCore('knex') as KnexFactory
export const pg = requireFromCore('pg') as typeof Pg
export const mysql = requireFromCore('mysql2/promise') as typeof Mysql
