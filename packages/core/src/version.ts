/** The version of vetkit's packages; all `@vetkit/*` packages are released together. */
export const VETKIT_VERSION = '0.0.0'
