import type { WorkLocation } from '../../ports/provider'
import { checkrTime, nullableCheckrTime } from './checkr-time'
import type { CandidateRecord, InvitationRecord, ReportRecord } from './records'

// Checkr's resource JSON, as `include_object` webhooks and the API carry it (OAS schemas
// Candidate, Invitation, Report). Fields the fake has no story for stay null/empty
// rather than absent, as in Checkr's responses.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export interface CheckrObjectJson {
  id: string
  object: string
  [field: string]: JsonValue
}

const workLocationsJson = (locations: readonly WorkLocation[]): JsonValue[] =>
  locations.map((l) => ({ country: l.country, state: l.state ?? null, city: l.city ?? null }))

/** The candidate, PII included: Checkr sends email and names in `candidate.*` webhooks. */
export function candidateJson(c: CandidateRecord): CheckrObjectJson {
  return {
    id: c.id,
    object: 'candidate',
    uri: `/v1/candidates/${c.id}`,
    created_at: checkrTime(c.createdAt),
    first_name: c.firstName,
    middle_name: null,
    no_middle_name: false,
    last_name: c.lastName,
    mother_maiden_name: null,
    email: c.email,
    phone: null,
    zipcode: null,
    dob: null,
    ssn: null,
    driver_license_number: null,
    driver_license_state: null,
    previous_driver_license_number: null,
    previous_driver_license_state: null,
    copy_requested: false,
    custom_id: c.subjectId,
    report_ids: [...c.reportIds],
    geo_ids: [],
    adjudication: null,
    metadata: {},
  }
}

export function invitationJson(i: InvitationRecord): CheckrObjectJson {
  return {
    id: i.id,
    object: 'invitation',
    uri: `/v1/invitations/${i.id}`,
    invitation_url: i.url,
    status: i.status,
    created_at: checkrTime(i.createdAt),
    expires_at: checkrTime(i.expiresAt),
    completed_at: nullableCheckrTime(i.completedAt),
    deleted_at: nullableCheckrTime(i.deletedAt),
    package: i.packageSlug,
    candidate_id: i.candidateId,
    report_id: i.reportId,
    work_locations: workLocationsJson(i.workLocations),
    tags: [],
    archived: false,
  }
}

/** `screeningId` derives the (stable, fake) ids of the report's screenings. */
export function reportJson(r: ReportRecord, screeningId: (name: string) => string): CheckrObjectJson {
  return {
    id: r.id,
    object: 'report',
    uri: `/v1/reports/${r.id}`,
    status: r.status,
    result: r.result,
    assessment: r.assessment,
    adjudication: r.adjudication,
    includes_canceled: r.status === 'canceled',
    package: r.packageSlug,
    candidate_id: r.candidateId,
    created_at: checkrTime(r.createdAt),
    completed_at: nullableCheckrTime(r.completedAt),
    revised_at: nullableCheckrTime(r.revisedAt),
    upgraded_at: null,
    turnaround_time: r.completedAt ? Math.round((r.completedAt.getTime() - r.createdAt.getTime()) / 1000) : null,
    estimated_completion_time: checkrTime(r.estimatedCompletionAt),
    work_locations: workLocationsJson(r.workLocations),
    ssn_trace_id: screeningId('ssn_trace'),
    sex_offender_search_id: screeningId('sex_offender_search'),
    national_criminal_search_id: screeningId('national_criminal_search'),
    county_criminal_search_ids: [screeningId('county_criminal_search')],
    document_ids: [],
    tags: [],
    archived: false,
  }
}
