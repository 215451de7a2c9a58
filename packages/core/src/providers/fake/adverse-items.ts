import type { IdFactory } from './ids'
import type { AdverseItemRecord } from './records'

// Made-up records, worded like Checkr's adverse items: nothing here describes a real person.
const TEXTS = [
  'Misdemeanor: Petty theft (county criminal search, 2019)',
  'Driving with a suspended license (motor vehicle report, 2021)',
] as const

/** The records a `consider` report lists: what an adverse action may cite. */
export function makeAdverseItems(ids: IdFactory): AdverseItemRecord[] {
  return TEXTS.map((text) => ({ id: ids.next('adverse_item'), text }))
}
