/**
 * Maps a provider report's `result` and `assessment` to vetkit's outcome.
 *
 * Checkr's enums are open (it adds values over time), so unknown strings are accepted and treated
 * conservatively: anything that is not explicitly clear/eligible needs a human (`consider`). A
 * non-empty `assessment` (Checkr Assess) overrides `result`, because on Assess accounts `result` is
 * `consider` whenever any record exists, even one the rules rated eligible.
 */
export type ReportOutcome = 'clear' | 'consider'

export interface ReportVerdict {
  result: string | null
  assessment: string | null
}

export function reportOutcome({ result, assessment }: ReportVerdict): ReportOutcome {
  const effective = assessment != null && assessment.trim() !== '' ? assessment : result
  const normalized = effective?.trim().toLowerCase()
  return normalized === 'clear' || normalized === 'eligible' ? 'clear' : 'consider'
}
