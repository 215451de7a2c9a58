import { describe, expect, it } from 'vitest'
import { VetkitError } from '../../../src/errors'
import { parseCheckrWebhook } from '../../../src/providers/checkr'
import { candidate, CANDIDATE_ID, invitation, INVITATION_ID, report, REPORT_ID } from './support/checkr-objects'

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value))

const event = (type: string, object: unknown) => ({
  id: '5b7a33a1a9d5b8000189d0e1',
  object: 'event',
  type,
  created_at: '2026-01-21T17:45:13Z',
  webhook_url: 'https://hooks.example.com/checkr',
  data: { object },
  account_id: 'f8d6c0e2a4b6c8d0e2f4a6b8',
})

function parseError(body: Uint8Array): VetkitError {
  try {
    parseCheckrWebhook(body)
  } catch (error) {
    expect(error).toBeInstanceOf(VetkitError)
    return error as VetkitError
  }
  throw new Error('expected parseCheckrWebhook to throw')
}

describe('parseCheckrWebhook', () => {
  it('reads a full report.completed payload', () => {
    const parsed = parseCheckrWebhook(bytes(event('report.completed', report)))
    expect(parsed).toEqual({
      eventId: '5b7a33a1a9d5b8000189d0e1',
      type: 'report.completed',
      occurredAt: new Date('2026-01-21T17:45:13Z'),
      objectType: 'report',
      objectId: REPORT_ID,
      candidateId: CANDIDATE_ID,
      reportId: REPORT_ID,
      invitationId: null,
      report: { status: 'complete', result: 'consider', assessment: 'review', completedAt: new Date('2026-01-21T17:45:12Z') },
    })
  })

  it('keeps unknown enum values (status paused, assessment escalated)', () => {
    const parsed = parseCheckrWebhook(bytes(event('report.updated', { ...report, status: 'paused', assessment: 'escalated', completed_at: null })))
    expect(parsed.report).toEqual({ status: 'paused', result: 'consider', assessment: 'escalated', completedAt: null })
  })

  it('reads a thin payload ({id, object, uri}) with report: null', () => {
    const parsed = parseCheckrWebhook(bytes(event('report.completed', { id: REPORT_ID, object: 'report', uri: `/v1/reports/${REPORT_ID}` })))
    expect(parsed).toMatchObject({ objectType: 'report', objectId: REPORT_ID, reportId: REPORT_ID, candidateId: null, report: null })
  })

  it('reads an invitation.completed payload: invitation, candidate and report ids', () => {
    const parsed = parseCheckrWebhook(bytes(event('invitation.completed', { ...invitation, status: 'completed', report_id: REPORT_ID })))
    expect(parsed).toMatchObject({ objectType: 'invitation', invitationId: INVITATION_ID, candidateId: CANDIDATE_ID, reportId: REPORT_ID, report: null })
  })

  it('keeps no PII: names, email, SSN, DOB and phone from a candidate payload appear nowhere in the result', () => {
    const withPii = { ...candidate, ssn: '123-45-6789', email: 'jordan.rivera@example.com', first_name: 'Jordan', last_name: 'Rivera' }
    const parsed = parseCheckrWebhook(bytes(event('candidate.updated', withPii)))
    expect(parsed).toMatchObject({ objectType: 'candidate', objectId: CANDIDATE_ID, candidateId: CANDIDATE_ID })
    const serialised = JSON.stringify(parsed)
    for (const pii of ['jordan.rivera@example.com', 'Jordan', 'Rivera', '123-45-6789', '6789', '1990-04-22', '5555555555', '90401', 'email', 'first_name', 'ssn']) {
      expect(serialised).not.toContain(pii)
    }
  })

  it('keeps no PII from a report payload that embeds the candidate', () => {
    const parsed = parseCheckrWebhook(bytes(event('report.completed', { ...report, candidate: { ...candidate, ssn: 'XXX-XX-4645' } })))
    const serialised = JSON.stringify(parsed)
    for (const pii of ['jordan.rivera@example.com', 'Rivera', '4645', 'ssn', 'first_name']) expect(serialised).not.toContain(pii)
  })

  it('refuses a body that is not JSON', () => {
    const error = parseError(bytes('{"id": "evt_1", '))
    expect(error.code).toBe('invalid_webhook')
    expect(error.message).toContain('not JSON')
  })

  it.each([
    ['id', (e: Record<string, unknown>) => ({ ...e, id: undefined })],
    ['type', (e: Record<string, unknown>) => ({ ...e, type: undefined })],
    ['created_at', (e: Record<string, unknown>) => ({ ...e, created_at: 'yesterday' })],
    ['object', (e: Record<string, unknown>) => ({ ...e, object: 'report' })],
    ['data', (e: Record<string, unknown>) => ({ ...e, data: undefined })],
    ['data.object.id', (e: Record<string, unknown>) => ({ ...e, data: { object: { object: 'report' } } })],
    ['data.object.object', (e: Record<string, unknown>) => ({ ...e, data: { object: { id: REPORT_ID } } })],
  ])('names the missing or invalid field: %s', (field, mutate) => {
    const error = parseError(bytes(mutate(event('report.completed', report))))
    expect(error.code).toBe('invalid_webhook')
    expect(error.field).toBe(field)
    expect(error.message).toContain(field)
  })
})
