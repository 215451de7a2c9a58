import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { CheckDetail, CheckQueue, CheckTimeline, en, es } from '../../src/index'
import { buildFixtureCheck, buildHistoryEntry, SAMPLE_CHECK_IDS, type AdminFixtures } from '../../src/testing/index'
import { renderAdmin } from '../support/render-admin'

const entry = buildHistoryEntry({ id: 'h1', eventType: 'review.cleared', fromStatus: 'consider', toStatus: 'passed', actorKind: 'admin', actorId: 'rev@example.test', occurredAt: '2026-03-01T12:00:00.000Z' })
const timeText = () => screen.getByRole('list', { name: /History|Historial/ }).querySelector('time')

describe('locale', () => {
  it('writes dates in the admin\'s time zone', () => {
    const tokyo = renderAdmin(<CheckTimeline history={[entry]} />, { locale: { locale: 'en-US', timeZone: 'Asia/Tokyo' } })
    expect(timeText()?.textContent).toMatch(/^Mar 1, 2026, 9:00\sPM$/)
    expect(timeText()?.dateTime).toBe('2026-03-01T12:00:00.000Z')
    tokyo.unmount()
    renderAdmin(<CheckTimeline history={[entry]} />, { locale: { locale: 'en-US', timeZone: 'America/New_York' } })
    expect(timeText()?.textContent).toMatch(/^Mar 1, 2026, 7:00\sAM$/)
  })

  it('formats for the locale it is given', () => {
    renderAdmin(<CheckTimeline history={[entry]} />, { locale: { locale: 'en-GB', timeZone: 'Europe/London' } })
    expect(timeText()?.textContent).toMatch(/^1 Mar 2026, 12:00$/)
  })

  it('falls back to the runtime\'s zone for a zone it does not know, instead of failing', () => {
    renderAdmin(<CheckTimeline history={[entry]} />, { locale: { locale: 'en-US', timeZone: 'Mars/Olympus_Mons' } })
    expect(timeText()?.textContent).toMatch(/2026/)
  })

  it('takes the host\'s overrides of single strings, keeping the rest', async () => {
    renderAdmin(<CheckQueue />, { locale: { strings: { 'queue.needs_review': 'To triage', 'status.consider': 'Needs a human' } } })
    expect(await screen.findByRole('tab', { name: /^To triage/ })).toBeTruthy()
    expect(screen.getByRole('tab', { name: /^Pending/ })).toBeTruthy()
    expect(await screen.findByText('Needs a human')).toBeTruthy()
  })

  it('ships a complete Spanish table', async () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort())
    // Same placeholders in every message.
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort()
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(es[key]), key).toEqual(placeholders(en[key]))
    renderAdmin(<CheckDetail checkId={SAMPLE_CHECK_IDS.preAdverseWaiting} />, { locale: { locale: 'es', timeZone: 'UTC', strings: es } })
    const panel = await screen.findByRole('region', { name: 'Decisiones' })
    expect(within(panel).getByRole('button', { name: 'Enviar aviso final' })).toHaveProperty('disabled', true)
    expect(panel.textContent).toMatch(/Quedan? \d días? hábil(es)?\. El aviso final puede enviarse a partir de/)
    const heading = screen.getByRole('heading', { name: 'Verificación de antecedentes de Katherine Johnson' })
    expect(heading.parentElement!.querySelector('.vk-badge')?.textContent).toBe('Preaviso adverso')
  })

  it('counts consent recency in the locale\'s words', async () => {
    const fixtures: AdminFixtures = { checks: [buildFixtureCheck({ subject: { name: 'Ana', email: null }, check: { status: 'consider', subjectId: 's1' } })], consents: [], webhooks: [] }
    fixtures.consents.push({ id: 'c1', subjectId: 's1', disclosureVersion: 'v1', authorizationTextHash: 'h', signatureName: 'Ana', signedAt: new Date(Date.now() - 3 * 86_400_000 - 60_000).toISOString(), ip: null, userAgent: null })
    renderAdmin(<CheckQueue />, { fixtures, locale: { locale: 'es', strings: es } })
    expect(await screen.findByText('consentimiento hace 3 días')).toBeTruthy()
  })
})
