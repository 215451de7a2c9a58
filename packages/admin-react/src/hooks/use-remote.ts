import { useEffect, useRef, useState } from 'react'
import { isAbortError, toAdminError, type AdminError } from '../api/admin-error'
import { useDataVersion } from '../provider/admin-context'

/** One remote read as the screen shows it. */
export type Remote<T> =
  | { kind: 'loading' }
  /** `refreshing`: a newer load of the same thing is on its way (an interval, an action). */
  | { kind: 'ready'; data: T; refreshing: boolean }
  /** `stale`: what the last successful load of the same thing answered, if any. */
  | { kind: 'failed'; error: AdminError; stale: T | null }

export interface RemoteOptions {
  /** Load again every so many milliseconds (0 or absent: never). */
  refreshIntervalMs?: number
  /** False: no request at all (e.g. nothing selected). */
  enabled?: boolean
}

type Loaded<T> = { key: string; remote: Remote<T> }

/**
 * Loads `load(signal)` whenever `key` changes, the data version moves (an action), the interval
 * ticks or `reload()` is called. The previous request is aborted first, and on unmount: an answer
 * never lands on a screen that asked for something else. Loads run in effects only (SSR-safe).
 */
export function useRemote<T>(key: string, load: (signal: AbortSignal) => Promise<T>, options: RemoteOptions = {}): Remote<T> & { reload: () => void } {
  const { refreshIntervalMs = 0, enabled = true } = options
  const version = useDataVersion()
  const [tick, setTick] = useState(0)
  const [loaded, setLoaded] = useState<Loaded<T>>({ key, remote: { kind: 'loading' } })
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })

  useEffect(() => {
    if (!enabled) return
    const controller = new AbortController()
    setLoaded((prev) => (prev.key === key && prev.remote.kind === 'ready' ? { key, remote: { ...prev.remote, refreshing: true } } : prev))
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setLoaded({ key, remote: { kind: 'ready', data, refreshing: false } })
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return
        setLoaded((prev) => ({ key, remote: { kind: 'failed', error: toAdminError(error), stale: prev.key === key ? lastData(prev.remote) : null } }))
      },
    )
    return () => controller.abort()
  }, [key, version, tick, enabled])

  useEffect(() => {
    if (!enabled || refreshIntervalMs <= 0) return
    const timer = setInterval(() => setTick((n) => n + 1), refreshIntervalMs)
    return () => clearInterval(timer)
  }, [enabled, refreshIntervalMs])

  const remote: Remote<T> = loaded.key === key ? loaded.remote : { kind: 'loading' }
  return { ...remote, reload: () => setTick((n) => n + 1) }
}

function lastData<T>(remote: Remote<T>): T | null {
  if (remote.kind === 'ready') return remote.data
  if (remote.kind === 'failed') return remote.stale
  return null
}

/** What a remote read has to show: its data, or the last data of a failed refresh. */
export function remoteData<T>(remote: Remote<T>): T | null {
  return lastData(remote)
}
