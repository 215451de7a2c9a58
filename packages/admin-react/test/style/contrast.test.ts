import { describe, expect, it } from 'vitest'
import { COLOR_TOKENS, TONES, type ColorToken } from '../../src/style/tokens'

// WCAG 2.x relative luminance and contrast ratio.
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/** Every pair the stylesheet draws text (4.5:1) or a control's edge (3:1) with. */
const TEXT_PAIRS: [ColorToken, ColorToken][] = [
  ['text', 'background'],
  ['text', 'surface'],
  ['textMuted', 'background'],
  ['textMuted', 'surface'],
  ['accent', 'background'],
  ['accent', 'surface'],
  ['accentText', 'accent'],
  ['dangerAccentText', 'dangerAccent'],
  ['infoText', 'infoBg'],
  ...TONES.map((tone): [ColorToken, ColorToken] => [`${tone}Text`, `${tone}Bg`]),
]
const EDGE_PAIRS: [ColorToken, ColorToken][] = [
  ['border', 'background'],
  ['border', 'surface'],
  ['focus', 'background'],
  ['focus', 'surface'],
]

describe.each(['light', 'dark'] as const)('the %s palette', (scheme) => {
  it.each(TEXT_PAIRS)('draws %s on %s at 4.5:1 or more (WCAG AA)', (fg, bg) => {
    expect(contrast(COLOR_TOKENS[fg][scheme], COLOR_TOKENS[bg][scheme])).toBeGreaterThanOrEqual(4.5)
  })
  it.each(EDGE_PAIRS)('draws the %s edge on %s at 3:1 or more', (fg, bg) => {
    expect(contrast(COLOR_TOKENS[fg][scheme], COLOR_TOKENS[bg][scheme])).toBeGreaterThanOrEqual(3)
  })
})
