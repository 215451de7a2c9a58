/**
 * The two functions a conformance suite needs from a test runner. vitest's, jest's and
 * `node:test`'s `describe` and `it` all fit, so the suites import no runner: `@vetkit/core/testing`
 * stays loadable at run time (the reference app takes `testSealer` from it). Assertions are
 * `node:assert/strict`: a failure throws, which every runner reports.
 */
export interface TestApi {
  describe(name: string, body: () => void): void
  it(name: string, body: () => Promise<void>, timeout?: number): void
}
