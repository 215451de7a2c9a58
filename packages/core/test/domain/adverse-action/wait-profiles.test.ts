import { describe, it, expect } from 'vitest'
import { ConfigurationError, VetkitError } from '../../../src/errors'
import { businessCalendar } from '../../../src/domain/calendar/business-calendar'
import { countBusinessDays } from '../../../src/domain/calendar/business-days'
import {
  type AdverseActionWaitProfile,
  builtInWaitProfiles,
  defineWaitProfiles,
  earliestFinalNoticeAt,
} from '../../../src/domain/adverse-action/wait-profiles'

const registry = defineWaitProfiles()
const profile = (id: string) => registry.get(id)
const at = (iso: string) => new Date(iso)
const iso = (date: Date) => date.toISOString()

const custom: AdverseActionWaitProfile = {
  id: 'us-tx-austin',
  name: 'Austin, Texas',
  timeZone: 'America/Chicago',
  minimumWaits: [{ unit: 'business_days', amount: 5 }],
  source: 'host policy',
}

/** Lets a test pass deliberately wrong data without `any`. */
const loose = (value: unknown) => value as AdverseActionWaitProfile

describe('built-in wait profiles', () => {
  it('ships the expected jurisdictions, all with the federal 5-business-day baseline', () => {
    expect(builtInWaitProfiles.map((p) => p.id)).toEqual([
      'us-fcra',
      'us-ca',
      'us-ca-los-angeles',
      'us-ny-nyc',
      'us-md-montgomery',
      'us-md-prince-georges',
    ])
    for (const p of builtInWaitProfiles) {
      expect(p.minimumWaits, p.id).toContainEqual({ unit: 'business_days', amount: 5 })
      expect(p.source.length, p.id).toBeGreaterThan(20)
    }
    expect(profile('us-ny-nyc').source).toContain('UNCONFIRMED')
  })

  it('are JSON data and frozen', () => {
    const fcra = profile('us-fcra')
    expect(JSON.parse(JSON.stringify(fcra))).toEqual(fcra)
    expect(Object.isFrozen(fcra)).toBe(true)
    expect(Object.isFrozen(fcra.minimumWaits)).toBe(true)
  })
})

describe('earliestFinalNoticeAt', () => {
  it('default profile: a Monday pre-adverse notice allows the final notice the following Monday', () => {
    // Mon 2 Jun 2025 10:00 EDT -> Mon 9 Jun 10:00 EDT.
    const result = earliestFinalNoticeAt({ profile: profile('us-fcra'), preAdverseNoticeAt: at('2025-06-02T14:00:00Z') })
    expect(iso(result)).toBe('2025-06-09T14:00:00.000Z')
  })

  it('default profile ignores the medium and a written dispute', () => {
    const result = earliestFinalNoticeAt({
      profile: profile('us-fcra'),
      preAdverseNoticeAt: at('2025-06-02T14:00:00Z'),
      medium: 'postal',
      writtenDispute: true,
    })
    expect(iso(result)).toBe('2025-06-09T14:00:00.000Z')
  })

  it('Maryland counties take the later of 7 calendar days and 5 business days', () => {
    for (const id of ['us-md-montgomery', 'us-md-prince-georges']) {
      // Over Thanksgiving the business days win: Mon 24 Nov 2025 -> Tue 2 Dec (7 calendar days: Mon 1 Dec).
      expect(iso(earliestFinalNoticeAt({ profile: profile(id), preAdverseNoticeAt: at('2025-11-24T15:00:00Z') }))).toBe(
        '2025-12-02T15:00:00.000Z',
      )
      // From a Saturday the calendar days win: Sat 7 Jun 2025 -> Sat 14 Jun (5 business days: Fri 13 Jun).
      expect(iso(earliestFinalNoticeAt({ profile: profile(id), preAdverseNoticeAt: at('2025-06-07T14:00:00Z') }))).toBe(
        '2025-06-14T14:00:00.000Z',
      )
    }
  })

  it('California counts from receipt: email is received after 2 business days', () => {
    // Mon 2 Jun 2025 09:00 PDT: received Wed 4 Jun, + 5 business days = Wed 11 Jun.
    const base = earliestFinalNoticeAt({ profile: profile('us-ca'), preAdverseNoticeAt: at('2025-06-02T16:00:00Z') })
    expect(iso(base)).toBe('2025-06-11T16:00:00.000Z')
  })

  it('California: a written dispute adds 5 business days after the base date', () => {
    const input = { profile: profile('us-ca'), preAdverseNoticeAt: at('2025-06-02T16:00:00Z') }
    const base = earliestFinalNoticeAt(input)
    const disputed = earliestFinalNoticeAt({ ...input, writtenDispute: true })
    expect(iso(disputed)).toBe('2025-06-18T16:00:00.000Z')
    expect(countBusinessDays(base, disputed, { timeZone: 'America/Los_Angeles' })).toBe(5)
  })

  it('California by post: 5 calendar days to receipt, then the waits (skipping Juneteenth)', () => {
    const input = { profile: profile('us-ca'), preAdverseNoticeAt: at('2025-06-02T16:00:00Z'), medium: 'postal' as const }
    // Received Sat 7 Jun; + 5 business days = Fri 13 Jun; dispute: Mon 16 .. Mon 23 (Thu 19 Jun is a holiday).
    expect(iso(earliestFinalNoticeAt(input))).toBe('2025-06-13T16:00:00.000Z')
    expect(iso(earliestFinalNoticeAt({ ...input, writtenDispute: true }))).toBe('2025-06-23T16:00:00.000Z')
  })

  it('Los Angeles uses the California waits', () => {
    const preAdverseNoticeAt = at('2025-06-02T16:00:00Z')
    expect(earliestFinalNoticeAt({ profile: profile('us-ca-los-angeles'), preAdverseNoticeAt, writtenDispute: true })).toEqual(
      earliestFinalNoticeAt({ profile: profile('us-ca'), preAdverseNoticeAt, writtenDispute: true }),
    )
  })

  it('NYC: 5 business days from receipt, with a postal allowance', () => {
    const preAdverseNoticeAt = at('2025-06-02T14:00:00Z')
    expect(iso(earliestFinalNoticeAt({ profile: profile('us-ny-nyc'), preAdverseNoticeAt }))).toBe('2025-06-09T14:00:00.000Z')
    expect(iso(earliestFinalNoticeAt({ profile: profile('us-ny-nyc'), preAdverseNoticeAt, medium: 'postal' }))).toBe(
      '2025-06-13T14:00:00.000Z',
    )
  })

  it('resolves a host calendar by id, and fails clearly when it is missing', () => {
    const acme = { ...custom, id: 'acme', timeZone: 'America/New_York', calendar: 'acme-days' }
    const preAdverseNoticeAt = at('2025-06-02T14:00:00Z')
    expect(() => earliestFinalNoticeAt({ profile: acme, preAdverseNoticeAt })).toThrowError(
      expect.objectContaining({ code: 'configuration_error', field: 'profile.calendar' }),
    )
    const calendars = { 'acme-days': businessCalendar({ id: 'acme-days', holidays: (d) => d === '2025-06-04' }) }
    expect(iso(earliestFinalNoticeAt({ profile: acme, preAdverseNoticeAt, calendars }))).toBe('2025-06-10T14:00:00.000Z')
  })

  it('returns a new Date and rejects an invalid notice time', () => {
    const zero = { ...custom, minimumWaits: [{ unit: 'business_days' as const, amount: 0 }] }
    const preAdverseNoticeAt = at('2025-06-02T14:00:00Z')
    const result = earliestFinalNoticeAt({ profile: zero, preAdverseNoticeAt })
    expect(result).toEqual(preAdverseNoticeAt)
    expect(result).not.toBe(preAdverseNoticeAt)
    expect(() => earliestFinalNoticeAt({ profile: custom, preAdverseNoticeAt: new Date(Number.NaN) })).toThrowError(
      expect.objectContaining({ code: 'invalid_argument', field: 'preAdverseNoticeAt' }),
    )
  })
})

