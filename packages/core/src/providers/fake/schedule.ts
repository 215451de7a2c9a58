/** Something the simulator will do at a set time. */
export type ScheduledEntry =
  | { kind: 'scenario_step'; invitationId: string }
  | { kind: 'invitation_expiry'; invitationId: string }
  | { kind: 'post_notice'; adverseActionId: string }

interface Timed {
  at: number
  seq: number
  entry: ScheduledEntry
}

/**
 * The simulator's future, ordered by time and then by insertion: nothing runs on a timer, the
 * provider drains what is due whenever it is called (see `fake-provider.ts`).
 */
export interface Schedule {
  add(at: Date, entry: ScheduledEntry): void
  /** Removes and returns the earliest entry due at `now`, or null. */
  popDue(now: Date): { at: Date; entry: ScheduledEntry } | null
  cancel(match: (entry: ScheduledEntry) => boolean): void
  nextAt(): Date | null
  /** The whole future, for a snapshot. */
  state(): ScheduleState
}

export interface ScheduleState {
  entries: { at: number; seq: number; entry: ScheduledEntry }[]
  seq: number
}

export function createSchedule(initial: ScheduleState = { entries: [], seq: 0 }): Schedule {
  let entries: Timed[] = initial.entries.map((e) => ({ ...e }))
  let seq = initial.seq
  const earliest = (): Timed | undefined =>
    entries.reduce<Timed | undefined>((best, e) => (!best || e.at < best.at || (e.at === best.at && e.seq < best.seq) ? e : best), undefined)
  return {
    add(at, entry) {
      entries.push({ at: at.getTime(), seq: seq++, entry })
    },
    popDue(now) {
      const next = earliest()
      if (!next || next.at > now.getTime()) return null
      entries = entries.filter((e) => e !== next)
      return { at: new Date(next.at), entry: next.entry }
    },
    cancel(match) {
      entries = entries.filter((e) => !match(e.entry))
    },
    nextAt() {
      const next = earliest()
      return next ? new Date(next.at) : null
    },
    state: () => ({ entries: entries.map((e) => ({ ...e })), seq }),
  }
}
