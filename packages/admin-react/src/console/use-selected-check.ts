import { useState } from 'react'

/**
 * The open check, controlled by the host when it passes `selectedCheckId` (e.g. from its router),
 * kept by the console otherwise. `onSelectCheck` hears every change either way.
 */
export function useSelectedCheck(selectedCheckId: string | null | undefined, onSelectCheck: ((checkId: string | null) => void) | undefined) {
  const [own, setOwn] = useState<string | null>(null)
  const controlled = selectedCheckId !== undefined
  const selected = controlled ? selectedCheckId : own
  const select = (checkId: string | null) => {
    if (!controlled) setOwn(checkId)
    onSelectCheck?.(checkId)
  }
  return [selected, select] as const
}
