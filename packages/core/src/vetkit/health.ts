import { VetkitError } from '../errors'
import type { EngineContext } from '../pipelines/engine-context'

export interface HealthReport {
  /** `ok`; `degraded` (working, but the queue runs late); `down` (the database or its schema is not usable). */
  status: 'ok' | 'degraded' | 'down'
  /** This instance can do its work: the database answers and the schema is current. */
  ready: boolean
  database: { ok: boolean; latencyMs: number | null; code: string | null }
  schema: { current: boolean; pending: string[] } | null
  queue: { oldestDueAgeSeconds: number } | null
}

/** A queue whose oldest due job waited longer than this is reported `degraded`. */
const QUEUE_LATE_SECONDS = 300

export async function checkHealth(ctx: EngineContext): Promise<HealthReport> {
  const started = Date.now()
  try {
    await ctx.storage.ping()
  } catch (error) {
    ctx.outage.failed(error)
    const code = error instanceof VetkitError ? error.code : 'internal_error'
    return { status: 'down', ready: false, database: { ok: false, latencyMs: null, code }, schema: null, queue: null }
  }
  ctx.outage.ok()
  const database = { ok: true, latencyMs: Date.now() - started, code: null }
  const schema = await ctx.storage.schemaState()
  const next = await ctx.storage.jobs.nextRunAt()
  const now = ctx.clock.now().getTime()
  const oldestDueAgeSeconds = next && next.getTime() <= now ? Math.floor((now - next.getTime()) / 1000) : 0
  const ready = schema.current
  const status = !ready ? 'down' : oldestDueAgeSeconds > QUEUE_LATE_SECONDS ? 'degraded' : 'ok'
  return { status, ready, database, schema, queue: { oldestDueAgeSeconds } }
}
