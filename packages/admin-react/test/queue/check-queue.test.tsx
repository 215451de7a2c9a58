import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { CheckQueue } from '../../src/index'
import { buildConsent, buildFixtureCheck, SAMPLE_CHECK_IDS, type AdminFixtures } from '../../src/testing/index'
import { BASE_URL, renderAdmin } from '../support/render-admin'
import { server } from '../support/server'

const DAY_MS = 86_400_000
const open = () => undefined
const rowNames = (table: HTMLElement) => within(table).getAllByRole('rowheader').map((cell) => within(cell).getByRole('button').textContent)

describe('CheckQueue', () => {
  it('shows every queue as a tab, in the server\'s order, with its count', async () => {
    renderAdmin(<CheckQueue />)
    const tabs = await screen.findAllByRole('tab')
    expect(tabs.map((tab) => tab.firstChild?.textContent)).toEqual(['Needs review', 'Pending', 'In dispute', 'Awaiting adverse action', 'Expiring soon', 'Invitation expired', 'All'])
    // The sample: 1 consider; 2 in progress; 2 in dispute (a disputed check and a disputed pass); 2 pre-adverse; 1 expiring; 1 expired invitation; 11 in all.
    await waitFor(() => expect(tabs.map((tab) => tab.querySelector('.vk-count')?.textContent)).toEqual(['1', '2', '2', '2', '1', '1', '11']))
    expect(tabs[0]).toHaveProperty('ariaSelected', 'true')
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(tabs[0]!.id)
  })

  it('lists the selected queue with status badges, markers, ETA and consent recency', async () => {
    const { user } = renderAdmin(<CheckQueue onSelectCheck={open} />)
    const table = await screen.findByRole('table', { name: 'Needs review' })
    expect(rowNames(table)).toEqual(['Ada Lovelace'])
    expect(within(table).getByText('Consider')).toBeTruthy()
    expect(within(table).getByText('consent 7 days ago')).toBeTruthy()

    await user.click(screen.getByRole('tab', { name: /^Pending/ }))
    const pending = await screen.findByRole('table', { name: 'Pending' })
    expect(rowNames(pending).sort()).toEqual(['Alan Turing', 'Grace Hopper'])
    const graceRow = within(pending).getByRole('button', { name: 'Grace Hopper' }).closest('tr')!
    expect(within(graceRow).getByText('consent 3 days ago')).toBeTruthy()
    // The ETA is a date, two days out; Alan has no consent on record.
    expect(within(graceRow).getAllByRole('cell')[1]!.querySelector('time')).not.toBeNull()
    const alanRow = within(pending).getByRole('button', { name: 'Alan Turing' }).closest('tr')!
    expect(within(alanRow).getByText('no consent')).toBeTruthy()

    await user.click(screen.getByRole('tab', { name: /^All/ }))
    const all = await screen.findByRole('table', { name: 'All' })
    const margaret = within(all).getByRole('button', { name: 'Margaret Hamilton' }).closest('tr')!
    expect(within(margaret).getByText('Screening canceled: Report canceled')).toBeTruthy()
    const annie = within(all).getByRole('button', { name: 'Annie Easley' }).closest('tr')!
    expect(within(annie).getByText('Passed')).toBeTruthy()
    expect(within(annie).getByText('Dispute open')).toBeTruthy()
    // An expired invitation is a closed check, not a canceled screening.
    const radia = within(all).getByRole('button', { name: 'Radia Perlman' }).closest('tr')!
    expect(within(radia).queryByText(/Screening canceled/)).toBeNull()
  })

  it('moves between tabs with the arrow keys, Home and End, keeping one tab stop', async () => {
    const { user } = renderAdmin(<CheckQueue />)
    const first = await screen.findByRole('tab', { name: /^Needs review/ })
    expect(screen.getAllByRole('tab').filter((tab) => tab.tabIndex === 0)).toEqual([first])
    first.focus()
    await user.keyboard('{ArrowRight}')
    const pending = screen.getByRole('tab', { name: /^Pending/ })
    expect(document.activeElement).toBe(pending)
    expect(pending.getAttribute('aria-selected')).toBe('true')
    await user.keyboard('{ArrowLeft}{ArrowLeft}')
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: /^All/ }))
    await user.keyboard('{Home}')
    expect(document.activeElement).toBe(first)
    await user.keyboard('{End}')
    expect(screen.getByRole('tab', { name: /^All/ }).getAttribute('aria-selected')).toBe('true')
    expect(await screen.findByRole('table', { name: 'All' })).toBeTruthy()
  })

  it('searches by name prefix, email prefix and id, after the typing pauses', async () => {
    const requests: string[] = []
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url)
      if (url.pathname.endsWith('/admin/checks')) requests.push(url.searchParams.get('search') ?? '')
    })
    const { user } = renderAdmin(<CheckQueue onSelectCheck={open} initialQueue="all" searchDebounceMs={150} />)
    await screen.findByRole('table', { name: 'All' })
    const search = screen.getByRole('searchbox', { name: 'Search checks' })
    await user.type(search, 'gra')
    await waitFor(() => expect(rowNames(screen.getByRole('table', { name: 'All' }))).toEqual(['Grace Hopper']))
    // One request for the settled text, none per keystroke.
    expect(requests.filter((s) => s !== '')).toEqual(['gra'])

    await user.clear(search)
    await user.type(search, 'joan@')
    await waitFor(() => expect(rowNames(screen.getByRole('table', { name: 'All' }))).toEqual(['Joan Clarke']))
    await user.clear(search)
    await user.type(search, SAMPLE_CHECK_IDS.disputed)
    await waitFor(() => expect(rowNames(screen.getByRole('table', { name: 'All' }))).toEqual(['Mary Jackson']))
    await user.clear(search)
    await user.type(search, 'nobody')
    expect(await screen.findByText('No checks match “nobody”.')).toBeTruthy()
    server.events.removeAllListeners()
  })

  it('sorts by created and updated, saying the order with aria-sort', async () => {
    const now = Date.now()
    const at = (days: number) => new Date(now - days * DAY_MS).toISOString()
    const person = (name: string, created: number, updated: number) =>
      buildFixtureCheck({ subject: { name, email: null }, check: { id: `chk-${name}`, status: 'pending', createdAt: at(created), updatedAt: at(updated) } })
    const fixtures: AdminFixtures = { checks: [person('A', 3, 1), person('B', 2, 5), person('C', 1, 3)], consents: [], webhooks: [] }
    const { user } = renderAdmin(<CheckQueue onSelectCheck={open} initialQueue="pending" />, { fixtures })
    const header = (name: RegExp) => screen.getByRole('columnheader', { name })
    const rows = () => rowNames(screen.getByRole('table', { name: 'Pending' }))
    await waitFor(() => expect(rows()).toEqual(['C', 'B', 'A']))
    expect(header(/Created/).getAttribute('aria-sort')).toBe('descending')
    expect(header(/Updated/).getAttribute('aria-sort')).toBe('none')

    await user.click(within(header(/Created/)).getByRole('button'))
    await waitFor(() => expect(rows()).toEqual(['A', 'B', 'C']))
    expect(header(/Created/).getAttribute('aria-sort')).toBe('ascending')

    await user.click(within(header(/Updated/)).getByRole('button'))
    await waitFor(() => expect(rows()).toEqual(['A', 'C', 'B']))
    expect(header(/Updated/).getAttribute('aria-sort')).toBe('descending')
    expect(header(/Created/).getAttribute('aria-sort')).toBe('none')

    await user.click(within(header(/Updated/)).getByRole('button'))
    await waitFor(() => expect(rows()).toEqual(['B', 'C', 'A']))
    expect(header(/Updated/).getAttribute('aria-sort')).toBe('ascending')
  })

  it('pages forward with the cursor and back through the cursor stack', async () => {
    const now = Date.now()
    const fixtures: AdminFixtures = {
      checks: Array.from({ length: 5 }, (_, i) =>
        buildFixtureCheck({ subject: { name: `Person ${i + 1}`, email: null }, check: { id: `chk-${i + 1}`, status: 'consider', createdAt: new Date(now - (i + 1) * DAY_MS).toISOString() } }),
      ),
      consents: [],
      webhooks: [],
    }
    const { user } = renderAdmin(<CheckQueue onSelectCheck={open} pageSize={2} />, { fixtures })
    const pager = await screen.findByRole('navigation', { name: 'Queue pages' })
    await waitFor(() => expect(rowNames(screen.getByRole('table'))).toEqual(['Person 1', 'Person 2']))
    expect(within(pager).getByRole('button', { name: 'Previous page' })).toHaveProperty('disabled', true)
    await user.click(within(pager).getByRole('button', { name: 'Next page' }))
    await waitFor(() => expect(rowNames(screen.getByRole('table'))).toEqual(['Person 3', 'Person 4']))
    expect(within(pager).getByText('Page 2')).toBeTruthy()
    await user.click(within(pager).getByRole('button', { name: 'Next page' }))
    await waitFor(() => expect(rowNames(screen.getByRole('table'))).toEqual(['Person 5']))
    expect(within(pager).getByRole('button', { name: 'Next page' })).toHaveProperty('disabled', true)
    await user.click(within(pager).getByRole('button', { name: 'Previous page' }))
    await waitFor(() => expect(rowNames(screen.getByRole('table'))).toEqual(['Person 3', 'Person 4']))
    // A new sort starts again at the first page (a cursor belongs to its sort).
    await user.click(within(screen.getByRole('columnheader', { name: /Created/ })).getByRole('button'))
    await waitFor(() => expect(rowNames(screen.getByRole('table'))).toEqual(['Person 5', 'Person 4']))
    expect(within(pager).getByText('Page 1')).toBeTruthy()
  })

  it('reloads the counts on its interval', async () => {
    const fixtures: AdminFixtures = { checks: [buildFixtureCheck({ check: { status: 'consider' } })], consents: [buildConsent()], webhooks: [] }
    renderAdmin(<CheckQueue countsRefreshIntervalMs={100} />, { fixtures })
    const needsReview = await screen.findByRole('tab', { name: /^Needs review/ })
    await waitFor(() => expect(needsReview.querySelector('.vk-count')?.textContent).toBe('1'))
    server.use(http.get(`${BASE_URL}/admin/queue-counts`, () => HttpResponse.json({ counts: { needs_review: 4, pending: 0, in_dispute: 0, awaiting_adverse_action: 0, expiring_soon: 0, invitation_expired: 0, all: 4 } })))
    await waitFor(() => expect(needsReview.querySelector('.vk-count')?.textContent).toBe('4'))
  })

  it('shows a failed list as the API\'s message, never an empty table', async () => {
    const forbidden = http.get(`${BASE_URL}/admin/checks`, () =>
      HttpResponse.json({ type: 'x', title: 'Forbidden', status: 403, code: 'forbidden', detail: 'this admin may not read checks' }, { status: 403, headers: { 'content-type': 'application/problem+json' } }),
    )
    renderAdmin(<CheckQueue />, { overrides: [forbidden] })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('this admin may not read checks')
    expect(alert.textContent).toContain('HTTP 403')
    expect(alert.textContent).toContain('forbidden')
    expect(screen.queryByRole('table')).toBeNull()
  })

  it('calls onSelectCheck with the row\'s check', async () => {
    const onSelectCheck = vi.fn()
    const { user } = renderAdmin(<CheckQueue onSelectCheck={onSelectCheck} />)
    await user.click(await screen.findByRole('button', { name: 'Ada Lovelace' }))
    expect(onSelectCheck).toHaveBeenCalledWith(SAMPLE_CHECK_IDS.consider)
  })
})
