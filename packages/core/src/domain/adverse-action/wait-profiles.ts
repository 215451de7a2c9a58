import { IANAZone } from 'luxon'
import { z } from 'zod'
import { ConfigurationError, VetkitError } from '../../errors'
import { type BusinessCalendar, usFederalBusinessCalendar } from '../calendar/business-calendar'
import { addBusinessDays, addCalendarDays } from '../calendar/business-days'
import { firstIssue, settingPath } from '../../support/zod-issue'

/**
 * How long a jurisdiction makes the employer wait between the pre-adverse notice and the earliest
 * final notice, as data: hosts add or override profiles without code, and the rules stay
 * reviewable against their cited sources. Not legal advice; see each profile's `source`.
 */

export interface WaitRule {
  unit: 'business_days' | 'calendar_days'
  amount: number
}

export interface AdverseActionWaitProfile {
  /** Stable id stored with each check, e.g. `us-fcra`, `us-ca`, `us-md-montgomery`. */
  id: string
  name: string
  /** IANA zone whose local dates the days are counted in. */
  timeZone: string
  /** Business-day calendar, by id (resolved through `calendars`). Default `us-federal`. */
  calendar?: string
  /** The earliest final notice is the latest of these, each counted from the start point. */
  minimumWaits: readonly WaitRule[]
  /** Added after the base wait when the candidate says in writing that they dispute (California). */
  writtenDisputeExtension?: WaitRule
  /** The waits run from the candidate's receipt of the notice, not from sending (CA, NYC). */
  countsFromReceipt?: boolean
  /** Time until a mailed notice counts as received. Requires `countsFromReceipt`. */
  postalReceiptAllowance?: WaitRule
  /** Time until an emailed notice counts as received. Requires `countsFromReceipt`. */
  emailReceiptAllowance?: WaitRule
  /** Citation text; "UNCONFIRMED" marks facts not checked against a primary source. */
  source: string
}

export const DEFAULT_WAIT_PROFILE_ID = 'us-fcra'

/** Upper bound on any single wait: guards against typos such as 500 business days. */
const MAX_WAIT_AMOUNT = 366

const waitRuleSchema = z
  .object({
    unit: z.enum(['business_days', 'calendar_days']),
    amount: z.number().int().min(0).max(MAX_WAIT_AMOUNT),
  })
  .strict()

const waitProfileSchema = z
  .object({
    id: z.string().trim().min(1).max(100),
    name: z.string().trim().min(1).max(200),
    timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'must be a valid IANA time zone'),
    calendar: z.string().trim().min(1).max(100).optional(),
    minimumWaits: z.array(waitRuleSchema).min(1).max(10),
    writtenDisputeExtension: waitRuleSchema.optional(),
    countsFromReceipt: z.boolean().optional(),
    postalReceiptAllowance: waitRuleSchema.optional(),
    emailReceiptAllowance: waitRuleSchema.optional(),
    source: z.string().trim().min(1).max(4000),
  })
  .strict()
  .superRefine((profile, ctx) => {
    // An allowance without counting from receipt would silently do nothing.
    for (const key of ['postalReceiptAllowance', 'emailReceiptAllowance'] as const) {
      if (profile[key] && !profile.countsFromReceipt) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'requires countsFromReceipt: true' })
      }
    }
  })

type ParsedProfile = z.output<typeof waitProfileSchema>

function freezeRule(rule: WaitRule): WaitRule {
  return Object.freeze({ unit: rule.unit, amount: rule.amount })
}

/** Rebuilds a validated profile without `undefined` keys (exactOptionalPropertyTypes) and freezes it. */
function toProfile(parsed: ParsedProfile): AdverseActionWaitProfile {
  const profile: AdverseActionWaitProfile = {
    id: parsed.id,
    name: parsed.name,
    timeZone: parsed.timeZone,
    minimumWaits: Object.freeze(parsed.minimumWaits.map(freezeRule)),
    source: parsed.source,
  }
  if (parsed.calendar !== undefined) profile.calendar = parsed.calendar
  if (parsed.writtenDisputeExtension) profile.writtenDisputeExtension = freezeRule(parsed.writtenDisputeExtension)
  if (parsed.countsFromReceipt !== undefined) profile.countsFromReceipt = parsed.countsFromReceipt
  if (parsed.postalReceiptAllowance) profile.postalReceiptAllowance = freezeRule(parsed.postalReceiptAllowance)
  if (parsed.emailReceiptAllowance) profile.emailReceiptAllowance = freezeRule(parsed.emailReceiptAllowance)
  return Object.freeze(profile)
}

/** Validates one profile; the ConfigurationError names the bad field under `root`. */
export function parseWaitProfile(input: unknown, root = 'waitProfile'): AdverseActionWaitProfile {
  const parsed = waitProfileSchema.safeParse(input)
  if (parsed.success) return toProfile(parsed.data)
  const issue = firstIssue(parsed.error, 'invalid wait profile')
  throw new ConfigurationError(settingPath(root, issue.path), issue.message)
}

