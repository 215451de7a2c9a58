import type { StringKey } from '../i18n/strings'

/** The console's top-level screens, in navigation order. */
export const CONSOLE_SECTIONS = {
  checks: { label: 'console.checks' },
  webhooks: { label: 'console.webhooks' },
} as const satisfies Record<string, { label: StringKey }>

export type ConsoleSection = keyof typeof CONSOLE_SECTIONS
export const CONSOLE_SECTION_NAMES = Object.keys(CONSOLE_SECTIONS) as ConsoleSection[]
