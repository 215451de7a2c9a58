import type { KnexStorage } from '@vetkit/core/knex'
import type { BenchDb } from '../storage/databases'

/**
 * After a server's runs: its ledger must hold exactly one row per request it received (warm-up and
 * timed, all distinct events; every timed event id present; each 200/ok/queued) and its queue one
 * queued `webhook.process` job per request (each referring to a distinct ledger row), nothing else. Throws otherwise.
 */
export async function verifyServer(db: BenchDb, storage: KnexStorage, label: string, timedIds: readonly string[], warmup: number): Promise<string> {
  const n = timedIds.length + warmup
  const ledger = (
    await db.admin.query(
      `select count(*) as total, count(distinct event_id) as events,
              count(*) filter (where event_id = any($1::text[])) as timed,
              count(*) filter (where http_status = 200 and auth_outcome = 'ok' and processing_outcome = 'queued') as queued
         from ${storage.tables.sql('webhook_events')}`,
      [timedIds],
    )
  ).rows[0]
  const jobs = (
    await db.admin.query(
      `select count(*) filter (where type = 'webhook.process' and status = 'queued') as queued,
              count(distinct ref_id) filter (where type = 'webhook.process') as keys,
              count(*) filter (where type <> 'webhook.process') as other
         from ${storage.tables.sql('jobs')}`,
    )
  ).rows[0]
  const [total, events, timed, queued, jobsQueued, keys, other] = [ledger?.total, ledger?.events, ledger?.timed, ledger?.queued, jobs?.queued, jobs?.keys, jobs?.other].map(Number)
  const line =
    `${label}: ledger ${total} rows (${events} distinct event ids, ${timed} of the ${timedIds.length} timed, ${queued} 200/ok/queued), ` +
    `queue ${jobsQueued} webhook.process jobs queued (${keys} distinct ledger rows)`
  const ok = total === n && events === n && timed === timedIds.length && queued === n && jobsQueued === n && keys === n && other === 0
  if (!ok) throw new Error(`${label}: expected ${n} of each (${timedIds.length} timed + ${warmup} warm-up): ${line}, ${other} other jobs`)
  return `${line} = 1 per request`
}