const business = (amount: number): WaitRule => ({ unit: 'business_days', amount })
const calendarDays = (amount: number): WaitRule => ({ unit: 'calendar_days', amount })

const FEDERAL_BASELINE_NOTE = 'Also applies the federal FCRA baseline of 5 business days (see us-fcra).'

const californiaWaits = {
  minimumWaits: [business(5)],
  writtenDisputeExtension: business(5),
  countsFromReceipt: true,
  emailReceiptAllowance: business(2),
  postalReceiptAllowance: calendarDays(5),
}

const californiaSource =
  'California Fair Chance Act, Gov. Code §12952; 2 CCR §11017.1 (amended, effective 2023-10-01): at least 5 business days ' +
  'to respond to the preliminary notice, plus at least 5 more business days when the applicant says in writing that they ' +
  'dispute the record and are obtaining evidence [ogletree.com 2023; checkr.com/blog/regional-requirements-for-adjudication]. ' +
  'Counted from receipt [help.verifiedfirst.com "Special Handling Jurisdictions"]; an emailed notice is presumed received ' +
  '2 business days after sending [scherzer.co; disa.com, secondary sources]. Mailed notice presumed received after ' +
  '5 calendar days: UNCONFIRMED. Counted on the federal holiday calendar; whether California state holidays must also be ' +
  `skipped is UNCONFIRMED. ${FEDERAL_BASELINE_NOTE}`

const marylandCountyWaits = { minimumWaits: [business(5), calendarDays(7)] }

const marylandSource = (county: string): string =>
  `${county}, MD fair-chance law: 7-day response window [verifiedfirst.com], read here as calendar days ` +
  `(UNCONFIRMED against the county code). ${FEDERAL_BASELINE_NOTE} The later of the two governs.`

const builtInInputs: AdverseActionWaitProfile[] = [
  {
    id: DEFAULT_WAIT_PROFILE_ID,
    name: 'United States (FCRA)',
    timeZone: 'America/New_York',
    minimumWaits: [business(5)],
    source:
      '15 U.S.C. §1681b(b)(3)(A) sets no number of days; FTC staff say the wait must let the consumer respond and ' +
      '"will vary depending on the circumstances" (Lewis letter, 1998). Commonly read as a minimum of 5 business days, ' +
      'federal holidays excluded [truescreen.com; peoplefacts.com]. Which FTC letter first said "five business days" is UNCONFIRMED.',
  },
  {
    id: 'us-ca',
    name: 'California (Fair Chance Act)',
    timeZone: 'America/Los_Angeles',
    ...californiaWaits,
    source: californiaSource,
  },
  {
    id: 'us-ca-los-angeles',
    name: 'City of Los Angeles (FCIHO)',
    timeZone: 'America/Los_Angeles',
    ...californiaWaits,
    source:
      'City of Los Angeles Fair Chance Initiative for Hiring Ordinance: a written individualized assessment goes with the ' +
      'pre-adverse notice [checkr.com/blog/regional-requirements-for-adjudication; help.checkr.com 217481048]. The ' +
      "ordinance's own wait is UNCONFIRMED; this profile applies the California Fair Chance Act waits, which bind Los " +
      `Angeles employers too. ${californiaSource}`,
  },
  {
    id: 'us-ny-nyc',
    name: 'New York City (Fair Chance Act)',
    timeZone: 'America/New_York',
    minimumWaits: [business(5)],
    countsFromReceipt: true,
    postalReceiptAllowance: calendarDays(5),
    source:
      'NYC Fair Chance Act, Admin. Code §8-107(11-a), as amended by Local Law 4 of 2021 (effective 2021-07-29). The 2015 law ' +
      'required at least 3 business days from receipt [backgroundchecks.com 2015]; secondary sources say the amendment raised ' +
      'it to 5 business days [hireimage.com; verifiedfirst.com]: UNCONFIRMED against the statute text. Counted from receipt ' +
      '[help.verifiedfirst.com]; the 5-calendar-day postal allowance and the absence of an email allowance are UNCONFIRMED. ' +
      `Counted on the federal holiday calendar. ${FEDERAL_BASELINE_NOTE}`,
  },
  {
    id: 'us-md-montgomery',
    name: 'Montgomery County, Maryland',
    timeZone: 'America/New_York',
    ...marylandCountyWaits,
    source: marylandSource('Montgomery County'),
  },
  {
    id: 'us-md-prince-georges',
    name: "Prince George's County, Maryland",
    timeZone: 'America/New_York',
    ...marylandCountyWaits,
    source: marylandSource("Prince George's County"),
  },
]

