import { execFile, execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { knexFactory } from './modules'

/**
 * A throwaway PostgreSQL cluster of the test's own, made with Debian's postgresql-common tools
 * (`pg_createcluster`, `pg_ctlcluster`, `pg_dropcluster`) on a free port of its own. Only this
 * cluster is ever started, stopped or dropped: every command names it, never the shared one.
 */
export interface ThrowawayCluster {
  readonly name: string
  readonly port: number
  /** `postgres://postgres@127.0.0.1:{port}/postgres` (trust authentication). */
  readonly url: string
  /** A crash: `pg_ctlcluster stop -m immediate` (no checkpoint; connections are cut). */
  crash(): Promise<void>
  /** Starts it again (`pg_ctlcluster start`, which returns a little after the server is ready). */
  start(): Promise<void>
  /** Stops and deletes it (data, configuration, log). Safe to call twice, and before `create` finished. */
  drop(): Promise<void>
}

const VERSION = '15'

function run(command: string, args: string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}${stdout}`))
      else resolve(stdout)
    })
  })
}

/** Names of the clusters of this PostgreSQL version, with their ports. */
async function clusters(): Promise<{ name: string; port: number }[]> {
  const out = await run('pg_lsclusters', ['--no-header'])
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[0] === VERSION && cols.length >= 3)
    .map((cols) => ({ name: cols[1] ?? '', port: Number(cols[2]) }))
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

async function freePort(): Promise<number> {
  const taken = new Set((await clusters()).map((c) => c.port))
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 54329 + Math.floor(Math.random() * 2000)
    if (!taken.has(port) && (await portIsFree(port))) return port
  }
  throw new Error('no free port for the throwaway PostgreSQL cluster')
}

/** Drops leftovers synchronously when the process exits before `afterAll` could (a crashed run). */
const live = new Set<string>()
let exitHookInstalled = false
function dropOnExit(name: string): void {
  live.add(name)
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const leftover of live) {
      try {
        execFileSync('pg_dropcluster', [VERSION, leftover, '--stop'], { stdio: 'ignore', timeout: 30_000 })
      } catch {
        // Nothing more can be done while exiting.
      }
    }
  })
}

/**
 * Creates and starts the cluster. Throws (with the tools' own output) when it cannot: the suite
 * must fail loudly rather than skip.
 */
export async function createThrowawayCluster(): Promise<ThrowawayCluster> {
  const name = `vk_outage_${randomBytes(4).toString('hex')}`
  const port = await freePort()
  let created = false
  let dropped = false
  const cluster: ThrowawayCluster = {
    name,
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash: async () => {
      await run('pg_ctlcluster', [VERSION, name, 'stop', '-m', 'immediate'])
    },
    start: async () => {
      await run('pg_ctlcluster', [VERSION, name, 'start'])
    },
    drop: async () => {
      if (dropped) return
      // Dropped only if it exists: a create that failed half-way may have left it behind.
      if (!created && !(await clusters()).some((c) => c.name === name)) return
      await run('pg_dropcluster', [VERSION, name, '--stop'])
      dropped = true
      live.delete(name)
    },
  }
  try {
    dropOnExit(name)
    // Trust on the socket and on TCP (initdb --auth), never started at boot; listens on localhost (the default).
    await run('pg_createcluster', [
      VERSION, name, '-p', String(port), '--start-conf=manual',
      '-o', 'max_connections=50',
      '--', '--auth=trust',
    ])
    created = true
    await cluster.start()
  } catch (error) {
    await cluster.drop().catch(() => undefined)
    throw new Error(`could not create the throwaway PostgreSQL cluster ${name} on port ${port}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
  return cluster
}

/**
 * Polls the server with a connection of its own (not the app's pool) and resolves with
 * performance.now() at the first `select 1` that succeeds: when the database is back, whatever
 * the tools say.
 */
export async function firstAnswer(url: string, deadline: number): Promise<number> {
  const quiet = { warn: () => undefined, error: () => undefined, debug: () => undefined, deprecate: () => undefined }
  const probe = knexFactory({ client: 'pg', connection: { connectionString: url, connectionTimeoutMillis: 500 }, pool: { min: 0, max: 1 }, acquireConnectionTimeout: 500, log: quiet })
  try {
    while (performance.now() < deadline) {
      try {
        await probe.raw('select 1')
        return performance.now()
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    }
    throw new Error(`PostgreSQL did not answer on ${url} before the deadline`)
  } finally {
    await probe.destroy()
  }
}
