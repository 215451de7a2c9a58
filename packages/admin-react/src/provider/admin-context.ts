import { createContext, useContext, useSyncExternalStore } from 'react'
import type { VetkitClient } from '@vetkit/core/client'
import type { DateFormat } from '../i18n/date-format'
import type { Translate, TranslatePlural } from '../i18n/strings'
import type { Invalidation } from './invalidation'

export interface AdminContextValue {
  client: VetkitClient
  invalidation: Invalidation
  t: Translate
  plural: TranslatePlural
  dates: DateFormat
}

export const AdminContext = createContext<AdminContextValue | null>(null)

export function useAdminContext(): AdminContextValue {
  const value = useContext(AdminContext)
  if (value === null) throw new Error('vetkit admin components must be rendered inside <VetkitAdminProvider client={…}>')
  return value
}

/** The client the provider was given, for a host's own calls next to the console. */
export function useVetkitClient(): VetkitClient {
  return useAdminContext().client
}

/** The console's strings and date formats, as the provider's `locale` resolved them. */
export function useLocaleTools(): Pick<AdminContextValue, 't' | 'plural' | 'dates'> {
  const { t, plural, dates } = useAdminContext()
  return { t, plural, dates }
}

/** The data version: a hook that reads it loads again after every action. */
export function useDataVersion(): number {
  const { invalidation } = useAdminContext()
  return useSyncExternalStore(invalidation.subscribe, invalidation.version, invalidation.version)
}

/** Marks every remote read stale (counts, lists, the open check): they load again. */
export function useInvalidate(): () => void {
  return useAdminContext().invalidation.bump
}
