import type { ConformanceContext } from './target'

// Stub: filled in by the conversion of the knex suite.
export function checkCases(_context: ConformanceContext): void {}
