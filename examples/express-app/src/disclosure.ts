// What the instructor reads and signs before an invitation. vetkit keeps the SHA-256 of the exact
// authorization text sent with the consent and the disclosure version (`policy.consent`): bump the
// version whenever this text changes, and older consents stop counting.
// SAMPLE TEXT: have counsel write yours (the FCRA wants the disclosure as a standalone document).

export const DISCLOSURE_TEXT = [
  'Example Marketplace ("we") may obtain a consumer report ("background check") about you from a consumer reporting agency for employment purposes, which includes engaging you as an independent instructor.',
  'The report may include your criminal history, sex-offender registry records and identity verification, to the extent permitted by law.',
  'The consumer reporting agency is Checkr, Inc., 1 Montgomery Street, Suite 2400, San Francisco, CA 94104, 1-844-824-3257, https://candidate.checkr.com.',
].join('\n\n')

export const AUTHORIZATION_TEXT =
  'I have read the disclosure above and I authorize Example Marketplace to obtain a consumer report about me, now and, while I remain an instructor, for periodic re-checks.'
