import { COLOR_TOKENS, SIZE_TOKENS, schemeVar, tokenVar, type Appearance, type ColorToken, type SizeToken } from './tokens'

const COLOR_NAMES = Object.keys(COLOR_TOKENS) as ColorToken[]
const SIZE_NAMES = Object.keys(SIZE_TOKENS) as SizeToken[]

/**
 * The custom properties a host's appearance sets on the console's root, inline so they win over
 * the stylesheet's defaults. Only the tokens the host chose; unknown names are ignored.
 */
export function rootCustomProperties(appearance: Appearance | undefined): Record<`--vk-${string}`, string> {
  const vars: Record<`--vk-${string}`, string> = {}
  const light = appearance?.tokens ?? {}
  const dark = appearance?.darkTokens ?? {}
  for (const name of COLOR_NAMES) {
    const lightValue = light[name]
    const darkValue = dark[name]
    if (lightValue !== undefined) vars[schemeVar(name, 'light')] = lightValue
    if (darkValue !== undefined) vars[schemeVar(name, 'dark')] = darkValue
  }
  for (const name of SIZE_NAMES) {
    const value = light[name]
    if (value !== undefined) vars[tokenVar(name)] = value
  }
  return vars
}
