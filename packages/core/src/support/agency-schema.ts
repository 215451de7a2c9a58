import { z } from 'zod'

/** One line of text (a subject, a heading): no line breaks, so it cannot inject a header or a paragraph. */
export const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\r\n]*$/, 'must be a single line')

/** Only http(s): a `javascript:` link must never reach an href. */
export const webUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https URL' })

/** A consumer reporting agency's contact, as FCRA notices print it. */
export const agencySchema = z
  .object({ name: singleLine(200), address: singleLine(300), phone: singleLine(50), website: webUrl })
  .strict()
