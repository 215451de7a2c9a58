/**
 * Worker processes of the crash test: `node` itself runs the worker (so the pid is the worker, and
 * a SIGKILL kills it, not a launcher), ready once it prints `READY_LINE`, and tracked so that the
 * test can kill whatever is left, by pid, whatever happens.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { READY_LINE, WORKER_CONFIG_ENV, type WorkerConfig } from './protocol'

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const WORKER_FILE = fileURLToPath(new URL('./worker-process.ts', import.meta.url))
const READY_TIMEOUT_MS = 30_000

/** How a worker process is started: its node arguments. */
export interface WorkerLauncher {
  kind: 'bundle' | 'tsx'
  args: string[]
  /** The bundle's directory, removed by `disposeWorkerLauncher`. */
  dir: string | null
}

interface Esbuild {
  build(options: Record<string, unknown>): Promise<unknown>
}

let launcher: Promise<WorkerLauncher> | null = null

/**
 * Bundles worker-process.ts and vetkit's source it imports into one file, once: a process then
 * starts in ~0.15 s, where the tsx loader takes ~0.7 s (two hundred starts per run). esbuild is
 * tsx's own. Without it (or with VETKIT_CRASH_LAUNCHER=tsx), workers run under `node --import tsx`.
 */
export function workerLauncher(): Promise<WorkerLauncher> {
  launcher ??= (async () => {
    if (process.env.VETKIT_CRASH_LAUNCHER === 'tsx') return { kind: 'tsx' as const, args: ['--import', 'tsx', WORKER_FILE], dir: null }
    const dir = mkdtempSync(join(tmpdir(), 'vetkit-crash-worker-'))
    const outfile = join(dir, 'worker-process.mjs')
    try {
      const requireFromTsx = createRequire(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx/package.json'))
      const esbuild = requireFromTsx('esbuild') as Esbuild
      await esbuild.build({
        entryPoints: [WORKER_FILE],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'error',
        // Bundled CommonJS dependencies call `require` (node built-ins): give the ES module one.
        banner: { js: "import { createRequire as __vetkitCreateRequire } from 'node:module'; const require = __vetkitCreateRequire(import.meta.url);" },
      })
      return { kind: 'bundle' as const, args: [outfile], dir }
    } catch (error) {
      rmSync(dir, { recursive: true, force: true })
      console.log(`worker crashes: could not bundle the worker (${String(error)}); running it under the tsx loader`)
      return { kind: 'tsx' as const, args: ['--import', 'tsx', WORKER_FILE], dir: null }
    }
  })()
  return launcher
}

export async function disposeWorkerLauncher(): Promise<void> {
  const built = await launcher
  if (built?.dir) rmSync(built.dir, { recursive: true, force: true })
  launcher = null
}

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface WorkerChild {
  pid: number
  /** Resolves once the worker polls; rejects if the process ends first or never gets there. */
  ready: Promise<void>
  exited: Promise<Exit>
  kill(signal: 'SIGKILL' | 'SIGTERM'): void
}

const live = new Set<ChildProcess>()

export function spawnWorker(launch: WorkerLauncher, config: WorkerConfig, stderrFd: number): WorkerChild {
  const child = spawn(process.execPath, launch.args, {
    cwd: REPO_ROOT,
    env: { ...process.env, [WORKER_CONFIG_ENV]: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', stderrFd],
  })
  if (child.pid === undefined) throw new Error('the worker process did not start')
  live.add(child)
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child)
      resolve({ code, signal })
    })
  })
  const ready = new Promise<void>((resolve, reject) => {
    let buffered = ''
    const timer = setTimeout(() => reject(new Error(`worker ${child.pid} was not ready within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS)
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => {
      buffered += chunk
      if (buffered.includes(READY_LINE)) {
        clearTimeout(timer)
        resolve()
      }
    })
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`worker ${child.pid} exited before it was ready (code ${String(code)}, signal ${String(signal)})`))
    })
  })
  // Rejections are awaited by the caller; an unawaited one (the process died later) is not an error.
  ready.catch(() => undefined)
  return {
    pid: child.pid,
    ready,
    exited,
    kill: (signal) => {
      child.kill(signal)
    },
  }
}

/** Kills every worker process this test started and that is still running. */
export async function killLeftovers(): Promise<number> {
  const left = [...live]
  await Promise.all(
    left.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve())
          child.kill('SIGKILL')
        }),
    ),
  )
  return left.length
}
