/**
 * The load generator's process (forked by load.ts): receives the prepared requests once, then runs
 * autocannon for each range it is asked for and sends the result back. Exits with its parent.
 */
import { createRunner, type FromChild, type LoadRun, type LoadResult, type ToChild } from './load'

let runner: ((run: LoadRun) => Promise<LoadResult>) | null = null

const reply = (message: FromChild) => {
  process.send?.(message)
}

process.on('message', (message: ToChild) => {
  if (message.kind === 'init') {
    runner = createRunner(message.requests)
    reply({ kind: 'ready' })
    return
  }
  const run = runner
  if (!run) {
    reply({ kind: 'failed', id: message.id, message: 'run before init' })
    return
  }
  run(message.run).then(
    (result) => reply({ kind: 'result', id: message.id, result }),
    (error: unknown) => reply({ kind: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) }),
  )
})

// The bench went away (finished, crashed or was killed): so does its load generator.
process.on('disconnect', () => process.exit(0))
