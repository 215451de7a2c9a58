/** The class of the console's root element: every selector of its stylesheet starts with it. */
export const ROOT_CLASS = 'vk-admin'

/** A rule written relative to the root: `''` is the root itself, `&[…]` the root with a qualifier. */
export type ScopedRule = readonly [selector: string, declarations: string]

/**
 * Writes rules with every selector under `.vk-admin`, so the console's CSS cannot reach the
 * host's page: no rule is global, whatever a rule's author wrote.
 */
export function scopeRules(rules: readonly ScopedRule[]): string {
  return rules.map(([selector, declarations]) => `${scopeSelector(selector)}{${declarations}}`).join('\n')
}

function scopeSelector(selector: string): string {
  return selector
    .split(',')
    .map((part) => part.trim())
    .map((part) => (part === '' ? `.${ROOT_CLASS}` : part.startsWith('&') ? `.${ROOT_CLASS}${part.slice(1)}` : `.${ROOT_CLASS} ${part}`))
    .join(',')
}
