import type { CheckStatus } from '@vetkit/core/client'

// Core's own groups (`IN_PROGRESS_STATUSES`, `TERMINAL_STATUSES` in its domain) are not exported
// by `@vetkit/core/client`; these mirror them until it does.

/** The screening is still running at the provider. */
export const IN_PROGRESS_STATUSES: readonly CheckStatus[] = ['invited', 'pending', 'suspended']

/** Nothing moves a check out of these; a re-check starts a new one. */
export const TERMINAL_STATUSES: readonly CheckStatus[] = ['failed', 'canceled', 'expired']
