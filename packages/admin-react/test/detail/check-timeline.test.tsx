import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { CheckTimeline } from '../../src/index'
import { buildHistoryEntry } from '../../src/testing/index'
import { renderAdmin } from '../support/render-admin'

describe('CheckTimeline', () => {
  it('says who did what, when, why, and the move from one status to the next', () => {
    renderAdmin(
      <CheckTimeline
        history={[
          buildHistoryEntry({ id: 'b', eventType: 'adverse.started', fromStatus: 'consider', toStatus: 'pre_adverse', actorKind: 'admin', actorId: 'rev@example.test', reason: 'item 1 is job-related', occurredAt: '2026-03-02T10:00:00.000Z' }),
          buildHistoryEntry({ id: 'a', eventType: 'check.invited', fromStatus: null, toStatus: 'invited', actorKind: 'system', actorId: 'scheduler', occurredAt: '2026-03-01T10:00:00.000Z' }),
        ]}
      />,
      { locale: { locale: 'en-US', timeZone: 'UTC' } },
    )
    const [first, second] = within(screen.getByRole('list', { name: 'History' })).getAllByRole('listitem')
    expect(first!.textContent).toContain('check.invited')
    expect(first!.textContent).toContain('New')
    expect(first!.textContent).toContain('By system scheduler')
    expect([...second!.querySelectorAll('.vk-badge')].map((b) => b.textContent)).toEqual(['Consider', 'Pre-adverse'])
    expect(second!.querySelector('.vk-sr-only')?.textContent).toBe('to')
    expect(second!.textContent).toContain('By admin rev@example.test')
    expect(second!.textContent).toContain('Reason: item 1 is job-related')
    expect(second!.querySelector('time')?.dateTime).toBe('2026-03-02T10:00:00.000Z')
  })

  it('says when there is no history', () => {
    renderAdmin(<CheckTimeline history={[]} />)
    expect(screen.getByText('No history yet.')).toBeTruthy()
  })
})
