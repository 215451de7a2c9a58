import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { CheckDetail } from '../../src/index'
import { addBusinessDays, buildAdverseAction, buildFixtureCheck, createAdminFixtureStore, SAMPLE_CHECK_IDS, vetkitProblem, type AdminFixtures } from '../../src/testing/index'
import { decisions, headerStatus, offeredButtons } from '../support/detail-helpers'
import { EN_UTC, utcDateTime } from '../support/expected-dates'
import { BASE_URL, renderAdmin, storedStatus } from '../support/render-admin'

const ids = SAMPLE_CHECK_IDS
const detail = (checkId: string, onSelectCheck?: (id: string) => void) => <CheckDetail checkId={checkId} {...(onSelectCheck ? { onSelectCheck } : {})} />
const loaded = () => screen.findByRole('region', { name: 'Decisions' })

describe('the decisions a check offers', () => {
  it.each([
    [ids.consider, 'Consider', ['Clear', 'Start pre-adverse action']],
    [ids.preAdverseDue, 'Pre-adverse', ['Send final notice', 'Cancel adverse action', 'Record a dispute']],
    [ids.disputed, 'Disputed', ['Resolve dispute']],
    [ids.passedDisputed, 'Passed', ['Resolve dispute']],
    [ids.passedExpiring, 'Passed', []],
    [ids.pending, 'Pending', ['Cancel check']],
    [ids.invited, 'Invited', ['Cancel check']],
    [ids.reportCanceled, 'Canceled', ['Start a re-check']],
    [ids.failed, 'Failed', ['Start a re-check']],
  ])('%s (%s) offers %j', async (checkId, status, buttons) => {
    renderAdmin(detail(checkId))
    await loaded()
    expect(headerStatus()).toBe(status)
    expect(offeredButtons()).toEqual(buttons)
    if (buttons.length === 0) expect(decisions().getByText('No decision is open for this check.')).toBeTruthy()
  })
})

describe('the confirmation dialog', () => {
  it('is a labelled alert dialog that takes focus, keeps it, and gives it back on Escape without a request', async () => {
    const posts = vi.fn()
    const { user, store } = renderAdmin(detail(ids.consider), { overrides: [http.post(`${BASE_URL}/admin/checks/:id/clear`, () => void posts())] })
    await loaded()
    const clear = decisions().getByRole('button', { name: 'Clear' })
    await user.click(clear)
    const dialog = screen.getByRole('alertdialog', { name: 'Clear this check?' })
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(screen.getByText(/This cannot be undone/).closest('[id]')?.id).toBe(dialog.getAttribute('aria-describedby'))
    expect(dialog.contains(document.activeElement)).toBe(true)
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: /Reason/ }))
    // Tab stays inside: textarea → Cancel → Confirm → back to the textarea.
    await user.tab()
    await user.tab()
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Clear the check' }))
    await user.tab()
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: /Reason/ }))
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(document.activeElement).toBe(clear)
    expect(posts).not.toHaveBeenCalled()
    expect(storedStatus(store, ids.consider)).toBe('consider')
  })

  it('Cancel closes it and changes nothing', async () => {
    const { user, store } = renderAdmin(detail(ids.pending))
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Cancel check' }))
    await user.click(within(screen.getByRole('alertdialog', { name: 'Cancel this check?' })).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(storedStatus(store, ids.pending)).toBe('pending')
    expect(headerStatus()).toBe('Pending')
  })
})

