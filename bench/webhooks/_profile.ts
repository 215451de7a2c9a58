import { Session } from 'node:inspector/promises'
import { writeFileSync } from 'node:fs'
import { openPostgres } from '../storage/databases'
import { prewarmKnex } from '../storage/databases'
import { bounded } from '../storage/stats'
import { readConfig } from './config'
import { buildWorld, VETKIT_PREFIX } from './world'
import { processingBench } from './processing-bench'

const cfg = readConfig()
const db = await openPostgres(cfg.pgUrl)
const session = new Session()
session.connect()
try {
  const world = await buildWorld(db, cfg, console.log)
  const knex = db.knex(cfg.concurrency)
  await prewarmKnex(knex, cfg.concurrency)
  const warm = db.storage(knex, 'wv_'); await warm.migrate()
  const wv = world.vetkit(warm)
  await bounded(500, 16, async (i) => { const r = world.requests[i]!; await wv.webhooks.receive(r) })
  const vk = world.vetkit(db.storage(knex, VETKIT_PREFIX))
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  const t = performance.now()
  await bounded(world.requests.length, 16, async (i) => { const r = world.requests[i]!; await vk.webhooks.receive(r) })
  console.log('intake ms', performance.now() - t)
  const { profile } = await session.post('Profiler.stop')
  writeFileSync('/tmp/intake.cpuprofile', JSON.stringify(profile))
  if (process.env.PROFILE_PROCESSING) {
    await session.post('Profiler.start')
    await processingBench(db, world, cfg, console.log)
    const { profile: p2 } = await session.post('Profiler.stop')
    writeFileSync('/tmp/processing.cpuprofile', JSON.stringify(p2))
  }
} finally {
  await db.close()
}
