import knexPkg from 'knex'
import ClientPgLite from 'knex-pglite'
import { PGlite } from '@electric-sql/pglite'
const t0 = Date.now()
const pg = await PGlite.create()
console.log('create', Date.now() - t0)
const db = knexPkg.knex({ client: ClientPgLite, dialect: 'postgres', connection: () => ({ pglite: pg }) })
await db.schema.createTable('t', (t) => { t.bigIncrements('id'); t.string('s').checkIn(['a','b']); t.bigInteger('at') })
await db('t').insert({ s: 'a', at: Date.now() })
console.log(await db('t').select('*'))
const r = await db.raw('select id from t for update skip locked')
console.log(r.rows)
const t1 = Date.now(); const c = await pg.clone(); console.log('clone', Date.now()-t1)
try { await db('t').insert({ s: 'z' }) } catch (e) { console.log('err', e.code, e.message) }
console.log(db.schema.createTable('x', (t)=>{ t.string('s').checkIn(['a','b']) }).toString())
await db.destroy()
