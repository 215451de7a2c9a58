// The reference app over real HTTP: an instructor goes through consent, invitation, the fake
// Checkr's signed webhooks (POSTed to the app's own route) and goes live; the database refuses
// raw SQL that would make an ineligible instructor live in the app's own `instructors` table.
import { isGoLiveRefusal } from '@vetkit/core/knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../src/app'
import { AUTHORIZATION_TEXT } from '../src/disclosure'
import { client, startTestApp, waitFor, type Call } from './helpers'

let host: App
let call: Call

beforeAll(async () => {
  const started = await startTestApp()
  host = started.host
  call = client(started.url)
}, 30_000)

afterAll(async () => {
  await host?.close()
})

async function signUp(name: string, email: string): Promise<string> {
  const res = await call(null, 'POST', '/instructors', { name, email })
  expect(res.status).toBe(201)
  return String(res.json.id)
}

async function consentAndInvite(id: string, name: string, email: string): Promise<Record<string, unknown>> {
  // As the instructor page sends it: the disclosure version and text shown, the typed signature.
  const consent = await call(id, 'POST', `/vetkit/subjects/${id}/consents`, { disclosureVersion: '1', authorizationText: AUTHORIZATION_TEXT, signatureName: name, email, displayName: name })
  expect(consent.status).toBe(201)
  const invite = await call(id, 'POST', `/vetkit/subjects/${id}/invite`, {})
  expect(invite.status).toBe(201)
  return invite.json.check as Record<string, unknown>
}

const statusOf = async (id: string) => (await call(id, 'GET', `/vetkit/subjects/${id}/status`)).json

describe('the reference app over HTTP', () => {
  it('takes an instructor from consent to live: invite, webhooks over HTTP, passed, go-live', async () => {
    const id = await signUp('Rosalind Franklin', 'rosalind@example.test')
    expect((await statusOf(id)).status).toBe('not_started')

    // Not eligible yet: the host's go-live route runs its UPDATE, and the database refuses it.
    const early = await call(id, 'POST', `/instructors/${id}/go-live`)
    expect(early.status).toBe(409)
    expect(early.json.detail).toMatch(/^vetkit_go_live_gate/)

    const check = await consentAndInvite(id, 'Rosalind Franklin', 'rosalind@example.test')
    expect(check.status).toBe('invited')
    expect(String(check.invitationUrl)).toMatch(/\/fake-checkr\/invitations\/[0-9a-f]{24}$/)

    const passed = await waitFor('the check to pass', async () => {
      const s = await statusOf(id)
      return s.status === 'passed' ? s : null
    })
    expect(passed.eligible).toBe(true)

    // The fake Checkr's webhooks came in over HTTP, were verified and applied.
    const log = await call('admin', 'GET', '/vetkit/admin/webhooks?limit=50')
    const items = log.json.items as { eventType: string; httpStatus: number; processingOutcome: string; checkId: string | null }[]
    const completed = items.find((w) => w.eventType === 'report.completed' && w.checkId === check.id)
    expect(completed).toMatchObject({ httpStatus: 200, processingOutcome: 'applied' })

    const live = await call(id, 'POST', `/instructors/${id}/go-live`)
    expect(live.status).toBe(200)
    expect(live.json.isLive).toBe(true)
    expect((await call(id, 'GET', `/api/instructors/${id}`)).json).toMatchObject({ isLive: true, check: { status: 'passed' } })
  })

  it('lets the database refuse raw SQL that makes an ineligible instructor live, and accept it once eligible', async () => {
    const { knex } = host
    const id = await signUp('Chien-Shiung Wu', 'wu@example.test')
    const goLive = () => knex.raw('UPDATE instructors SET is_live = true WHERE id = ?', [id])
    const isLive = async () => Boolean(((await knex('instructors').where({ id }).first()) as { is_live: boolean }).is_live)

    // No check at all: refused, whoever writes the SQL.
    await expect(goLive()).rejects.toSatisfy(isGoLiveRefusal)
    await expect(knex('instructors').insert({ id: 'sneaky', name: 'Sneaky', email: 'sneaky@example.test', is_live: true, created_at: Date.now() })).rejects.toSatisfy(isGoLiveRefusal)

    // A check in progress is not enough either.
    await consentAndInvite(id, 'Chien-Shiung Wu', 'wu@example.test')
    await expect(goLive()).rejects.toSatisfy(isGoLiveRefusal)
    expect(await isLive()).toBe(false)

    await waitFor('the check to pass', async () => (await statusOf(id)).status === 'passed')
    await goLive()
    expect(await isLive()).toBe(true)
    // A bulk UPDATE that would also make an ineligible row live is refused as a whole.
    const bystander = await signUp('Vera Rubin', 'vera@example.test')
    await expect(knex.raw('UPDATE instructors SET is_live = true')).rejects.toSatisfy(isGoLiveRefusal)
    expect((await host.instructors.get(bystander))?.isLive).toBe(false)
    expect(await isLive()).toBe(true)
  })

  it('guards routes with the demo login: a subject only acts on itself, admin routes need admin', async () => {
    const id = await signUp('Lise Meitner', 'lise@example.test')
    const other = await signUp('Emmy Noether', 'emmy@example.test')
    expect((await call(null, 'GET', `/vetkit/subjects/${id}/status`)).status).toBe(401)
    expect((await call(other, 'GET', `/vetkit/subjects/${id}/status`)).status).toBe(403)
    expect((await call(id, 'GET', '/vetkit/admin/checks')).status).toBe(403)
    expect((await call(other, 'POST', `/instructors/${id}/go-live`)).status).toBe(403)
    expect((await call('admin', 'GET', `/vetkit/subjects/${id}/status`)).status).toBe(200)

    const signIn = await call(null, 'GET', `/instructors/${id}?as=${id}`)
    expect(signIn.status).toBe(303)
    expect(signIn.headers.get('location')).toBe(`/instructors/${id}`)
    expect(signIn.headers.get('set-cookie')).toContain(`demo_user=${id}`)
  })

  it('serves the pages: instructors, an instructor with the disclosure, the admin area', async () => {
    const id = await signUp('Dorothy Hodgkin', 'dorothy@example.test')
    const home = await call(null, 'GET', '/')
    expect(home.status).toBe(200)
    expect(home.text).toContain('Dorothy Hodgkin')
    const page = await call(id, 'GET', `/instructors/${id}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('Background check disclosure')
    expect(page.text).toContain(AUTHORIZATION_TEXT)
    expect((await call(null, 'GET', '/admin')).status).toBe(401)
    const admin = await call('admin', 'GET', '/admin')
    expect(admin.status).toBe(200)
    expect(admin.text).toContain('Rosalind Franklin')
    for (const path of ['/admin/webhooks', '/admin/emails', '/vetkit/openapi.json']) expect((await call('admin', 'GET', path)).status).toBe(200)
  })

  it('answers 401 to a webhook with a bad signature, and logs it', async () => {
    const res = await call(null, 'POST', '/vetkit/webhooks/fake', { id: 'x', type: 'report.completed' })
    expect(res.status).toBe(401)
    const log = await call('admin', 'GET', '/vetkit/admin/webhooks?httpStatus=401')
    expect((log.json.items as unknown[]).length).toBeGreaterThan(0)
  })
})
