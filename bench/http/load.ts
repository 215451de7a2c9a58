/**
 * The load generator: autocannon, sending each prepared webhook exactly once per run. It runs in
 * a child process by default (load-child.ts), or inside the servers' process
 * (`VETKIT_BENCH_LOADGEN=inline`).
 */
import { fork, type ChildProcess } from 'node:child_process'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { nowMs } from '../storage/stats'

/** One signed webhook as it goes over the wire. */
export interface WireRequest {
  headers: Record<string, string>
  /** The body as UTF-8 text (Checkr's bodies are JSON; the caller checks the bytes survive). */
  body: string
}

/** One autocannon run: the prepared requests `from` (inclusive) to `to` (exclusive), each once. */
export interface LoadRun {
  /** `http://127.0.0.1:{port}` */
  origin: string
  path: string
  from: number
  to: number
  connections: number
}

export interface LoadResult {
  /** Requests autocannon wrote (its `setupRequest` calls); must equal `to - from`. */
  sent: number
  responses: number
  /** From the first connection to the last response. */
  ms: number
  /** Every response's latency (ms), as autocannon measured it: from writing the request to the end of the response. */
  samples: number[]
  /** Responses by status code. */
  status: Record<string, number>
  /** Connection errors, timeouts, bodies other than `{"ok":true}`, request-pipeline resets. */
  errors: number
  timeouts: number
  mismatches: number
  resets: number
  /** CPU time (user + system) the load generator's process used during the run. */
  cpuMs: number
  /**
   * CPU time of the whole machine (every process, the servers and PostgreSQL included) from the
   * first connection to the last response, read from the kernel's per-core counters.
   */
  machineCpuMs: number
}

export interface LoadGenerator {
  readonly mode: 'child' | 'inline'
  /** The child's pid (child mode). */
  readonly pid: number | undefined
  run(run: LoadRun): Promise<LoadResult>
  close(): Promise<void>
}

/** What vetkit answers a new event, and what the baselines answer: anything else is a mismatch. */
export const EXPECTED_BODY = '{"ok":true}'

/** The machine's CPU time so far, busy and idle, summed over every core. */
function machineTimes(): { busy: number; idle: number } {
  return os.cpus().reduce(
    (sum, c) => ({ busy: sum.busy + c.times.user + c.times.nice + c.times.sys + c.times.irq, idle: sum.idle + c.times.idle }),
    { busy: 0, idle: 0 },
  )
}

/**
 * Busy CPU time between two readings, over `ms`. The kernel updates an idle core's counters
 * lazily, so the busy share of all the time accounted (busy + idle) is taken, times the cores and
 * the wall time: steadier over a short run than the raw busy time.
 */
function machineBusyMs(start: { busy: number; idle: number }, end: { busy: number; idle: number }, ms: number): number {
  const busy = end.busy - start.busy
  const accounted = busy + end.idle - start.idle
  return accounted > 0 ? (busy / accounted) * os.cpus().length * ms : 0
}

