import type { CheckStatus } from '@vetkit/core/client'
import type { StringKey } from '../i18n/strings'
import type { Tone } from '../style/tokens'

/** Every check status with its label and tone: the text carries the meaning, the color repeats it. */
export const STATUS_BADGES = {
  invited: { label: 'status.invited', tone: 'info' },
  pending: { label: 'status.pending', tone: 'info' },
  suspended: { label: 'status.suspended', tone: 'warning' },
  passed: { label: 'status.passed', tone: 'success' },
  consider: { label: 'status.consider', tone: 'warning' },
  pre_adverse: { label: 'status.pre_adverse', tone: 'danger' },
  disputed: { label: 'status.disputed', tone: 'warning' },
  failed: { label: 'status.failed', tone: 'danger' },
  canceled: { label: 'status.canceled', tone: 'neutral' },
  expired: { label: 'status.expired', tone: 'neutral' },
} as const satisfies Record<CheckStatus, { label: StringKey; tone: Tone }>
