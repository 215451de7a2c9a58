// The app restarts in the middle of background checks: the embedded database and the fake
// Checkr's state file both survive, so the checks go on to their end instead of stalling.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { createApp, type App } from '../src/app'
import { APP_FAKE_TIMINGS, FAKE_SIGNING_KEY } from '../src/config'
import { AUTHORIZATION_TEXT } from '../src/disclosure'
import { client, testConfig, waitFor } from './helpers'

const dir = mkdtempSync(join(tmpdir(), 'vetkit-restart-'))
let running: App | null = null
afterAll(async () => {
  await running?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function start() {
  const config = testConfig({
    database: { kind: 'pglite', dataDir: join(dir, 'pglite') },
    fakeStateFile: join(dir, 'fake-checkr.bin'),
    // The report takes 3 s: long enough to restart the app while it is pending.
    provider: { kind: 'fake', signingKey: FAKE_SIGNING_KEY, timings: { ...APP_FAKE_TIMINGS, invitationCompleted: { seconds: 0 }, reportCompleted: { seconds: 3 } } },
  })
  running = await createApp(config)
  const { localUrl } = await running.listen(0, '127.0.0.1')
  return client(localUrl)
}

it('a check in progress when the app restarts still reaches passed, with nothing parked or dead', async () => {
  let call = await start()
  const signUp = await call(null, 'POST', '/instructors', { name: 'Mary Jackson', email: 'mary@example.test' })
  const id = String(signUp.json.id)
  await call(id, 'POST', `/vetkit/subjects/${id}/consents`, { disclosureVersion: '1', authorizationText: AUTHORIZATION_TEXT, signatureName: 'Mary Jackson', email: 'mary@example.test' })
  expect((await call(id, 'POST', `/vetkit/subjects/${id}/invite`, {})).status).toBe(201)
  await waitFor('the check to be pending', async () => (await call(id, 'GET', `/vetkit/subjects/${id}/status`)).json.status === 'pending')

  await running!.close()
  running = null
  call = await start()
  const passed = await waitFor('the check to pass after the restart', async () => {
    const status = (await call(id, 'GET', `/vetkit/subjects/${id}/status`)).json
    return status.status === 'passed' ? status : null
  })
  expect(passed.eligible).toBe(true)
  const log = (await call('admin', 'GET', '/vetkit/admin/webhooks?limit=50')).json.items as { processingOutcome: string }[]
  expect(log.filter((r) => ['parked', 'dead', 'failed'].includes(r.processingOutcome))).toEqual([])
}, 60_000)
