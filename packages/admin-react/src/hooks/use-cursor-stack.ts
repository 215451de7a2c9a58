import { useState } from 'react'

/**
 * Keyset paging as a stack of cursors: "next" pushes the page's `nextCursor`, "previous" pops.
 * A cursor is only valid for the filters and sort it came from, so a new `filterKey` starts
 * again at the first page.
 */
export function useCursorStack(filterKey: string) {
  const [state, setState] = useState<{ filterKey: string; stack: readonly string[] }>({ filterKey, stack: [] })
  const stack = state.filterKey === filterKey ? state.stack : []
  return {
    /** The cursor of the page to show (absent: the first page). */
    cursor: stack.at(-1),
    /** 1-based. */
    page: stack.length + 1,
    push: (cursor: string) => setState({ filterKey, stack: [...stack, cursor] }),
    pop: () => setState({ filterKey, stack: stack.slice(0, -1) }),
  }
}
