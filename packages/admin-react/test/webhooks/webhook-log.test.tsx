import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { WebhookLog } from '../../src/index'
import { buildFixtureWebhook, SAMPLE_CHECK_IDS, type AdminFixtures } from '../../src/testing/index'
import { BASE_URL, renderAdmin } from '../support/render-admin'
import { server } from '../support/server'

const ids = () =>
  within(screen.getByRole('table', { name: 'Webhook deliveries, newest first' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelectorAll('td')[0]?.textContent)

describe('WebhookLog', () => {
  it('lists deliveries newest first with their signature and processing outcomes', async () => {
    renderAdmin(<WebhookLog />)
    const table = await screen.findByRole('table', { name: 'Webhook deliveries, newest first' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(7)
    expect(rows[0]!.textContent).toContain('report.suspended')
    const bad = rows.find((row) => row.textContent?.includes('Bad signature'))!
    expect(within(bad).getByText('401')).toBeTruthy()
    expect(within(bad).getByText('Not processed')).toBeTruthy()
    expect(within(bad).getByText('invalid_webhook')).toBeTruthy()
    expect(within(table).getByText('(unknown event)')).toBeTruthy()
  })

  it('filters by event type, signature outcome, processing outcome and HTTP status', async () => {
    const { user } = renderAdmin(<WebhookLog filterDebounceMs={50} />)
    await screen.findByRole('table')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Signature' }), 'placeholder_signature')
    await waitFor(() => expect(ids()).toEqual(['report.created']))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Signature' }), '')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Processing' }), 'dead')
    await waitFor(() => expect(ids()).toEqual(['invitation.completed']))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Processing' }), '')
    await user.type(screen.getByRole('textbox', { name: 'Event type' }), 'report.completed')
    await waitFor(() => expect(ids()).toEqual(['report.completed', 'report.completed']))
    await user.type(screen.getByRole('textbox', { name: 'HTTP status' }), '401')
    await waitFor(() => expect(ids()).toEqual(['report.completed']))
    await user.clear(screen.getByRole('textbox', { name: 'HTTP status' }))
    await user.type(screen.getByRole('textbox', { name: 'HTTP status' }), '503')
    expect(await screen.findByText('No deliveries match.')).toBeTruthy()
  })

  it('opens a delivery: headers, outcome, the check it moved and the history it wrote', async () => {
    const onSelectCheck = vi.fn()
    const { user } = renderAdmin(<WebhookLog onSelectCheck={onSelectCheck} />)
    await screen.findByRole('table')
    const opener = screen.getByRole('button', { name: /^Open delivery report\.canceled received/ })
    await user.click(opener)
    const detail = await screen.findByRole('region', { name: 'Delivery 1005' })
    expect(document.activeElement).toBe(within(detail).getByRole('heading', { name: 'Delivery 1005' }))
    const headers = await within(detail).findByRole('table', { name: 'Request headers' })
    expect(within(headers).getByRole('rowheader', { name: 'x-checkr-signature' }).closest('tr')!.textContent).toContain('[redacted]')
    expect(within(detail).getByText('Margaret Hamilton').parentElement!.textContent).toContain('Canceled')
    const history = within(detail).getByRole('list', { name: 'History entries from this delivery' })
    expect(within(history).getAllByRole('listitem')).toHaveLength(1)
    expect(history.textContent).toContain('report.canceled')
    expect(history.textContent).toContain('Reason: candidate withdrew')
    await user.click(within(detail).getByRole('button', { name: 'Open the check' }))
    expect(onSelectCheck).toHaveBeenCalledWith(SAMPLE_CHECK_IDS.reportCanceled)
    await user.click(within(detail).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('region', { name: 'Delivery 1005' })).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('says when a refused delivery kept no headers and moved no check', async () => {
    const { user } = renderAdmin(<WebhookLog />)
    await screen.findByRole('table')
    await user.click(screen.getByRole('button', { name: /^Open delivery \(unknown event\)/ }))
    const detail = await screen.findByRole('region', { name: 'Delivery 1004' })
    expect(await within(detail).findByText('No headers kept for this delivery.')).toBeTruthy()
    expect(within(detail).getByText('This delivery moved no check.')).toBeTruthy()
    expect(within(detail).getByText('Malformed')).toBeTruthy()
  })

  it('refreshes on its interval only while auto-refresh is on', async () => {
    const fixtures: AdminFixtures = { checks: [], consents: [], webhooks: [buildFixtureWebhook({ id: '1', eventType: 'report.created' })] }
    let lists = 0
    const counter = http.get(`${BASE_URL}/admin/webhooks`, () => {
      lists += 1
      return undefined
    })
    const { user } = renderAdmin(<WebhookLog refreshIntervalMs={60} />, { fixtures, overrides: [counter] })
    await screen.findByRole('table')
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect(lists).toBe(1)
    await user.click(screen.getByRole('checkbox', { name: 'Refresh every 0.1 s' }))
    server.use(http.get(`${BASE_URL}/admin/webhooks`, () => HttpResponse.json({ items: [buildFixtureWebhook({ id: '2', eventType: 'report.completed' }).webhook], nextCursor: null })))
    await waitFor(() => expect(ids()).toEqual(['report.completed']))
    await user.click(screen.getByRole('checkbox', { name: 'Refresh every 0.1 s' }))
    const settled = lists
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect(lists).toBe(settled)
  })

  it('pages through the log with the cursor', async () => {
    const fixtures: AdminFixtures = {
      checks: [],
      consents: [],
      webhooks: Array.from({ length: 3 }, (_, i) => buildFixtureWebhook({ id: String(i + 1), eventType: `event.${i + 1}`, receivedAt: new Date(Date.UTC(2026, 0, 10 - i)).toISOString() })),
    }
    const { user } = renderAdmin(<WebhookLog pageSize={2} />, { fixtures })
    await screen.findByRole('table')
    expect(ids()).toEqual(['event.1', 'event.2'])
    const pager = screen.getByRole('navigation', { name: 'Webhook log pages' })
    await user.click(within(pager).getByRole('button', { name: 'Next page' }))
    await waitFor(() => expect(ids()).toEqual(['event.3']))
    await user.click(within(pager).getByRole('button', { name: 'Previous page' }))
    await waitFor(() => expect(ids()).toEqual(['event.1', 'event.2']))
  })
})
