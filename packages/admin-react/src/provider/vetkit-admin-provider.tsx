import { useMemo, useState, type ReactNode } from 'react'
import type { VetkitClient } from '@vetkit/core/client'
import { createDateFormat } from '../i18n/date-format'
import { en } from '../i18n/en'
import { createTranslate, createTranslatePlural, resolveStrings, type Strings } from '../i18n/strings'
import { CONSOLE_CSS } from '../style/console-css'
import { rootCustomProperties } from '../style/root-style'
import { ROOT_CLASS } from '../style/scope-css'
import type { Appearance } from '../style/tokens'
import { AdminContext, type AdminContextValue } from './admin-context'
import { createInvalidation } from './invalidation'

export interface LocaleOptions {
  /** A BCP 47 tag for dates and plurals, e.g. `en-US`; the runtime's default when absent. */
  locale?: string
  /** The IANA zone dates are shown in, e.g. `America/New_York`; the browser's when absent. */
  timeZone?: string
  /** Replaces some (or all, e.g. `es`) of the English strings. */
  strings?: Partial<Strings>
}

export interface VetkitAdminProviderProps {
  client: VetkitClient
  appearance?: Appearance
  locale?: LocaleOptions
  /** Added to the root element's class. */
  className?: string
  children?: ReactNode
}

/**
 * The console's root: its client, strings and theme, and the element its scoped stylesheet and
 * `--vk-…` custom properties live on. Put it around the console's pieces (not the host's whole
 * app): its element is what the theme and `.vk-admin` rules apply to.
 */
export function VetkitAdminProvider({ client, appearance, locale, className, children }: VetkitAdminProviderProps) {
  const [invalidation] = useState(createInvalidation)
  const overrides = locale?.strings
  const language = locale?.locale
  const timeZone = locale?.timeZone
  const value = useMemo((): AdminContextValue => {
    const strings = resolveStrings(en, overrides)
    return {
      client,
      invalidation,
      t: createTranslate(strings),
      plural: createTranslatePlural(strings, language),
      dates: createDateFormat(language, timeZone),
    }
  }, [client, invalidation, overrides, language, timeZone])

  return (
    <AdminContext.Provider value={value}>
      <div className={className ? `${ROOT_CLASS} ${className}` : ROOT_CLASS} data-vk-scheme={appearance?.colorScheme ?? 'auto'} style={rootCustomProperties(appearance)}>
        {/* Raw text: a text child would be HTML-escaped by server rendering, breaking the CSS. */}
        <style dangerouslySetInnerHTML={{ __html: CONSOLE_CSS }} />
        {children}
      </div>
    </AdminContext.Provider>
  )
}
