/**
 * Checkr objects as the API returns them, field for field after Checkr's API reference
 * (candidate, invitation, report, adverse item, adverse action, list envelope, error body).
 * PII values are made up but shaped like Checkr's (SSN masked to the last four digits).
 */
export const CANDIDATE_ID = 'e44aa283528e6fde7d542194'
export const INVITATION_ID = '7ed4f2d9c6b2bd6b0ab1d7c3'
export const REPORT_ID = '4722c07dd9a10c3985ae432a'
export const ADVERSE_ACTION_ID = '5c9e6d8f7a1b2c3d4e5f6a7b'

export const candidate = {
  id: CANDIDATE_ID,
  object: 'candidate',
  uri: `/v1/candidates/${CANDIDATE_ID}`,
  created_at: '2026-01-18T12:34:00Z',
  first_name: 'Jordan',
  middle_name: null,
  no_middle_name: true,
  last_name: 'Rivera',
  mother_maiden_name: null,
  email: 'jordan.rivera@example.com',
  phone: '5555555555',
  zipcode: '90401',
  dob: '1990-04-22',
  ssn: 'XXX-XX-4645',
  driver_license_number: null,
  driver_license_state: null,
  previous_driver_license_number: null,
  previous_driver_license_state: null,
  copy_requested: false,
  custom_id: 'subject-42',
  report_ids: [],
  geo_ids: [],
  adjudication: null,
  metadata: {},
}

export const invitation = {
  id: INVITATION_ID,
  object: 'invitation',
  uri: `/v1/invitations/${INVITATION_ID}`,
  invitation_url: 'https://apply.checkr.com/invite/vetkit-demo/c1f9e1a7/login',
  status: 'pending',
  created_at: '2026-01-18T12:35:00Z',
  expires_at: '2026-01-26T06:59:59Z',
  completed_at: null,
  deleted_at: null,
  package: 'tasker_standard',
  candidate_id: CANDIDATE_ID,
  report_id: null,
  tags: [],
  archived: false,
  archived_info: null,
}

export const report = {
  id: REPORT_ID,
  object: 'report',
  uri: `/v1/reports/${REPORT_ID}`,
  status: 'complete',
  result: 'consider',
  includes_canceled: false,
  created_at: '2026-01-19T09:00:00Z',
  completed_at: '2026-01-21T17:45:12Z',
  revised_at: null,
  upgraded_at: null,
  turnaround_time: 204_312,
  package: 'tasker_standard',
  adjudication: null,
  assessment: 'review',
  source: 'web',
  estimated_completion_time: '2026-01-22T00:00:00Z',
  candidate_id: CANDIDATE_ID,
  work_locations: [{ country: 'US', state: 'CA', city: 'San Francisco' }],
  segment_stamps: [],
  candidate_story_ids: [],
  drug_screening: null,
  program_id: null,
  archived: false,
  ssn_trace_id: '539fd88c101897f7cd000001',
  sex_offender_search_id: '539fd88c101897f7cd000008',
  national_criminal_search_id: '539fd88c101897f7cd000006',
  county_criminal_search_ids: ['539fdcf335644a0ef4000001'],
  state_criminal_searches: [],
  global_watchlist_search_id: '539fd88c101897f7cd000002',
  motor_vehicle_report_id: null,
  document_ids: [],
}

export const adverseItems = {
  object: 'list',
  data: [
    {
      id: '57ed51e7ba3bb4002a7b6a6e',
      object: 'adverse_item',
      text: 'Misdemeanor: Petty theft (2019), Los Angeles County, CA',
      assessment: { value: 'review', rule: { name: 'Theft within 7 years', type: 'lookback_period' } },
    },
    {
      id: '57ed51e7ba3bb4002a7b6a6f',
      object: 'adverse_item',
      text: 'License status: Suspended',
      assessment: null,
    },
  ],
  count: 2,
  next_href: null,
  previous_href: null,
}

export const adverseAction = {
  id: ADVERSE_ACTION_ID,
  object: 'adverse_action',
  uri: `/v1/adverse_actions/${ADVERSE_ACTION_ID}`,
  created_at: '2026-01-22T15:00:00Z',
  status: 'pending',
  report_id: REPORT_ID,
  post_notice_scheduled_at: '2026-01-29T15:00:00Z',
  post_notice_ready_at: '2026-01-29T15:00:00Z',
  canceled_at: null,
  delivery: { state: 'queued', reason: null, updated_at: '2026-01-22T15:00:01Z' },
  adverse_items: [{ id: '57ed51e7ba3bb4002a7b6a6e', object: 'adverse_item', text: 'Misdemeanor: Petty theft (2019), Los Angeles County, CA' }],
  individualized_assessment_engaged: false,
}

export const checkrError = (error: string) => ({ error })
