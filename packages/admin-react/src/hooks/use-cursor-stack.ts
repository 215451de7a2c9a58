import { useState } from 'react'
import { remoteData, type Remote } from './use-remote'

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

/** A paged list as the hooks hand it out: the current page's data and the moves between pages. */
export interface KeysetPages<T> {
  remote: Remote<T>
  page: number
  hasPrevious: boolean
  hasNext: boolean
  next(): void
  previous(): void
  reload(): void
}

/** The page moves for `remote`, loaded at `pages`'s cursor: "next" only while there is one. */
export function keysetPages<T extends { nextCursor: string | null }>(remote: Remote<T> & { reload: () => void }, pages: ReturnType<typeof useCursorStack>): KeysetPages<T> {
  const nextCursor = remoteData(remote)?.nextCursor ?? null
  return {
    remote,
    page: pages.page,
    hasPrevious: pages.page > 1,
    hasNext: nextCursor !== null,
    next: () => {
      if (nextCursor !== null) pages.push(nextCursor)
    },
    previous: pages.pop,
    reload: remote.reload,
  }
}