describe('defineWaitProfiles', () => {
  it('adds host profiles and lets them override built-ins', () => {
    const stricter = { ...profile('us-fcra'), minimumWaits: [{ unit: 'business_days' as const, amount: 10 }] }
    const hosted = defineWaitProfiles([custom, stricter])
    expect(hosted.get('us-tx-austin')).toEqual(custom)
    expect(hosted.get('us-fcra').minimumWaits).toEqual([{ unit: 'business_days', amount: 10 }])
    expect(hosted.list().map((p) => p.id)).toEqual([...builtInWaitProfiles.map((p) => p.id), 'us-tx-austin'])
    expect(hosted.has('us-tx-austin')).toBe(true)
    expect(registry.has('us-tx-austin')).toBe(false)
    expect(registry.get('us-fcra').minimumWaits).toEqual([{ unit: 'business_days', amount: 5 }])
  })

  it('throws unknown_jurisdiction with the id for an unknown profile', () => {
    let error: unknown
    try {
      registry.get('us-zz')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(VetkitError)
    expect(error).toMatchObject({ code: 'unknown_jurisdiction', field: 'jurisdiction' })
    expect((error as Error).message).toContain('us-zz')
  })

  it.each([
    ['minimumWaits[0].amount', { ...custom, minimumWaits: [{ unit: 'business_days', amount: -1 }] }],
    ['minimumWaits[0].unit', { ...custom, minimumWaits: [{ unit: 'weeks', amount: 1 }] }],
    ['minimumWaits', { ...custom, minimumWaits: [] }],
    ['timeZone', { ...custom, timeZone: 'Texas/Austin' }],
    ['id', { ...custom, id: ' ' }],
    ['source', { ...custom, source: undefined }],
    ['postalReceiptAllowance', { ...custom, postalReceiptAllowance: { unit: 'calendar_days', amount: 5 } }],
    ['waitDays', { ...custom, waitDays: 5 }],
  ])('rejects an invalid profile, naming %s', (field, bad) => {
    expect(() => defineWaitProfiles([custom, loose(bad)])).toThrowError(ConfigurationError)
    expect(() => defineWaitProfiles([custom, loose(bad)])).toThrowError(
      expect.objectContaining({ code: 'configuration_error', field: `waitProfiles[1].${field}` }),
    )
  })

  it('rejects duplicate ids and a non-array', () => {
    expect(() => defineWaitProfiles([custom, custom])).toThrowError(expect.objectContaining({ field: 'waitProfiles[1].id' }))
    expect(() => defineWaitProfiles(loose({}) as unknown as AdverseActionWaitProfile[])).toThrowError(
      expect.objectContaining({ field: 'waitProfiles' }),
    )
  })

  it('validates a hand-built profile passed straight to earliestFinalNoticeAt', () => {
    expect(() =>
      earliestFinalNoticeAt({ profile: loose({ ...custom, timeZone: 'nope' }), preAdverseNoticeAt: at('2025-06-02T14:00:00Z') }),
    ).toThrowError(expect.objectContaining({ field: 'profile.timeZone' }))
  })
})
