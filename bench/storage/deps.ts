/** The database drivers, from the bench package's own dependencies (the versions vetkit's tests use). */
import knex, { type Knex } from 'knex'
import pg from 'pg'
import mysql from 'mysql2/promise'

export type { Knex }
export type PgPool = pg.Pool
export type PgPoolClient = pg.PoolClient
export type MysqlPool = mysql.Pool
export type MysqlConnection = mysql.PoolConnection
export type MysqlRows = mysql.RowDataPacket[]

export const knexFactory = knex
export { mysql, pg }
