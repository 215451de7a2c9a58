import { screen, waitFor, within } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { ReviewConsole } from '../../src/index'
import { SAMPLE_CHECK_IDS } from '../../src/testing/index'
import { decisions, headerStatus } from '../support/detail-helpers'
import { renderAdmin } from '../support/render-admin'

const count = (name: RegExp) => screen.getByRole('tab', { name, hidden: true }).querySelector('.vk-count')?.textContent

describe('ReviewConsole', () => {
  it('opens a check from the queue and comes back to the same tab and search', async () => {
    const { user } = renderAdmin(<ReviewConsole queue={{ searchDebounceMs: 0 }} />)
    await user.click(await screen.findByRole('tab', { name: /^All/ }))
    await user.type(screen.getByRole('searchbox', { name: 'Search checks' }), 'Ada')
    await user.click(await screen.findByRole('button', { name: 'Ada Lovelace' }))
    expect(await screen.findByRole('heading', { name: 'Background check of Ada Lovelace' })).toBeTruthy()
    expect(screen.queryByRole('tablist')).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Back to the queue' }))
    expect(screen.getByRole('tab', { name: /^All/ }).getAttribute('aria-selected')).toBe('true')
    expect(screen.getByRole('searchbox', { name: 'Search checks' })).toHaveProperty('value', 'Ada')
  })

  it('reloads the tab counts after a decision', async () => {
    const { user } = renderAdmin(<ReviewConsole />)
    await waitFor(() => expect(count(/^Needs review/)).toBe('1'))
    await user.click(await screen.findByRole('button', { name: 'Ada Lovelace' }))
    await screen.findByRole('region', { name: 'Decisions' })
    await user.click(decisions().getByRole('button', { name: 'Clear' }))
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Clear the check' }))
    await waitFor(() => expect(headerStatus()).toBe('Passed'))
    // The queue behind the detail already knows: no check needs review any more.
    await waitFor(() => expect(count(/^Needs review/)).toBe('0'))
    await user.click(screen.getByRole('button', { name: 'Back to the queue' }))
    expect(await screen.findByText('No checks in this queue.')).toBeTruthy()
  })

  it('follows the host\'s selectedCheckId and reports every change', async () => {
    const onSelectCheck = vi.fn()
    function Host() {
      const [selected, setSelected] = useState<string | null>(SAMPLE_CHECK_IDS.pending)
      return (
        <ReviewConsole
          selectedCheckId={selected}
          onSelectCheck={(id) => {
            onSelectCheck(id)
            setSelected(id)
          }}
        />
      )
    }
    const { user } = renderAdmin(<Host />)
    expect(await screen.findByRole('heading', { name: 'Background check of Grace Hopper' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Back to the queue' }))
    expect(onSelectCheck).toHaveBeenLastCalledWith(null)
    await user.click(await screen.findByRole('button', { name: 'Ada Lovelace' }))
    expect(onSelectCheck).toHaveBeenLastCalledWith(SAMPLE_CHECK_IDS.consider)
    expect(await screen.findByRole('heading', { name: 'Background check of Ada Lovelace' })).toBeTruthy()
  })

  it('stays on the host\'s check when the host does not follow a selection', async () => {
    const { user } = renderAdmin(<ReviewConsole selectedCheckId={SAMPLE_CHECK_IDS.pending} onSelectCheck={() => undefined} />)
    await screen.findByRole('heading', { name: 'Background check of Grace Hopper' })
    await user.click(screen.getByRole('button', { name: 'Back to the queue' }))
    expect(screen.getByRole('heading', { name: 'Background check of Grace Hopper' })).toBeTruthy()
  })

  it('goes from a webhook delivery to the check it moved', async () => {
    const { user } = renderAdmin(<ReviewConsole />)
    const nav = screen.getByRole('navigation', { name: 'Review console' })
    await user.click(within(nav).getByRole('button', { name: 'Webhook log' }))
    expect(within(nav).getByRole('button', { name: 'Webhook log' }).getAttribute('aria-current')).toBe('page')
    await user.click(await screen.findByRole('button', { name: /^Open delivery report\.canceled/ }))
    await user.click(await screen.findByRole('button', { name: 'Open the check' }))
    expect(await screen.findByRole('heading', { name: 'Background check of Margaret Hamilton' })).toBeTruthy()
    expect(within(nav).getByRole('button', { name: 'Checks' }).getAttribute('aria-current')).toBe('page')
  })
})
