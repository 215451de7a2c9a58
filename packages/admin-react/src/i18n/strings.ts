import type { en } from './en'

type English = typeof en

/** Every key of the console's strings table (`en` is the declaration; other tables follow it). */
export type StringKey = keyof English
/** A complete strings table: what `es` is, and what `locale.strings` overrides part of. */
export type Strings = Readonly<Record<StringKey, string>>

/** The `{name}` placeholders of a message, read from its English text. */
type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never
export type MessageParams<K extends StringKey> = Record<Placeholders<English[K]>, string | number>

/** Looks a message up and fills its placeholders; a message without any takes no parameters. */
export type Translate = <K extends StringKey>(key: K, ...params: [Placeholders<English[K]>] extends [never] ? [] : [MessageParams<K>]) => string

/** Keys that come as a `.one` / `.other` pair, chosen by `Intl.PluralRules`. */
export type PluralKey = { [K in StringKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends StringKey ? Base : never) : never }[StringKey]
/** A plural message: `count` fills `{count}`, the rest come in `params`. */
export type TranslatePlural = (key: PluralKey, count: number, params?: Record<string, string | number>) => string

export function fillPlaceholders(template: string, params: Record<string, string | number> | undefined): string {
  if (params === undefined) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole))
}

export function createTranslate(strings: Strings): Translate {
  return (key, ...params) => fillPlaceholders(strings[key], params[0])
}

export function createTranslatePlural(strings: Strings, locale: string | undefined): TranslatePlural {
  const rules = new Intl.PluralRules(locale)
  return (key, count, params) => {
    const form: StringKey = rules.select(count) === 'one' ? `${key}.one` : `${key}.other`
    return fillPlaceholders(strings[form], { ...params, count })
  }
}

/** The base table with a host's overrides; a missing or non-string override keeps the base text. */
export function resolveStrings(base: Strings, overrides: Partial<Strings> | undefined): Strings {
  const strings: Record<string, string> = { ...base }
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (typeof value === 'string' && Object.hasOwn(base, key)) strings[key] = value
  }
  return strings as Strings
}
