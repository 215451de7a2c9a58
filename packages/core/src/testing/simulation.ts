import type { ManualClock } from '../domain/clock'
import type { JobQueue } from '../ports/storage'
import type { RunResult, Worker } from '../pipelines/worker/worker'
import type { FakeDeliveryResult } from '../providers/fake/delivery'

export interface SimulationOptions {
  clock: Pick<ManualClock, 'now' | 'set'>
  /** The simulator whose webhooks are delivered (its `deliver` should reach `vetkit.webhooks.receive`). */
  fake: { deliverDue(): Promise<FakeDeliveryResult[]>; nextEventAt(): Date | null }
  /** The engine's queue: the simulation also stops when a job is due. */
  jobs: Pick<JobQueue, 'nextRunAt'>
  worker: Pick<Worker, 'scheduleSweep' | 'drain'>
  /** Called after each round: what was delivered and run (for timelines). */
  onRound?: (round: { delivered: FakeDeliveryResult[]; ran: RunResult }) => void
  /** Rounds before `settle` gives up (default 50). */
  maxRounds?: number
}

export interface Simulation {
  /** Delivers due webhooks and runs due jobs (the expiry sweep included) until nothing is left at this moment. */
  settle(): Promise<void>
  /**
   * Moves the clock to `target`, stopping (and settling) at every moment a webhook or a job is due
   * on the way, and at `stops` (e.g. reminder times), so a long jump behaves like time passing.
   */
  advanceTo(target: Date, stops?: readonly Date[]): Promise<void>
  advance(by: { days?: number; hours?: number; minutes?: number }, stops?: readonly Date[]): Promise<void>
}

/**
 * Drives vetkit and the fake provider on a manual clock: what a host's background loop and
 * Checkr would do over days, done in moments. For tests, demos and seeding development data.
 */
export function createSimulation(options: SimulationOptions): Simulation {
  const { clock, fake, jobs, worker } = options
  const maxRounds = options.maxRounds ?? 50

  async function settle(): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      await worker.scheduleSweep()
      const delivered = await fake.deliverDue()
      const ran = await worker.drain()
      options.onRound?.({ delivered, ran })
      if (delivered.length === 0 && ran.claimed === 0) return
    }
    throw new Error(`the simulation did not settle within ${maxRounds} rounds`)
  }

  async function advanceTo(target: Date, stops: readonly Date[] = []): Promise<void> {
    const end = target.getTime()
    await settle()
    while (clock.now().getTime() < end) {
      const now = clock.now().getTime()
      const due = [fake.nextEventAt(), await jobs.nextRunAt(), ...stops].map((d) => d?.getTime() ?? Number.POSITIVE_INFINITY)
      const next = Math.min(end, ...due.filter((t) => t > now))
      clock.set(new Date(next))
      await settle()
    }
  }

  return {
    settle,
    advanceTo,
    advance: ({ days = 0, hours = 0, minutes = 0 }, stops) =>
      advanceTo(new Date(clock.now().getTime() + ((days * 24 + hours) * 60 + minutes) * 60_000), stops),
  }
}
