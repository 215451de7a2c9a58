import type { ApplyResult, CheckState, Eligibility } from '@vetkit/core/domain'

/** Prints one line per step: when, who, what happened, and what it did to the check. */
export function line(at: Date, subject: string, text: string): void {
  console.log(`${at.toISOString().slice(0, 16).replace('T', ' ')}Z  ${subject.padEnd(4)}  ${text}`)
}

export function describeResult(result: ApplyResult): string {
  switch (result.kind) {
    case 'applied':
      return result.from === result.to ? `stays ${result.to}` : `${result.from} -> ${result.to}`
    case 'ignored':
      return `ignored (${result.reason})`
    case 'rejected':
      return `refused: ${result.error.code} (${result.error.message})`
  }
}

export function describeEligibility(e: Eligibility): string {
  return e.eligible ? `ELIGIBLE until ${e.eligibleUntil?.toISOString().slice(0, 10)}` : `not eligible (${e.reason})`
}

export function describeAdverse(state: CheckState): string {
  const due = state.adverseAction?.finalNoticeDueAt
  if (!state.adverseAction) return ''
  return due ? `final notice due ${due.toISOString().slice(0, 16).replace('T', ' ')}Z` : 'final notice paused by dispute'
}
