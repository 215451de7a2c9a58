import { screen, waitFor, within } from '@testing-library/react'
import { delay, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { CheckDetail, CheckQueue } from '../../src/index'
import { SAMPLE_CHECK_IDS } from '../../src/testing/index'
import { BASE_URL, renderAdmin } from '../support/render-admin'

describe('requests the screen no longer wants', () => {
  it('are aborted on unmount', async () => {
    const signals: AbortSignal[] = []
    const slow = http.get(`${BASE_URL}/admin/checks/:checkId`, async ({ request }) => {
      signals.push(request.signal)
      await delay(5_000)
      return undefined
    })
    const { unmount } = renderAdmin(<CheckDetail checkId={SAMPLE_CHECK_IDS.consider} />, { overrides: [slow] })
    await waitFor(() => expect(signals).toHaveLength(1))
    unmount()
    await waitFor(() => expect(signals[0]!.aborted).toBe(true))
  })

  it('are aborted by a newer one, whose answer is the one shown', async () => {
    const signals = new Map<string, AbortSignal>()
    const slowNeedsReview = http.get(`${BASE_URL}/admin/checks`, async ({ request }) => {
      const queue = new URL(request.url).searchParams.get('queue') ?? ''
      signals.set(queue, request.signal)
      if (queue === 'needs_review') await delay(300)
      return undefined
    })
    const { user } = renderAdmin(<CheckQueue onSelectCheck={() => undefined} />, { overrides: [slowNeedsReview] })
    await waitFor(() => expect(signals.has('needs_review')).toBe(true))
    await user.click(screen.getByRole('tab', { name: /^Pending/ }))
    const pending = await screen.findByRole('table', { name: 'Pending' })
    expect(signals.get('needs_review')!.aborted).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(screen.getByRole('table', { name: 'Pending' })).toBe(pending)
    expect(within(pending).queryByRole('button', { name: 'Ada Lovelace' })).toBeNull()
  })
})
