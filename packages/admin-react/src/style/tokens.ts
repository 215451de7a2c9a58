/**
 * The console's theme, as data: every color token with its light and dark default, every size
 * token with its default. The stylesheet, the root element's custom properties and the
 * `Appearance` type all derive from these two tables.
 *
 * Text colors meet WCAG AA (4.5:1) on every background they are drawn on, in both schemes; the
 * contrast test reads these values. A host that overrides them owns that guarantee.
 */
export const COLOR_TOKENS = {
  background: { light: '#ffffff', dark: '#0f172a' },
  surface: { light: '#f8fafc', dark: '#1e293b' },
  text: { light: '#111827', dark: '#f1f5f9' },
  textMuted: { light: '#4b5563', dark: '#cbd5e1' },
  border: { light: '#6b7280', dark: '#94a3b8' },
  accent: { light: '#1d4ed8', dark: '#93c5fd' },
  accentText: { light: '#ffffff', dark: '#0f172a' },
  dangerAccent: { light: '#b91c1c', dark: '#fca5a5' },
  dangerAccentText: { light: '#ffffff', dark: '#0f172a' },
  focus: { light: '#1d4ed8', dark: '#93c5fd' },
  neutralBg: { light: '#e5e7eb', dark: '#334155' },
  neutralText: { light: '#1f2937', dark: '#f1f5f9' },
  infoBg: { light: '#dbeafe', dark: '#1e3a8a' },
  infoText: { light: '#1e3a8a', dark: '#dbeafe' },
  successBg: { light: '#dcfce7', dark: '#14532d' },
  successText: { light: '#14532d', dark: '#dcfce7' },
  warningBg: { light: '#fef3c7', dark: '#78350f' },
  warningText: { light: '#78350f', dark: '#fef3c7' },
  dangerBg: { light: '#fee2e2', dark: '#7f1d1d' },
  dangerText: { light: '#7f1d1d', dark: '#fee2e2' },
} as const satisfies Record<string, { light: string; dark: string }>

export const SIZE_TOKENS = {
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontSize: '14px',
  radius: '6px',
  space: '8px',
} as const satisfies Record<string, string>

/** The tones a badge or marker can take; each has a `<tone>Bg` and `<tone>Text` color token. */
export const TONES = ['neutral', 'info', 'success', 'warning', 'danger'] as const
export type Tone = (typeof TONES)[number]

export type ColorToken = keyof typeof COLOR_TOKENS
export type SizeToken = keyof typeof SIZE_TOKENS
export type ColorScheme = 'light' | 'dark' | 'auto'

/** How a host themes the console. Every value becomes a `--vk-…` custom property on its root. */
export interface Appearance {
  /** `auto` (the default) follows the operating system's `prefers-color-scheme`. */
  colorScheme?: ColorScheme
  /** Light-scheme colors and the sizes. */
  tokens?: Partial<Record<ColorToken | SizeToken, string>>
  /** Dark-scheme colors. */
  darkTokens?: Partial<Record<ColorToken, string>>
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

/** The property the stylesheet reads: `--vk-accent`, `--vk-font-family`. */
export const tokenVar = (name: ColorToken | SizeToken): `--vk-${string}` => `--vk-${kebab(name)}`
/** What a scheme's value of a color is set through: `--vk-accent-light`, `--vk-accent-dark`. */
export const schemeVar = (name: ColorToken, scheme: 'light' | 'dark'): `--vk-${string}` => `${tokenVar(name)}-${scheme}`
