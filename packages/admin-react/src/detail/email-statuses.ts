import type { EmailStatus } from '../api/types'
import type { StringKey } from '../i18n/strings'
import type { Tone } from '../style/tokens'

export const EMAIL_STATUSES = {
  queued: { label: 'email.status.queued', tone: 'info' },
  sent: { label: 'email.status.sent', tone: 'success' },
  failed: { label: 'email.status.failed', tone: 'danger' },
  suppressed: { label: 'email.status.suppressed', tone: 'neutral' },
} as const satisfies Record<EmailStatus, { label: StringKey; tone: Tone }>