describe('each decision', () => {
  it('clears a consider check with a reason kept in the history', async () => {
    const { user, store } = renderAdmin(detail(ids.consider))
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Clear' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Clear this check?' })
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'offense not job-related')
    await user.click(within(dialog).getByRole('button', { name: 'Clear the check' }))
    await waitFor(() => expect(headerStatus()).toBe('Passed'))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(screen.getByText('The check was cleared.')).toBeTruthy()
    const entry = store.snapshot().checks.find((c) => c.check.id === ids.consider)!.history.at(-1)!
    expect(entry).toMatchObject({ eventType: 'review.cleared', fromStatus: 'consider', toStatus: 'passed', actorKind: 'admin', reason: 'offense not job-related' })
    expect(within(screen.getByRole('list', { name: 'History' })).getByText('Reason: offense not job-related')).toBeTruthy()
    // The status moved on: the panel offers nothing, and focus stayed in it.
    expect(offeredButtons()).toEqual([])
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Decisions' }))
  })

  it('starts the pre-adverse action on the chosen items, showing the final notice date first', async () => {
    const { user, store } = renderAdmin(detail(ids.consider), { locale: EN_UTC })
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Start pre-adverse action' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Send the pre-adverse notice?' })
    const confirm = within(dialog).getByRole('button', { name: 'Send the pre-adverse notice' })
    const theft = await within(dialog).findByRole('checkbox', { name: /petty theft/ })
    const license = within(dialog).getByRole('checkbox', { name: /license suspended/ })
    const notice = within(dialog).getByText(/Sent now, the wait is 5 business days/)
    const due = notice.querySelector('time')!
    expect(Math.abs(Date.parse(due.dateTime) - addBusinessDays(new Date(), 5).getTime())).toBeLessThan(60_000)
    expect(due.textContent).toBe(utcDateTime(due.dateTime))
    // Nothing chosen, nothing to send.
    expect(confirm).toHaveProperty('disabled', true)
    await user.click(license)
    expect(theft).toHaveProperty('checked', false)
    expect(confirm).toHaveProperty('disabled', false)
    await user.click(confirm)
    await waitFor(() => expect(headerStatus()).toBe('Pre-adverse'))
    const stored = store.snapshot().checks.find((c) => c.check.id === ids.consider)!
    expect(stored.check.adverseAction?.adverseItemIds).toEqual(['item-2'])
    expect(stored.emails.at(-1)?.template).toBe('pre_adverse_notice')
    expect(within(screen.getByRole('region', { name: 'Adverse action' })).getByText('item-2')).toBeTruthy()
    // The wait has only begun: the final notice is not offered yet.
    expect(decisions().getByRole('button', { name: 'Send final notice' })).toHaveProperty('disabled', true)
  })

  it('keeps the final notice disabled until the wait has run, with the days left and the date', async () => {
    renderAdmin(detail(ids.preAdverseWaiting), { locale: EN_UTC })
    await loaded()
    const finalize = decisions().getByRole('button', { name: 'Send final notice' })
    expect(finalize).toHaveProperty('disabled', true)
    const reason = document.getElementById(finalize.getAttribute('aria-describedby')!)!
    const due = reason.querySelector('time')!
    expect(reason.textContent).toMatch(/^\d business days? remaining\. The final notice may be sent from /)
    expect(due.textContent).toBe(utcDateTime(due.dateTime))
    expect(Date.parse(due.dateTime)).toBeGreaterThan(Date.now())
    // The days are the API's own count.
    const days = Number(/^(\d)/.exec(reason.textContent ?? '')![1])
    expect(within(screen.getByRole('region', { name: 'Adverse action' })).getByText(`${days} business day${days === 1 ? '' : 's'}`, { selector: 'dd' })).toBeTruthy()
    // The other decisions stay open.
    expect(decisions().getByRole('button', { name: 'Cancel adverse action' })).toHaveProperty('disabled', false)
  })

  it("trusts the server's count over the browser's clock: 0 days remaining enables finalize before the date passes here", async () => {
    // The server's time runs ahead (a moved clock, or this browser's clock is behind): its count says the wait has run.
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString()
    const fixtures: AdminFixtures = {
      checks: [buildFixtureCheck({ check: { id: 'chk-ahead', status: 'pre_adverse', adverseAction: buildAdverseAction({ finalNoticeDueAt: due, businessDaysRemaining: 0 }) } })],
      consents: [],
      webhooks: [],
    }
    // The server's clock reads four days from now: past the due date.
    renderAdmin(detail('chk-ahead'), { store: createAdminFixtureStore(fixtures, { now: () => new Date(Date.now() + 4 * 86_400_000) }) })
    await loaded()
    const finalize = decisions().getByRole('button', { name: 'Send final notice' })
    expect(finalize).toHaveProperty('disabled', false)
    expect(finalize.getAttribute('aria-describedby')).toBeNull()
  })

  it('keeps the final notice disabled while a dispute pauses the wait', async () => {
    const fixtures: AdminFixtures = {
      checks: [buildFixtureCheck({ check: { id: 'chk-paused', status: 'pre_adverse', inDispute: true, adverseAction: buildAdverseAction({ paused: true, finalNoticeDueAt: null }) } })],
      consents: [],
      webhooks: [],
    }
    renderAdmin(detail('chk-paused'), { fixtures })
    await loaded()
    const finalize = decisions().getByRole('button', { name: 'Send final notice' })
    expect(finalize).toHaveProperty('disabled', true)
    expect(document.getElementById(finalize.getAttribute('aria-describedby')!)!.textContent).toBe('The final notice is paused while a dispute is open; resolve the dispute first.')
  })

  it('sends the final notice once the wait has run', async () => {
    const { user, store } = renderAdmin(detail(ids.preAdverseDue))
    await loaded()
    const finalize = decisions().getByRole('button', { name: 'Send final notice' })
    expect(finalize).toHaveProperty('disabled', false)
    expect(finalize.getAttribute('aria-describedby')).toBeNull()
    await user.click(finalize)
    await user.click(within(screen.getByRole('alertdialog', { name: 'Send the final adverse-action notice?' })).getByRole('button', { name: 'Send the final notice' }))
    await waitFor(() => expect(headerStatus()).toBe('Failed'))
    expect(storedStatus(store, ids.preAdverseDue)).toBe('failed')
    expect(offeredButtons()).toEqual(['Start a re-check'])
  })

  it('shows the API\'s 409 adverse_wait_not_elapsed in the dialog, which stays open', async () => {
    const refusal = http.post(`${BASE_URL}/admin/checks/:checkId/adverse-action/finalize`, () =>
      vetkitProblem(409, 'adverse_wait_not_elapsed', 'the final notice is not due until 2026-03-09T15:00:00.000Z'),
    )
    const { user, store } = renderAdmin(detail(ids.preAdverseDue), { overrides: [refusal] })
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Send final notice' }))
    const dialog = screen.getByRole('alertdialog')
    await user.click(within(dialog).getByRole('button', { name: 'Send the final notice' }))
    const alert = await within(dialog).findByRole('alert')
    expect(alert.textContent).toContain('The request failed (HTTP 409):')
    expect(alert.textContent).toContain('the final notice is not due until 2026-03-09T15:00:00.000Z')
    expect(alert.textContent).toContain('adverse_wait_not_elapsed')
    expect(screen.getByRole('alertdialog')).toBe(dialog)
    expect(headerStatus()).toBe('Pre-adverse')
    expect(storedStatus(store, ids.preAdverseDue)).toBe('pre_adverse')
  })

  it('cancels the adverse action: the check goes back to review', async () => {
    const { user } = renderAdmin(detail(ids.preAdverseWaiting))
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Cancel adverse action' }))
    await user.click(within(screen.getByRole('alertdialog', { name: 'Cancel the adverse action?' })).getByRole('button', { name: 'Cancel the adverse action' }))
    await waitFor(() => expect(headerStatus()).toBe('Consider'))
    expect(screen.queryByRole('region', { name: 'Adverse action' })).toBeNull()
    expect(offeredButtons()).toEqual(['Clear', 'Start pre-adverse action'])
  })

  it('records a dispute with a note (a dialog, not an alert: it can be resolved)', async () => {
    const { user, store } = renderAdmin(detail(ids.preAdverseDue))
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Record a dispute' }))
    const dialog = screen.getByRole('dialog', { name: 'Record a dispute' })
    await user.type(within(dialog).getByRole('textbox', { name: /Note/ }), 'subject says the record is not theirs')
    await user.click(within(dialog).getByRole('button', { name: 'Record the dispute' }))
    await waitFor(() => expect(headerStatus()).toBe('Disputed'))
    expect(store.snapshot().checks.find((c) => c.check.id === ids.preAdverseDue)!.check.adverseAction?.paused).toBe(true)
    expect(offeredButtons()).toEqual(['Resolve dispute'])
  })

  it('refuses a dispute resolution without a note with the API\'s 422 and its field, then resolves it', async () => {
    const { user } = renderAdmin(detail(ids.disputed))
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Resolve dispute' }))
    const dialog = screen.getByRole('dialog', { name: 'Resolve the dispute' })
    await user.click(within(dialog).getByRole('button', { name: 'Resolve the dispute' }))
    const alert = await within(dialog).findByRole('alert')
    expect(alert.textContent).toContain('HTTP 422')
    expect(alert.textContent).toContain('reason: Too small')
    expect(alert.textContent).toContain('Field: reason.')
    expect(alert.textContent).toContain('invalid_input')
    await user.type(within(dialog).getByRole('textbox', { name: /Note/ }), 'provider corrected the record')
    await user.click(within(dialog).getByRole('button', { name: 'Resolve the dispute' }))
    // The adverse action resumes where it was.
    await waitFor(() => expect(headerStatus()).toBe('Pre-adverse'))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('resolves the dispute of a clear report: the check stays passed', async () => {
    const { user, store } = renderAdmin(detail(ids.passedDisputed))
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Resolve dispute' }))
    const dialog = screen.getByRole('dialog', { name: 'Resolve the dispute' })
    await user.type(within(dialog).getByRole('textbox', { name: /Note/ }), 'provider re-verified')
    await user.click(within(dialog).getByRole('button', { name: 'Resolve the dispute' }))
    await waitFor(() => expect(offeredButtons()).toEqual([]))
    expect(headerStatus()).toBe('Passed')
    expect(store.snapshot().checks.find((c) => c.check.id === ids.passedDisputed)!.check.inDispute).toBe(false)
  })

  it('cancels a check in progress', async () => {
    const { user, store } = renderAdmin(detail(ids.invited))
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Cancel check' }))
    await user.click(within(screen.getByRole('alertdialog', { name: 'Cancel this check?' })).getByRole('button', { name: 'Cancel the check' }))
    await waitFor(() => expect(headerStatus()).toBe('Canceled'))
    expect(store.snapshot().checks.find((c) => c.check.id === ids.invited)!.check.closedReason).toBe('check_canceled')
  })

  it('starts a re-check for the subject and offers to open the new check', async () => {
    const onSelectCheck = vi.fn()
    const { user, store } = renderAdmin(detail(ids.reportCanceled, onSelectCheck))
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Start a re-check' }))
    expect(store.snapshot().checks.some((c) => c.check.previousCheckId === ids.reportCanceled)).toBe(false)
    await user.click(within(screen.getByRole('alertdialog', { name: 'Start a re-check?' })).getByRole('button', { name: 'Start the re-check' }))
    const status = await screen.findByText('A re-check was started.')
    await user.click(within(status.parentElement!).getByRole('button', { name: 'Open the new check' }))
    const created = store.snapshot().checks.find((c) => c.check.previousCheckId === ids.reportCanceled)!
    expect(created.check.status).toBe('invited')
    expect(onSelectCheck).toHaveBeenCalledWith(created.check.id)
  })

  it('shows a re-check the API refuses (no consent) in its dialog', async () => {
    const { user } = renderAdmin(detail(ids.invitationExpired))
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Start a re-check' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Start a re-check?' })
    await user.click(within(dialog).getByRole('button', { name: 'Start the re-check' }))
    const alert = await within(dialog).findByRole('alert')
    expect(alert.textContent).toContain('the subject has not signed the disclosure and authorization')
    expect(alert.textContent).toContain('consent_required')
  })
})

