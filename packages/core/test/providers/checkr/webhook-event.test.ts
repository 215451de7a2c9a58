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
      trigger: {
        event: 'report.completed',
        object: { kind: 'report', id: REPORT_ID },
        refs: { candidateId: CANDIDATE_ID, reportId: REPORT_ID, invitationId: null },
        thin: false,
        report: {
          status: 'complete',
          result: 'consider',
          assessment: 'review',
          adjudication: null,
          completedAt: new Date('2026-01-21T17:45:12Z'),
          eta: new Date('2026-01-22T00:00:00Z'),
        },
      },
    })
  })

  it('keeps unknown enum values (status paused, assessment escalated)', () => {
    const parsed = parseCheckrWebhook(bytes(event('report.updated', { ...report, status: 'paused', assessment: 'escalated', completed_at: null })))
    expect(parsed.trigger?.report).toMatchObject({ status: 'paused', result: 'consider', assessment: 'escalated', completedAt: null })
  })

  it('marks a thin payload ({id, object, uri}): only the object id is known, there is no report', () => {
    const parsed = parseCheckrWebhook(bytes(event('report.completed', { id: REPORT_ID, object: 'report', uri: `/v1/reports/${REPORT_ID}` })))
    expect(parsed.trigger).toEqual({
      event: 'report.completed',
      object: { kind: 'report', id: REPORT_ID },
      refs: { reportId: REPORT_ID, candidateId: null, invitationId: null },
      thin: true,
      report: null,
    })
  })

  it('reads an invitation.completed payload: invitation, candidate and report ids', () => {
    const parsed = parseCheckrWebhook(bytes(event('invitation.completed', { ...invitation, status: 'completed', report_id: REPORT_ID })))
    expect(parsed.trigger).toMatchObject({
      event: 'invitation.completed',
      object: { kind: 'invitation', id: INVITATION_ID },
      refs: { invitationId: INVITATION_ID, candidateId: CANDIDATE_ID, reportId: REPORT_ID },
      thin: false,
      report: null,
    })
  })

  it('maps invitation.deleted to a cancel and the candidate-level adverse-action events to the report ones', () => {
    expect(parseCheckrWebhook(bytes(event('invitation.deleted', invitation))).trigger?.event).toBe('invitation.canceled')
    const pre = parseCheckrWebhook(bytes(event('candidate.pre_adverse_action', { ...candidate, report_ids: ['r_old', REPORT_ID] })))
    expect(pre.trigger).toMatchObject({ event: 'report.pre_adverse_action', object: { kind: 'candidate', id: CANDIDATE_ID }, refs: { reportId: REPORT_ID } })
    expect(parseCheckrWebhook(bytes(event('candidate.post_adverse_action', candidate))).trigger?.event).toBe('report.post_adverse_action')
  })

  it.each([
    'candidate.created',
    'candidate.updated',
    'candidate.id_required',
    'invitation.created',
    'package.created',
    'verification.completed',
    'form_i9.updated',
    'continuous_check.subscription_error',
    'report.upgraded',
    'account.credentialed',
    'something.new_in_2027',
  ])('%s concerns no check: no trigger (logged as ignored at once, never parked)', (type) => {
    const object = type.startsWith('invitation') ? invitation : type.startsWith('report') ? report : { ...candidate, id: 'obj_1', object: type.split('.')[0] }
    expect(parseCheckrWebhook(bytes(event(type, object))).trigger).toBeNull()
  })

  it('keeps no PII: names, email, SSN, DOB and phone from a candidate payload appear nowhere in the result', () => {
    const withPii = { ...candidate, ssn: '123-45-6789', email: 'jordan.rivera@example.com', first_name: 'Jordan', last_name: 'Rivera' }
    // One the engine ignores, and one it acts on (a candidate-level adverse action).
    for (const type of ['candidate.updated', 'candidate.pre_adverse_action']) {
      const parsed = parseCheckrWebhook(bytes(event(type, withPii)))
      expect(parsed.type).toBe(type)
      const serialised = JSON.stringify(parsed)
      for (const pii of ['jordan.rivera@example.com', 'Jordan', 'Rivera', '123-45-6789', '6789', '1990-04-22', '5555555555', '90401', 'email', 'first_name', 'ssn']) {
        expect(serialised).not.toContain(pii)
      }
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
