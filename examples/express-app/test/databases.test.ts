// DATABASE_URL switches the app from PGlite to PostgreSQL or MySQL/MariaDB: the same seed, the same
// HTTP flow and the same go-live gate on the app's own table. Runs when CI's database URLs are set
// (VETKIT_TEST_PG_URL, VETKIT_TEST_MYSQL_URL), each in a database of its own.
import knexFactory from 'knex'
import { CHECK_STATUSES } from '@vetkit/core'
import { isGoLiveRefusal } from '@vetkit/core/knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../src/app'
import { AUTHORIZATION_TEXT } from '../src/disclosure'
import { seedInstructors } from '../src/seed'
import { client, startTestApp, waitFor, type Call } from './helpers'

const DATABASE = 'vetkit_example_express_app'

const servers = [
  { name: 'PostgreSQL', kind: 'postgres' as const, url: process.env.VETKIT_TEST_PG_URL },
  { name: 'MySQL/MariaDB', kind: 'mysql' as const, url: process.env.VETKIT_TEST_MYSQL_URL },
]

async function onServer(kind: 'postgres' | 'mysql', serverUrl: string, statements: string[]): Promise<void> {
  const admin = knexFactory({ client: kind === 'postgres' ? 'pg' : 'mysql2', connection: serverUrl, pool: { min: 0, max: 1 } })
  try {
    for (const sql of statements) await admin.raw(sql)
  } finally {
    await admin.destroy()
  }
}

const dropDatabase = (kind: 'postgres' | 'mysql') => (kind === 'postgres' ? `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)` : `DROP DATABASE IF EXISTS ${DATABASE}`)

/** A fresh database on the server, and the URL to reach it. */
async function freshDatabase(kind: 'postgres' | 'mysql', serverUrl: string): Promise<string> {
  const create = kind === 'postgres' ? `CREATE DATABASE ${DATABASE}` : `CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
  await onServer(kind, serverUrl, [dropDatabase(kind), create])
  const url = new URL(serverUrl)
  url.pathname = `/${DATABASE}`
  return url.toString()
}

describe.each(servers)('the app on $name (DATABASE_URL)', ({ kind, url: serverUrl }) => {
  let host: App
  let call: Call

  beforeAll(async () => {
    if (!serverUrl) return
    const url = await freshDatabase(kind, serverUrl)
    const started = await startTestApp({ database: { kind, url }, seed: true })
    host = started.host
    call = client(started.url)
  }, 60_000)

  afterAll(async () => {
    await host?.close()
    if (serverUrl) await onServer(kind, serverUrl, [dropDatabase(kind)])
  })

  it.skipIf(!serverUrl)('seeds every status', async () => {
    expect(host.seeded).toBe(true)
    const statuses = await Promise.all(seedInstructors(Date.now()).map(async (who) => (await host.vetkit.api.getStatus(who.id)).status))
    expect([...new Set(statuses)].sort()).toEqual([...CHECK_STATUSES, 'not_started'].sort())
    expect((await host.instructors.list()).filter((i) => i.isLive).map((i) => i.id).sort()).toEqual(['ada', 'lin'])
  })

  it.skipIf(!serverUrl)('takes an instructor to live over HTTP; raw SQL is refused until the check passes', async () => {
    const id = 'alan'
    const goLive = () => host.knex.raw('UPDATE instructors SET is_live = ? WHERE id = ?', [true, id])
    await expect(goLive()).rejects.toSatisfy(isGoLiveRefusal)
    const consent = { disclosureVersion: '1', authorizationText: AUTHORIZATION_TEXT, signatureName: 'Alan Turing', email: 'alan@example.test' }
    expect((await call(id, 'POST', `/vetkit/subjects/${id}/consents`, consent)).status).toBe(201)
    expect((await call(id, 'POST', `/vetkit/subjects/${id}/invite`, {})).status).toBe(201)
    await expect(goLive()).rejects.toSatisfy(isGoLiveRefusal)
    await waitFor('the check to pass', async () => (await call(id, 'GET', `/vetkit/subjects/${id}/status`)).json.status === 'passed')
    await goLive()
    expect((await call(id, 'GET', `/api/instructors/${id}`)).json).toMatchObject({ isLive: true, check: { status: 'passed' } })
  })
})