describe('failures', () => {
  it('shows a 403 with the API\'s message', async () => {
    const forbidden = http.post(`${BASE_URL}/admin/checks/:checkId/clear`, () => vetkitProblem(403, 'forbidden', 'this admin may not decide on checks'))
    const { user, store } = renderAdmin(detail(ids.consider), { overrides: [forbidden] })
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Clear' }))
    const dialog = screen.getByRole('alertdialog')
    await user.click(within(dialog).getByRole('button', { name: 'Clear the check' }))
    const alert = await within(dialog).findByRole('alert')
    expect(alert.textContent).toContain('The request failed (HTTP 403):')
    expect(alert.textContent).toContain('this admin may not decide on checks')
    expect(alert.textContent).toContain('(forbidden)')
    expect(storedStatus(store, ids.consider)).toBe('consider')
  })

  it('shows a network failure, and the same decision succeeds once the network is back', async () => {
    let down = true
    const flaky = http.post(`${BASE_URL}/admin/checks/:checkId/cancel`, () => (down ? HttpResponse.error() : undefined))
    const { user } = renderAdmin(detail(ids.pending), { overrides: [flaky] })
    await loaded()
    await user.click(decisions().getByRole('button', { name: 'Cancel check' }))
    const dialog = screen.getByRole('alertdialog')
    await user.click(within(dialog).getByRole('button', { name: 'Cancel the check' }))
    const alert = await within(dialog).findByRole('alert')
    expect(alert.textContent).toContain('The server could not be reached:')
    expect(alert.textContent).toContain('network_error')
    down = false
    await user.click(within(dialog).getByRole('button', { name: 'Cancel the check' }))
    await waitFor(() => expect(headerStatus()).toBe('Canceled'))
  })

  it('shows a failed load of the check as an alert', async () => {
    renderAdmin(detail(ids.consider), { overrides: [http.get(`${BASE_URL}/admin/checks/:checkId`, () => HttpResponse.error())] })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('The server could not be reached:')
    expect(screen.queryByRole('region', { name: 'Decisions' })).toBeNull()
  })
})