/** The profiles vetkit ships, frozen. Every one includes the federal 5-business-day baseline. */
export const builtInWaitProfiles: readonly AdverseActionWaitProfile[] = Object.freeze(
  builtInInputs.map((profile, index) => parseWaitProfile(profile, `builtInWaitProfiles[${index}]`)),
)

export interface WaitProfileRegistry {
  /** Throws VetkitError `unknown_jurisdiction` (field `jurisdiction`) for an unknown id. */
  get(id: string): AdverseActionWaitProfile
  has(id: string): boolean
  /** Built-ins first (overridden ones in place), then the host's new profiles. */
  list(): readonly AdverseActionWaitProfile[]
}

/**
 * A registry of the built-in profiles plus the host's: a custom profile with a built-in id
 * replaces it. Validated at start-up; the ConfigurationError names the bad field, e.g.
 * `waitProfiles[0].minimumWaits[0].amount`.
 */
export function defineWaitProfiles(custom: readonly AdverseActionWaitProfile[] = []): WaitProfileRegistry {
  if (!Array.isArray(custom)) throw new ConfigurationError('waitProfiles', 'must be an array of wait profiles')
  const byId = new Map(builtInWaitProfiles.map((profile) => [profile.id, profile]))
  const seen = new Set<string>()
  custom.forEach((input: unknown, index) => {
    const profile = parseWaitProfile(input, `waitProfiles[${index}]`)
    if (seen.has(profile.id)) {
      throw new ConfigurationError(`waitProfiles[${index}].id`, `duplicate wait profile id "${profile.id}"`)
    }
    seen.add(profile.id)
    byId.set(profile.id, profile)
  })
  const all = Object.freeze([...byId.values()])
  return {
    get(id) {
      const profile = byId.get(id)
      if (!profile) {
        throw new VetkitError('unknown_jurisdiction', `no adverse-action wait profile with id "${id}"`, {
          field: 'jurisdiction',
        })
      }
      return profile
    },
    has: (id) => byId.has(id),
    list: () => all,
  }
}

export interface EarliestFinalNoticeInput {
  profile: AdverseActionWaitProfile
  /** When the pre-adverse notice was sent. */
  preAdverseNoticeAt: Date
  /** How the pre-adverse notice went out. Default `email`. */
  medium?: 'email' | 'postal'
  /** The candidate said in writing that they dispute the record. Default false. */
  writtenDispute?: boolean
  /** Calendars by id, for profiles that name one; `us-federal` is always available. */
  calendars?: Readonly<Record<string, BusinessCalendar>>
}

/**
 * The earliest moment the final adverse-action notice may go out: the latest of the profile's
 * minimum waits (from receipt, when the profile counts from receipt), then the written-dispute
 * extension counted from that date. A dispute lodged with the CRA pauses the process entirely;
 * that is the state machine's job, not this function's.
 */
export function earliestFinalNoticeAt(input: EarliestFinalNoticeInput): Date {
  const profile = parseWaitProfile(input.profile, 'profile')
  const start = input.preAdverseNoticeAt
  if (!(start instanceof Date) || Number.isNaN(start.getTime())) {
    throw new VetkitError('invalid_argument', 'preAdverseNoticeAt: must be a valid Date', { field: 'preAdverseNoticeAt' })
  }
  const calendar = profileCalendar(profile, input.calendars)
  const after = (from: Date, rule: WaitRule): Date =>
    rule.unit === 'business_days'
      ? addBusinessDays(from, rule.amount, { timeZone: profile.timeZone, calendar })
      : addCalendarDays(from, rule.amount, { timeZone: profile.timeZone })

  let from = start
  if (profile.countsFromReceipt) {
    const allowance =
      (input.medium ?? 'email') === 'postal' ? profile.postalReceiptAllowance : profile.emailReceiptAllowance
    if (allowance) from = after(from, allowance)
  }
  let earliest = from
  for (const rule of profile.minimumWaits) {
    const candidate = after(from, rule)
    if (candidate.getTime() > earliest.getTime()) earliest = candidate
  }
  if (input.writtenDispute === true && profile.writtenDisputeExtension) {
    earliest = after(earliest, profile.writtenDisputeExtension)
  }
  // Never hand back the caller's own Date object (zero waits would otherwise return it).
  return new Date(earliest.getTime())
}

/** The business calendar a profile counts on (`us-federal` unless it names another in `calendars`). */
export function profileCalendar(profile: AdverseActionWaitProfile, calendars: Readonly<Record<string, BusinessCalendar>> = {}): BusinessCalendar {
  const calendarId = profile.calendar ?? usFederalBusinessCalendar.id
  const all: Readonly<Record<string, BusinessCalendar>> = { [usFederalBusinessCalendar.id]: usFederalBusinessCalendar, ...calendars }
  const calendar = Object.hasOwn(all, calendarId) ? all[calendarId] : undefined
  if (!calendar) throw new ConfigurationError('profile.calendar', `unknown calendar "${calendarId}"; pass it in calendars`)
  return calendar
}
