/** Every selector of a stylesheet (inside @media blocks too), read without a CSS library. */
export function selectorsOf(css: string): string[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '')
  const selectors: string[] = []
  // A rule's prelude is the text before `{` since the last `}` or `{`; at-rule preludes are skipped.
  const preludes = withoutComments.match(/[^{}]+(?=\{)/g) ?? []
  for (const prelude of preludes) {
    const text = prelude.trim()
    if (text.startsWith('@')) continue
    selectors.push(...text.split(',').map((part) => part.trim()))
  }
  return selectors
}
