// The review console end to end, in Debian's Chromium against the running reference app: the
// walkthrough of docs/review-console.md (review a consider check, pre-adverse, finalize after the
// app's clock moves, a dispute opened and resolved, the queue's filters and search, the webhook
// log), screenshots of each view in light and dark, and axe-core on every view.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../src/app'
import { FAKE_SIGNING_KEY } from '../src/config'
import { AUTHORIZATION_TEXT } from '../src/disclosure'
import { haveChromium, launchChromium, screenshot, seriousViolations } from './browser'
import { client, startTestApp, waitFor, type Call } from './helpers'

const ROOT = '.vk-admin'

describe.skipIf(!haveChromium)('the review console in Chromium', () => {
  let host: App
  let url: string
  let call: Call
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const checks: Record<string, string> = {}

  async function enrol(id: string, name: string, email: string): Promise<string> {
    expect((await call(null, 'POST', '/instructors', { name, email })).status).toBe(201)
    const instructors = (await host.instructors.list()).filter((i) => i.email === email)
    const subjectId = instructors[0]!.id
    const consent = await call(subjectId, 'POST', `/vetkit/subjects/${subjectId}/consents`, { disclosureVersion: '1', authorizationText: AUTHORIZATION_TEXT, signatureName: name, email, displayName: name })
    expect(consent.status).toBe(201)
    const invite = await call(subjectId, 'POST', `/vetkit/subjects/${subjectId}/invite`, {})
    expect(invite.status).toBe(201)
    checks[id] = String((invite.json.check as { id: string }).id)
    return subjectId
  }

  const statusOf = async (checkId: string) => String(((await call('admin', 'GET', `/vetkit/admin/checks/${checkId}`)).json.check as { status: string }).status)

  beforeAll(async () => {
    const started = await startTestApp()
    host = started.host
    url = started.url
    call = client(url)
    await enrol('grace', 'Grace Hopper', 'grace+consider@example.test')
    await enrol('katherine', 'Katherine Johnson', 'katherine+consider@example.test')
    await enrol('alan', 'Alan Kay', 'alan@example.test')
    await enrol('edsger', 'Edsger Dijkstra', 'edsger+invitation_expired@example.test')
    for (const [id, status] of [['grace', 'consider'], ['katherine', 'consider'], ['alan', 'passed'], ['edsger', 'invited']] as const) {
      await waitFor(`${id} ${status}`, async () => (await statusOf(checks[id]!)) === status, 20_000)
    }
    browser = await launchChromium()
    context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US', viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    page.on('pageerror', (error) => {
      throw error
    })
    await page.goto(`${url}/admin/console?as=admin`)
    await page.getByRole('tablist', { name: 'Review queues' }).waitFor()
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) })
  const row = (name: string) => page.getByRole('button', { name, exact: true })
  const action = (name: string) => page.getByRole('button', { name, exact: true })

  async function openCheck(queue: string, name: string): Promise<void> {
    await page.getByRole('button', { name: 'Checks', exact: true }).click()
    if (await page.getByRole('button', { name: 'Back to the queue' }).isVisible()) await page.getByRole('button', { name: 'Back to the queue' }).click()
    await tab(queue).click()
    await row(name).click()
    await page.getByRole('heading', { name: /^Background check of/ }).waitFor()
  }

  async function expectAccessible(view: string): Promise<void> {
    const violations = await seriousViolations(page, ROOT)
    expect(violations.map((v) => `${view}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  }

  it('shows the queues with live counts, and filters and searches them', async () => {
    await expect.poll(async () => tab('Needs review').textContent()).toMatch(/2/)
    await expect.poll(async () => tab('Pending').textContent()).toMatch(/1/)
    await tab('Needs review').click()
    await expect.poll(() => page.getByRole('row').count()).toBe(3) // the header and two checks
    await row('Grace Hopper').waitFor()
    await row('Katherine Johnson').waitFor()
    await expect(row('Alan Kay').count()).resolves.toBe(0)

    await tab('All').click()
    const search = page.getByRole('searchbox', { name: 'Search checks' })
    await search.fill('grace')
    await expect.poll(() => page.getByRole('row').count()).toBe(2)
    await row('Grace Hopper').waitFor()
    await search.fill('alan@')
    await row('Alan Kay').waitFor()
    await expect.poll(() => page.getByRole('row').count()).toBe(2)
    await search.fill(checks.edsger!)
    await row('Edsger Dijkstra').waitFor()
    await search.fill('')
    await expect.poll(() => page.getByRole('row').count()).toBe(5)

    // Sorting by creation: oldest first puts the first enrolled on top.
    const created = page.getByRole('columnheader', { name: /Created/ })
    await created.getByRole('button').click()
    await expect.poll(() => created.getAttribute('aria-sort')).toMatch(/ascending|descending/)
    const order = async () => (await page.locator('tbody th[scope="row"] button').allTextContents()).map((t) => t.trim())
    const first = await order()
    await created.getByRole('button').click()
    await expect.poll(order).toEqual([...first].reverse())

    await tab('Needs review').click()
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await screenshot(page, `queue-${scheme}`)
      await expectAccessible(`queue (${scheme})`)
    }
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('reviews a consider check, starts pre-adverse and shows finalize disabled with the date', async () => {
    await openCheck('Needs review', 'Grace Hopper')
    await page.getByRole('heading', { name: 'History' }).waitFor()
    await page.getByText('Consent evidence').waitFor()
    await expect(page.getByRole('link', { name: /Open the report/ }).getAttribute('href')).resolves.toMatch(/\/fake-checkr\/reports\//)

    await action('Start pre-adverse action').click()
    const dialog = page.getByRole('alertdialog', { name: 'Send the pre-adverse notice?' })
    await dialog.waitFor()
    await expect(dialog.getByText(/the final notice could go out from/).count()).resolves.toBe(1)
    const confirm = dialog.getByRole('button', { name: 'Send the pre-adverse notice' })
    expect(await confirm.isDisabled()).toBe(true) // no item chosen yet
    await dialog.getByRole('checkbox').first().check()
    await confirm.click()
    await page.getByText('The pre-adverse notice was sent; the wait has started.').waitFor()
    await expect.poll(() => statusOf(checks.grace!)).toBe('pre_adverse')

    const finalize = action('Send final notice')
    expect(await finalize.isDisabled()).toBe(true)
    const reason = page.locator(`#${await finalize.getAttribute('aria-describedby')}`)
    await expect(reason.textContent()).resolves.toMatch(/5 business days remaining\. The final notice may be sent from .*20\d\d/)

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await screenshot(page, `detail-${scheme}`)
      await expectAccessible(`check detail (${scheme})`)
    }
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it("finalizes once the app's clock has moved past the wait", async () => {
    const moved = await call('admin', 'POST', '/admin/clock', { days: 10 })
    expect(moved.status).toBe(200)
    await page.reload()
    await page.getByRole('tablist', { name: 'Review queues' }).waitFor()
    await openCheck('Awaiting adverse action', 'Grace Hopper')
    const finalize = action('Send final notice')
    await expect.poll(() => finalize.isDisabled()).toBe(false)
    await finalize.click()
    const dialog = page.getByRole('alertdialog', { name: 'Send the final adverse-action notice?' })
    await dialog.getByRole('button', { name: 'Send the final notice' }).click()
    await page.getByText('The final notice was sent.').waitFor()
    await expect.poll(() => statusOf(checks.grace!)).toBe('failed')
    await page.getByText('Failed', { exact: true }).first().waitFor()
  })

  it('opens a dispute with a note, which pauses the final notice, and resolves it', async () => {
    await openCheck('Needs review', 'Katherine Johnson')
    await action('Start pre-adverse action').click()
    const start = page.getByRole('alertdialog', { name: 'Send the pre-adverse notice?' })
    await start.getByRole('checkbox').first().check()
    await start.getByRole('button', { name: 'Send the pre-adverse notice' }).click()
    await page.getByText('The pre-adverse notice was sent; the wait has started.').waitFor()

    await action('Record a dispute').click()
    const open = page.getByRole('dialog', { name: 'Record a dispute' })
    await open.getByRole('textbox', { name: /Note/ }).fill('The candidate says the record is not theirs.')
    await open.getByRole('button', { name: 'Record the dispute' }).click()
    await page.getByText('The dispute was recorded; the final notice is paused.').waitFor()
    await expect.poll(() => statusOf(checks.katherine!)).toBe('disputed')
    await page.getByText('The candidate says the record is not theirs.').first().waitFor()

    await action('Resolve dispute').click()
    const resolve = page.getByRole('dialog', { name: 'Resolve the dispute' })
    await resolve.getByRole('textbox', { name: /Note/ }).fill('Reinvestigated: the record stands.')
    await resolve.getByRole('button', { name: 'Resolve the dispute' }).click()
    await page.getByText('The dispute was resolved.').waitFor()
    await expect.poll(() => statusOf(checks.katherine!)).toBe('pre_adverse')
  })

  it('reads the webhook log, filters it and opens a delivery', async () => {
    await page.getByRole('button', { name: 'Webhook log', exact: true }).click()
    await page.getByRole('heading', { name: 'Webhook log' }).waitFor()
    await page.getByRole('table', { name: /Webhook deliveries/ }).waitFor()
    await page.getByLabel('Processing').selectOption('applied')
    await page.getByLabel('Event type').fill('report.completed')
    // Debounced: once applied, every row is a report.completed delivery that was applied.
    const deliveries = page.getByRole('button', { name: /^Open delivery / })
    await expect.poll(async () => (await deliveries.allTextContents()).length > 0 && (await page.getByRole('cell', { name: 'invitation.created' }).count()) === 0).toBe(true)
    const rows = page.locator('tbody tr')
    expect(await rows.count()).toBeGreaterThanOrEqual(2)
    for (const text of await rows.allTextContents()) expect(text).toMatch(/report\.completed.*Applied/)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await screenshot(page, `webhooks-${scheme}`)
      await expectAccessible(`webhook log (${scheme})`)
    }
    await page.emulateMedia({ colorScheme: 'light' })

    await page.getByRole('button', { name: /^Open delivery report\.completed/ }).first().click()
    await page.getByRole('heading', { name: /^Delivery \d+/ }).waitFor()
    await page.getByRole('table', { name: 'Request headers' }).or(page.getByText('Request headers')).first().waitFor()
    await page.getByText('[redacted]').first().waitFor()
    await expect(page.getByText(FAKE_SIGNING_KEY).count()).resolves.toBe(0)
    await expectAccessible('webhook detail')
    await page.getByRole('button', { name: 'Open the check' }).click()
    await page.getByRole('heading', { name: /^Background check of/ }).waitFor()
  })
})
