import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import type { CheckState } from '../../src/domain/check-state'
import { validUntilFrom } from '../../src/domain/expiry'
import { FAKE_SCENARIOS, type FakeScenario } from '../../src/providers/fake'
import { describeEachBackend } from '../storage/support/backends'
import { createHarness, streamOf, type Harness } from './support/harness'

/** What must not depend on delivery order: the outcome, and validity relative to completion. */
function summary(state: CheckState) {
  return {
    status: state.status,
    outcome: state.outcome,
    // Two calendar years from the report's completion (730 or 731 days, by leap years).
    validFromCompletion: state.validUntil && state.reportCompletedAt ? state.validUntil.getTime() === validUntilFrom(state.reportCompletedAt, { years: 2 }).getTime() : null,
    completed: state.reportCompletedAt !== null,
  }
}

/** Every index of a stream at least once, some twice, in any order. */
const deliveryOrder = (n: number) =>
  fc
    .array(fc.nat({ max: n - 1 }), { maxLength: n })
    .chain((dups) => {
      const all = [...Array.from({ length: n }, (_, i) => i), ...dups]
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length })
    })

describeEachBackend('any delivery order, with duplicates, ends where in-order delivery ends', (db) => {
  let h: Harness
  let subjects = 0
  beforeAll(async () => {
    h = await createHarness(db())
  }, 60_000)

  for (const scenario of FAKE_SCENARIOS as readonly FakeScenario[]) {
    it(`${scenario}`, async () => {
      // In order, as the simulator delivers it.
      const reference = `ref-${scenario}`
      await h.enrol(reference, scenario)
      const { check } = await h.vetkit.api.invite({ subjectId: reference, ip: null })
      await h.advance({ days: 20 })
      const expected = summary((await h.storage.checks.get(check.id))!.state)
      expect(streamOf(h, check.candidateId).length).toBeGreaterThan(1)

      // The same stream for a fresh check, delivered by hand in a generated order.
      // The simulator is deterministic: every check of a scenario has a stream of the same shape.
      const length = streamOf(h, check.candidateId).length
      const runs = db().backend === 'pglite' ? 8 : 5
      await fc.assert(
        fc.asyncProperty(deliveryOrder(length), async (order) => {
          const subjectId = `perm-${scenario}-${++subjects}`
          await h.enrol(subjectId, scenario)
          const { check: fresh } = await h.vetkit.api.invite({ subjectId, ip: null })
          h.clock.advance({ days: 20 })
          const stream = streamOf(h, fresh.candidateId).map((w) => w.eventId)
          expect(stream).toHaveLength(length)
          for (const index of order) {
            const response = await h.vetkit.webhooks.receive(h.fake.buildWebhook(stream[index]!))
            expect(response.status).toBe(200)
          }
          await h.worker.drain()
          expect(summary((await h.storage.checks.get(fresh.id))!.state)).toEqual(expected)
          // One history row per applied event at most: duplicates never add rows.
          const history = await h.storage.history.listForCheck(fresh.id)
          expect(history.length).toBeLessThanOrEqual(stream.length + 1)
        }),
        { numRuns: runs },
      )
    }, 120_000)
  }
})
