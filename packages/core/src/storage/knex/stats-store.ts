import { CHECK_STATUSES, IN_PROGRESS_STATUSES, type CheckStatus } from '../../domain/check-status'
import type { StatsStore, StorageStats } from '../../ports/storage'
import type { StoreContext } from './store-context'
import { ms } from './values'

const DAY_MS = 86_400_000

type CountRow = { n: number | string | null }
const num = (value: number | string | null | undefined) => Number(value ?? 0)

/**
 * The gauges' counts. Each statement is a range on an index (status, created_at), (status,
 * valid_until), (status, adverse_final_due_at), the jobs' (status, run_at): a scrape costs the
 * rows it counts, never a table scan. The host table join is the exception: it reads the live rows.
 */
export function statsStore(ctx: StoreContext): StatsStore {
  const checks = () => ctx.db(ctx.names.ref('checks'))
  const jobs = () => ctx.db(ctx.names.ref('jobs'))
  const one = async (query: PromiseLike<unknown>) => num(((await query) as CountRow | undefined)?.n)

  return {
    tracksLiveRows: ctx.gate !== null,
    async snapshot(now): Promise<StorageStats> {
      const at = ms(now)
      const [byStatus, pendingOver7d, backlog, oldest, dead, overdue, expiring, liveWithout] = await Promise.all([
        checks().select('status').count({ n: '*' }).groupBy('status') as Promise<{ status: CheckStatus; n: number | string }[]>,
        one(checks().whereIn('status', IN_PROGRESS_STATUSES).where('created_at', '<=', at - 7 * DAY_MS).count({ n: '*' }).first()),
        one(jobs().where('status', 'queued').where('run_at', '<=', at).count({ n: '*' }).first()),
        one(jobs().where('status', 'queued').where('run_at', '<=', at).min({ n: 'run_at' }).first()),
        one(jobs().where('status', 'dead').count({ n: '*' }).first()),
        one(checks().where('status', 'pre_adverse').where('adverse_final_due_at', '<=', at).count({ n: '*' }).first()),
        one(checks().where('status', 'passed').where('valid_until', '>', at).where('valid_until', '<=', at + 30 * DAY_MS).count({ n: '*' }).first()),
        liveWithoutValidCheck(ctx, at),
      ])
      const checksByStatus = Object.fromEntries(CHECK_STATUSES.map((status) => [status, 0])) as Record<CheckStatus, number>
      for (const row of byStatus) checksByStatus[row.status] = num(row.n)
      return {
        checksByStatus,
        pendingOver7d,
        jobsBacklog: backlog,
        oldestJobAgeSeconds: oldest > 0 ? Math.max(0, Math.floor((at - oldest) / 1000)) : 0,
        jobsDead: dead,
        adverseWaiting: checksByStatus.pre_adverse,
        adverseOverdue: overdue,
        liveWithoutValidCheck: liveWithout,
        passesExpiring30d: expiring,
      }
    },
  }
}

async function liveWithoutValidCheck(ctx: StoreContext, at: number): Promise<number | null> {
  const gate = ctx.gate
  if (!gate) return null
  const host = gate.schema ? `${gate.schema}.${gate.table}` : gate.table
  const row = (await ctx
    .db({ h: host })
    // Compared as text so the host's id column may be an integer or a string.
    .leftJoin({ s: ctx.names.ref('subjects') }, (j) => {
      j.on(ctx.db.raw(ctx.dialect === 'mysql' ? 'CAST(?? AS CHAR) = ??' : 'CAST(?? AS TEXT) = ??', [`h.${gate.idColumn}`, 's.id']))
    })
    .where(`h.${gate.liveColumn}`, true)
    .where((w) => {
      w.whereNull('s.eligible_until').orWhere('s.eligible_until', '<=', at)
    })
    .count({ n: '*' })
    .first()) as CountRow | undefined
  return num(row?.n)
}
