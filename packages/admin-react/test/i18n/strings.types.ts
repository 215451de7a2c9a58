// Type-level checks of the strings table (run by `tsc`, not vitest): a message's placeholders are
// required by name, a key must exist, and a partial override must use real keys.
import type { LocaleOptions } from '../../src/index'
import type { Translate } from '../../src/i18n/strings'

declare const t: Translate

t('common.cancel')
t('pager.page', { page: 2 })
// @ts-expect-error: the message has a {page} placeholder
t('pager.page')
// @ts-expect-error: wrong placeholder name
t('pager.page', { count: 2 })
// @ts-expect-error: not a key
t('pager.nope')
// @ts-expect-error: the message takes no parameters
t('common.cancel', { x: 1 })

export const override: LocaleOptions = { strings: { 'queue.all': 'Everything' } }
// @ts-expect-error: overrides name real keys only
export const bad: LocaleOptions = { strings: { 'queue.everything': 'x' } }
