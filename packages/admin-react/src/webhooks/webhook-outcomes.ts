import type { AuthOutcome, ProcessingOutcome } from '../api/types'
import type { StringKey } from '../i18n/strings'
import type { Tone } from '../style/tokens'

/** How a delivery's signature (or basic auth) checked out. */
export const AUTH_OUTCOMES = {
  ok: { label: 'auth.ok', tone: 'success' },
  bad_signature: { label: 'auth.bad_signature', tone: 'danger' },
  placeholder_signature: { label: 'auth.placeholder_signature', tone: 'warning' },
  bad_basic_auth: { label: 'auth.bad_basic_auth', tone: 'danger' },
  malformed: { label: 'auth.malformed', tone: 'danger' },
} as const satisfies Record<AuthOutcome, { label: StringKey; tone: Tone }>

/** What processing did with an accepted delivery (`not_processed`: refused before it was queued). */
export const PROCESSING_OUTCOMES = {
  queued: { label: 'processing.queued', tone: 'info' },
  applied: { label: 'processing.applied', tone: 'success' },
  ignored: { label: 'processing.ignored', tone: 'neutral' },
  rejected: { label: 'processing.rejected', tone: 'danger' },
  parked: { label: 'processing.parked', tone: 'warning' },
  failed: { label: 'processing.failed', tone: 'warning' },
  dead: { label: 'processing.dead', tone: 'danger' },
  not_processed: { label: 'processing.not_processed', tone: 'neutral' },
} as const satisfies Record<ProcessingOutcome, { label: StringKey; tone: Tone }>

export const AUTH_OUTCOME_NAMES = Object.keys(AUTH_OUTCOMES) as AuthOutcome[]
export const PROCESSING_OUTCOME_NAMES = Object.keys(PROCESSING_OUTCOMES) as ProcessingOutcome[]

export const isAuthOutcome = (value: string): value is AuthOutcome => Object.hasOwn(AUTH_OUTCOMES, value)
export const isProcessingOutcome = (value: string): value is ProcessingOutcome => Object.hasOwn(PROCESSING_OUTCOMES, value)
