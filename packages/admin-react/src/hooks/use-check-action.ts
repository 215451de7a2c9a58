import { useEffect, useRef, useState } from 'react'
import { isAbortError, toAdminError, type AdminError } from '../api/admin-error'
import type { CheckJson } from '../api/types'
import { CHECK_ACTIONS, type ActionInput, type CheckActionName } from '../actions/check-actions'
import { useInvalidate, useVetkitClient } from '../provider/admin-context'

export type ActionState =
  | { kind: 'idle' }
  | { kind: 'running'; action: CheckActionName }
  /** `checkId`: the check to show next (a re-check's new check). */
  | { kind: 'done'; action: CheckActionName; checkId: string }
  /** The API's refusal, verbatim: its message, code and field. */
  | { kind: 'failed'; action: CheckActionName; error: AdminError }

export interface CheckActionRunner {
  state: ActionState
  /** Resolves true when the API accepted it; every remote read then loads again. */
  run(action: CheckActionName, check: CheckJson, input?: Partial<ActionInput>): Promise<boolean>
  reset(): void
}

/** Runs the decisions of `CHECK_ACTIONS`, one at a time; unmounting aborts the one in flight. */
export function useCheckAction(): CheckActionRunner {
  const client = useVetkitClient()
  const invalidate = useInvalidate()
  const [state, setState] = useState<ActionState>({ kind: 'idle' })
  const inFlight = useRef<AbortController | null>(null)
  useEffect(() => () => inFlight.current?.abort(), [])

  async function run(action: CheckActionName, check: CheckJson, input: Partial<ActionInput> = {}): Promise<boolean> {
    inFlight.current?.abort()
    const controller = new AbortController()
    inFlight.current = controller
    setState({ kind: 'running', action })
    try {
      const checkId = await CHECK_ACTIONS[action].run(client, check, { reason: input.reason ?? '', adverseItemIds: input.adverseItemIds ?? [] }, { signal: controller.signal })
      if (controller.signal.aborted) return false
      setState({ kind: 'done', action, checkId })
      invalidate()
      return true
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return false
      setState({ kind: 'failed', action, error: toAdminError(error) })
      return false
    }
  }

  return { state, run, reset: () => setState({ kind: 'idle' }) }
}
