import { scopeRules, type ScopedRule } from './scope-css'
import { COLOR_TOKENS, SIZE_TOKENS, TONES, schemeVar, tokenVar, type ColorToken, type SizeToken } from './tokens'

const colors = Object.keys(COLOR_TOKENS) as ColorToken[]
const sizes = Object.keys(SIZE_TOKENS) as SizeToken[]

const defaults = [
  ...sizes.map((name) => `${tokenVar(name)}:${SIZE_TOKENS[name]};`),
  ...colors.map((name) => `${schemeVar(name, 'light')}:${COLOR_TOKENS[name].light};${schemeVar(name, 'dark')}:${COLOR_TOKENS[name].dark};`),
].join('')
const scheme = (which: 'light' | 'dark') => colors.map((name) => `${tokenVar(name)}:var(${schemeVar(name, which)});`).join('') + `color-scheme:${which};`

const v = (name: ColorToken | SizeToken) => `var(${tokenVar(name)})`
const space = (n: number) => `calc(${v('space')} * ${n})`

const RULES: readonly ScopedRule[] = [
  ['', `${defaults}${scheme('light')}font-family:${v('fontFamily')};font-size:${v('fontSize')};line-height:1.5;color:${v('text')};background:${v('background')};padding:${space(2)};`],
  ['&[data-vk-scheme=dark]', scheme('dark')],
  ['.vk-sr-only', 'position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0;'],
  ['.vk-stack', `display:flex;flex-direction:column;gap:${space(2)};`],
  ['.vk-toolbar', `display:flex;flex-wrap:wrap;align-items:center;gap:${space(1)};`],
  ['.vk-heading', 'margin:0;font-size:1.25em;font-weight:600;'],
  ['.vk-subheading', 'margin:0;font-size:1.05em;font-weight:600;'],
  ['.vk-section', `border:1px solid ${v('border')};border-radius:${v('radius')};padding:${space(2)};background:${v('surface')};`],
  ['.vk-muted', `color:${v('textMuted')};`],
  ['.vk-code', 'font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:0.9em;overflow-wrap:anywhere;'],
  [
    '.vk-button',
    `box-sizing:border-box;font:inherit;cursor:pointer;border:1px solid ${v('border')};border-radius:${v('radius')};padding:${space(0.5)} ${space(1.5)};background:${v('background')};color:${v('text')};`,
  ],
  ['.vk-button-primary', `background:${v('accent')};border-color:${v('accent')};color:${v('accentText')};`],
  ['.vk-button-danger', `background:${v('dangerAccent')};border-color:${v('dangerAccent')};color:${v('dangerAccentText')};`],
  ['.vk-button:disabled', 'cursor:not-allowed;opacity:0.6;'],
  ['.vk-button[aria-current=page]', `border-color:${v('accent')};box-shadow:inset 0 -3px 0 ${v('accent')};font-weight:600;`],
  ['.vk-link', `font:inherit;color:${v('accent')};background:none;border:0;padding:0;cursor:pointer;text-decoration:underline;text-align:start;`],
  ['.vk-input', `box-sizing:border-box;font:inherit;color:${v('text')};background:${v('background')};border:1px solid ${v('border')};border-radius:${v('radius')};padding:${space(0.5)} ${space(1)};`],
  ['.vk-field', `display:flex;flex-direction:column;gap:${space(0.5)};`],
  ['.vk-tablist', `display:flex;flex-wrap:wrap;gap:${space(0.5)};border-bottom:1px solid ${v('border')};`],
  ['.vk-tab', `font:inherit;cursor:pointer;background:none;color:${v('text')};border:0;border-bottom:3px solid transparent;padding:${space(1)} ${space(1.5)};`],
  ['.vk-tab[aria-selected=true]', `border-bottom-color:${v('accent')};font-weight:600;`],
  ['.vk-count', `display:inline-block;min-width:1.5em;margin-inline-start:${space(0.5)};padding:0 ${space(0.5)};border-radius:999px;background:${v('neutralBg')};color:${v('neutralText')};font-size:0.85em;text-align:center;`],
  ['.vk-table', 'width:100%;border-collapse:collapse;'],
  ['.vk-table th, .vk-table td', `text-align:start;vertical-align:top;padding:${space(1)};border-bottom:1px solid ${v('border')};`],
  ['.vk-table th', 'font-weight:600;'],
  ['.vk-table th[scope=row]', 'font-weight:400;'],
  ['.vk-sort', 'font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;'],
  ['.vk-badge', `display:inline-block;padding:0 ${space(0.75)};border-radius:999px;font-size:0.85em;font-weight:600;white-space:nowrap;`],
  ...TONES.map((tone): ScopedRule => [`.vk-tone-${tone}`, `background:${v(`${tone}Bg`)};color:${v(`${tone}Text`)};`]),
  ['.vk-markers', `display:flex;flex-wrap:wrap;gap:${space(0.5)};margin-top:${space(0.5)};`],
  ['.vk-alert', `border:1px solid ${v('dangerText')};border-radius:${v('radius')};padding:${space(1)} ${space(1.5)};background:${v('dangerBg')};color:${v('dangerText')};`],
  ['.vk-notice', `border:1px solid ${v('border')};border-radius:${v('radius')};padding:${space(1)} ${space(1.5)};background:${v('infoBg')};color:${v('infoText')};`],
  ['.vk-dl', `display:grid;grid-template-columns:max-content 1fr;gap:${space(0.5)} ${space(2)};margin:0;`],
  ['.vk-dl dt', `font-weight:600;color:${v('textMuted')};`],
  ['.vk-dl dd', 'margin:0;overflow-wrap:anywhere;'],
  ['.vk-timeline', `list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:${space(1)};`],
  ['.vk-timeline-entry', `border-inline-start:3px solid ${v('accent')};padding-inline-start:${space(1.5)};`],
  ['.vk-checklist', `list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:${space(0.5)};`],
  ['.vk-backdrop', `position:fixed;inset:0;z-index:1000;display:flex;align-items:center;justify-content:center;padding:${space(2)};background:rgba(15,23,42,0.6);`],
  ['.vk-dialog', `box-sizing:border-box;max-width:36rem;width:100%;max-height:90vh;overflow:auto;display:flex;flex-direction:column;gap:${space(1.5)};padding:${space(3)};border-radius:${v('radius')};border:1px solid ${v('border')};background:${v('background')};color:${v('text')};`],
  [
    '.vk-button:focus-visible, .vk-link:focus-visible, .vk-input:focus-visible, .vk-tab:focus-visible, .vk-sort:focus-visible, .vk-checkbox:focus-visible, .vk-dialog:focus-visible',
    `outline:2px solid ${v('focus')};outline-offset:2px;`,
  ],
]

/**
 * The console's whole stylesheet, scoped to its root. `auto` follows the operating system's
 * preference without script, so a server-rendered console paints in the right scheme at once.
 */
export const CONSOLE_CSS = `${scopeRules(RULES)}\n@media (prefers-color-scheme: dark){${scopeRules([['&[data-vk-scheme=auto]', scheme('dark')]])}}`
