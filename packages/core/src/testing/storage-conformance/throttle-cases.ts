import type { ConformanceContext } from './target'

// Stub: filled in by the conversion of the knex suite.
export function throttleCases(_context: ConformanceContext): void {}
