import { screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { CheckDetail } from '../../src/index'
import { buildConsent, buildEmail, buildFixtureCheck, buildHistoryEntry, type AdminFixtures } from '../../src/testing/index'
import { EN_UTC, utcDateTime } from '../support/expected-dates'
import { renderAdmin } from '../support/render-admin'

const section = (name: string) => screen.getByRole('region', { name })

describe('CheckDetail', () => {
  const fixtures: AdminFixtures = {
    checks: [
      buildFixtureCheck({
        check: { id: 'chk-1', subjectId: 'sub-1', status: 'consider', provider: 'checkr', jurisdiction: 'us-ca', createdAt: '2026-02-02T10:00:00.000Z' },
        subject: { name: 'Sam Subject', email: 'sam@example.test' },
        reportUrl: 'https://dashboard.checkr.com/reports/rep_123',
        emails: [
          buildEmail({ template: 'invitation', status: 'sent', attempts: 1, createdAt: '2026-02-02T10:00:00.000Z', sentAt: '2026-02-02T10:01:00.000Z' }),
          buildEmail({ template: 'reminder', status: 'failed', attempts: 3, lastError: 'SMTP 550: mailbox unavailable', createdAt: '2026-02-04T10:00:00.000Z', sentAt: null }),
        ],
        history: [
          buildHistoryEntry({ id: 'h2', eventType: 'report.completed', fromStatus: 'pending', toStatus: 'consider', actorKind: 'provider', actorId: 'checkr', occurredAt: '2026-02-05T09:00:00.000Z', webhookEventId: '77' }),
          buildHistoryEntry({ id: 'h1', eventType: 'check.invited', fromStatus: null, toStatus: 'invited', actorKind: 'host', actorId: 'onboarding', reason: 'new tasker', occurredAt: '2026-02-02T10:00:00.000Z' }),
        ],
      }),
    ],
    consents: [
      buildConsent({ subjectId: 'sub-1', disclosureVersion: 'fcra-2025-06', signedAt: '2025-06-01T08:00:00.000Z', ip: '198.51.100.4', userAgent: 'OldBrowser/1', authorizationTextHash: 'sha256:old' }),
      buildConsent({ subjectId: 'sub-1', disclosureVersion: 'fcra-2026-01', signedAt: '2026-02-01T08:30:00.000Z', ip: '203.0.113.7', userAgent: 'Firefox/146', authorizationTextHash: 'sha256:abc123', signatureName: 'Sam Subject' }),
    ],
    webhooks: [],
  }

  it('shows the check\'s facts and the provider\'s report link', async () => {
    renderAdmin(<CheckDetail checkId="chk-1" />, { fixtures, locale: EN_UTC })
    expect(await screen.findByRole('heading', { level: 2, name: 'Background check of Sam Subject' })).toBeTruthy()
    const link = screen.getByRole('link', { name: 'Open the report at checkr' })
    expect(link.getAttribute('href')).toBe('https://dashboard.checkr.com/reports/rep_123')
    expect(link.getAttribute('rel')).toContain('noopener')
    expect(screen.getByText('us-ca')).toBeTruthy()
    expect(screen.getAllByText(utcDateTime('2026-02-02T10:00:00.000Z')).length).toBeGreaterThan(0)
  })

  it('shows the consent evidence, newest first, with every field a dispute would ask for', async () => {
    renderAdmin(<CheckDetail checkId="chk-1" />, { fixtures, locale: EN_UTC })
    await screen.findByRole('region', { name: 'Consent evidence' })
    const consents = within(section('Consent evidence')).getAllByRole('listitem')
    expect(consents).toHaveLength(2)
    const newest = within(consents[0]!)
    expect(newest.getByText('fcra-2026-01')).toBeTruthy()
    expect(newest.getByText(utcDateTime('2026-02-01T08:30:00.000Z'))).toBeTruthy()
    expect(newest.getByText('203.0.113.7')).toBeTruthy()
    expect(newest.getByText('Firefox/146')).toBeTruthy()
    expect(newest.getByText('sha256:abc123')).toBeTruthy()
    expect(newest.getByText('Sam Subject')).toBeTruthy()
    expect(within(consents[1]!).getByText('fcra-2025-06')).toBeTruthy()
  })

  it('lists the emails sent for the check with their delivery state', async () => {
    renderAdmin(<CheckDetail checkId="chk-1" />, { fixtures, locale: EN_UTC })
    const table = await screen.findByRole('table', { name: 'Emails of this check' })
    const reminder = within(table).getByRole('rowheader', { name: 'reminder' }).closest('tr')!
    expect(within(reminder).getByText('Failed')).toBeTruthy()
    expect(within(reminder).getByText('3')).toBeTruthy()
    expect(within(reminder).getByText('SMTP 550: mailbox unavailable')).toBeTruthy()
    const invitation = within(table).getByRole('rowheader', { name: 'invitation' }).closest('tr')!
    expect(within(invitation).getByText('Sent')).toBeTruthy()
    expect(within(invitation).getByText(utcDateTime('2026-02-02T10:01:00.000Z'))).toBeTruthy()
  })

  it('shows the full history, oldest first', async () => {
    renderAdmin(<CheckDetail checkId="chk-1" />, { fixtures, locale: EN_UTC })
    const history = await screen.findByRole('list', { name: 'History' })
    const entries = within(history).getAllByRole('listitem')
    expect(entries.map((entry) => entry.querySelector('strong')?.textContent)).toEqual(['check.invited', 'report.completed'])
    expect(entries[0]!.textContent).toContain('By host app onboarding')
    expect(entries[0]!.textContent).toContain('Reason: new tasker')
    expect(entries[1]!.textContent).toContain('From webhook delivery 77')
  })

  it('says when the check does not exist', async () => {
    renderAdmin(<CheckDetail checkId="chk-missing" />, { fixtures })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('no such check')
    expect(alert.textContent).toContain('Field: checkId.')
    expect(alert.textContent).toContain('HTTP 404')
  })

  it('opens the previous check of a re-check', async () => {
    const onSelectCheck = vi.fn()
    const recheck: AdminFixtures = { ...fixtures, checks: [buildFixtureCheck({ check: { id: 'chk-2', subjectId: 'sub-1', status: 'invited', previousCheckId: 'chk-1' } }), ...fixtures.checks] }
    const { user } = renderAdmin(<CheckDetail checkId="chk-2" onSelectCheck={onSelectCheck} />, { fixtures: recheck })
    await user.click(await screen.findByRole('button', { name: 'chk-1' }))
    expect(onSelectCheck).toHaveBeenCalledWith('chk-1')
  })
})