const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/** Runs autocannon over prepared requests; each request of a run is a different prepared webhook. */
export function createRunner(requests: readonly WireRequest[]): (run: LoadRun) => Promise<LoadResult> {
  const bodies = requests.map((r) => Buffer.from(r.body, 'utf8'))
  return (run) =>
    new Promise<LoadResult>((resolve, reject) => {
      const count = run.to - run.from
      if (run.from < 0 || run.to > requests.length || count < run.connections) {
        reject(new Error(`bad run ${run.from}..${run.to} of ${requests.length} requests with ${run.connections} connections`))
        return
      }
      // One shared counter across every connection: autocannon calls setupRequest once per
      // request it writes (and never beyond `amount`), so each prepared webhook goes out once. A
      // plain `requests` array would be replayed from its start by every connection: duplicates.
      let next = 0
      const samples: number[] = []
      const status: Record<string, number> = {}
      const cpu = process.cpuUsage()
      const machine = machineTimes()
      let machineEnd = machine
      const start = nowMs()
      let last = start
      const instance = autocannon(
        {
          url: run.origin,
          connections: run.connections,
          pipelining: 1,
          amount: count,
          timeout: 30,
          requests: [
            {
              method: 'POST',
              path: run.path,
              setupRequest: (request) => {
                const i = run.from + (next++ % count)
                const prepared = requests[i]
                return { ...request, headers: { ...request.headers, ...prepared?.headers }, body: bodies[i] ?? '' }
              },
            },
          ],
          verifyBody: (body) => body === EXPECTED_BODY,
        },
        (error, result) => {
          const cpuMs = cpuMsSince(cpu)
          if (error) {
            reject(error instanceof Error ? error : new Error(String(error)))
            return
          }
          resolve({
            sent: next,
            responses: samples.length,
            ms: last - start,
            samples,
            status,
            errors: result.errors,
            timeouts: result.timeouts,
            mismatches: result.mismatches,
            resets: result.resets,
            cpuMs,
            machineCpuMs: machineBusyMs(machine, machineEnd, last - start),
          })
        },
      )
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        last = nowMs()
        samples.push(responseTime)
        // autocannon ends a run on a whole second: the machine is read at the last response.
        if (samples.length === count) machineEnd = machineTimes()
        const key = String(statusCode)
        status[key] = (status[key] ?? 0) + 1
      })
    })
}

/** Messages between the bench and load-child.ts. */
export type ToChild = { kind: 'init'; requests: WireRequest[] } | { kind: 'run'; id: number; run: LoadRun }
export type FromChild = { kind: 'ready' } | { kind: 'result'; id: number; result: LoadResult } | { kind: 'failed'; id: number; message: string }

/** autocannon inside this process: it shares the servers' event loop. */
export function inlineLoadGenerator(requests: readonly WireRequest[]): LoadGenerator {
  const runner = createRunner(requests)
  return { mode: 'inline', pid: undefined, run: runner, close: async () => undefined }
}

/**
 * autocannon in a child Node process (the same tsx loader, inherited through `execArgv`), with
 * its own event loop: building requests and parsing responses never delays the servers' callbacks.
 * The prepared requests are sent once; each run is then only a range.
 */
export async function childLoadGenerator(requests: readonly WireRequest[]): Promise<LoadGenerator> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-child.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>()
  let exited: Error | null = null
  let onReady: (() => void) | null = null
  const failAll = (error: Error) => {
    exited = error
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve
    child.once('exit', (code, signal) => reject(new Error(`the load generator exited (code ${code}, signal ${signal}) before it was ready`)))
    child.once('error', reject)
  })
  // Observed here too, so a child that dies while the requests are still being sent is no unhandled rejection.
  ready.catch(() => undefined)
  child.on('message', (message: FromChild) => {
    if (message.kind === 'ready') onReady?.()
    else {
      const p = pending.get(message.id)
      pending.delete(message.id)
      if (message.kind === 'result') p?.resolve(message.result)
      else p?.reject(new Error(`load generator: ${message.message}`))
    }
  })
  child.on('exit', (code, signal) => failAll(new Error(`the load generator exited (code ${code}, signal ${signal})`)))
  const send = (message: ToChild) =>
    new Promise<void>((resolve, reject) => {
      child.send(message, (error) => (error ? reject(error) : resolve()))
    })
  try {
    await send({ kind: 'init', requests: [...requests] })
    await ready
  } catch (error) {
    child.kill()
    throw error
  }
  let ids = 0
  return {
    mode: 'child',
    pid: child.pid,
    async run(run) {
      if (exited) throw exited
      const id = ++ids
      const result = new Promise<LoadResult>((resolve, reject) => pending.set(id, { resolve, reject }))
      await send({ kind: 'run', id, run })
      return result
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill()
      await gone
    },
  }
}
