/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Text every supported database stores as it is: at most `max` characters (the column's limit),
 * no NUL (PostgreSQL refuses U+0000 in text) and no unpaired surrogate (it cannot be encoded as
 * UTF-8, so the driver would silently store U+FFFD instead).
 */
export function isStorableText(value: string, max: number): boolean {
  return value.length <= max && !value.includes('\u0000') && !UNPAIRED_SURROGATE.test(value)
}

/** Why a string is not storable, for a validation message; null when it is. */
export function unstorableReason(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL (U+0000)'
  if (UNPAIRED_SURROGATE.test(value)) return 'must be valid Unicode (no unpaired surrogate)'
  return null
}
