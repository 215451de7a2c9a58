import { VetkitError } from '../errors'

/** Only web links reach an email: a `javascript:` or `data:` URL is refused, not escaped. */
export function safeWebUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new VetkitError('invalid_argument', 'a link in an email must be an absolute http or https URL', { field: 'link' })
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new VetkitError('invalid_argument', `a link in an email must use http or https, not ${parsed.protocol}`, { field: 'link' })
  }
  return url
}
