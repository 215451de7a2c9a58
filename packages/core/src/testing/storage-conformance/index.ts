import type { TestApi } from '../test-api'
import { adminListCases } from './admin-list-cases'
import { checkCases } from './check-cases'
import { historyCases } from './history-cases'
import { jobQueueCases } from './job-queue-cases'
import { ledgerEmailOutboxCases } from './ledger-email-outbox-cases'
import { reviewConsoleCases } from './review-console-cases'
import { statsCases } from './stats-cases'
import { subjectConsentCases } from './subject-consent-cases'
import type { StorageTarget } from './target'
import { throttleCases } from './throttle-cases'

/**
 * Every behaviour the engine relies on from a storage, asserted through the port alone: the
 * compare-and-set write, insert-if-absent dedupe, `SKIP LOCKED` claims and lease fencing, the
 * one-statement counters, keyset pages, provider-id lookups through the blind index. A backend
 * that passes can stand behind `createVetkit` (`sealStorage` turns a `StorageBackend` into the
 * `Storage` a target returns).
 *
 * ```ts
 * import { describe, it } from 'vitest'
 * describeStorageConformance('my backend', { fresh, sibling }, { describe, it })
 * ```
 */
export function describeStorageConformance(name: string, target: StorageTarget, test: TestApi): void {
  const context = { it: test.it, target }
  test.describe(`storage conformance: ${name}`, () => {
    test.describe('subjects and consents', () => subjectConsentCases(context))
    test.describe('checks', () => checkCases(context))
    test.describe('admin list', () => adminListCases(context))
    test.describe('review console reads', () => reviewConsoleCases(context))
    test.describe('history', () => historyCases(context))
    test.describe('webhook ledger, emails and outbox', () => ledgerEmailOutboxCases(context))
    test.describe('throttles', () => throttleCases(context))
    test.describe('job queue', () => jobQueueCases(context))
    test.describe('stats', () => statsCases(context))
  })
}

export type { ConformanceContext, StorageTarget } from './target'
