/** Every status a check can be in. The order is documentation only; transitions live in the table. */
export const CHECK_STATUSES = [
  'invited',
  'pending',
  'suspended',
  'passed',
  'consider',
  'pre_adverse',
  'disputed',
  'failed',
  'canceled',
  'expired',
] as const

export type CheckStatus = (typeof CHECK_STATUSES)[number]

/** The screening is still running at the provider. */
export const IN_PROGRESS_STATUSES: readonly CheckStatus[] = ['invited', 'pending', 'suspended']

/** A human has to look at the result (or the candidate is disputing it). */
export const IN_REVIEW_STATUSES: readonly CheckStatus[] = ['consider', 'pre_adverse', 'disputed']

/** No provider event or decision moves a check out of these; a new check (re-check) is needed. */
export const TERMINAL_STATUSES: readonly CheckStatus[] = ['failed', 'canceled', 'expired']

export function isCheckStatus(value: unknown): value is CheckStatus {
  return typeof value === 'string' && (CHECK_STATUSES as readonly string[]).includes(value)
}

export function isInProgress(status: CheckStatus): boolean {
  return IN_PROGRESS_STATUSES.includes(status)
}

export function isTerminal(status: CheckStatus): boolean {
  return TERMINAL_STATUSES.includes(status)
}
