import type { CheckListSort } from '@vetkit/core/client'
import type { StringKey } from '../i18n/strings'

/** The sortable columns of the queue, each with its two keyset orders (descending first). */
export const SORT_COLUMNS = {
  created: { label: 'column.created', descending: 'created_desc', ascending: 'created_asc' },
  updated: { label: 'column.updated', descending: 'updated_desc', ascending: 'updated_asc' },
} as const satisfies Record<string, { label: StringKey; descending: CheckListSort; ascending: CheckListSort }>

export type SortColumn = keyof typeof SORT_COLUMNS

/** `aria-sort` of a column under the current order. */
export function columnSort(column: SortColumn, sort: CheckListSort | null): 'ascending' | 'descending' | 'none' {
  if (sort === SORT_COLUMNS[column].descending) return 'descending'
  if (sort === SORT_COLUMNS[column].ascending) return 'ascending'
  return 'none'
}

/** Clicking a column: newest first on the first click, then it flips. */
export function nextSort(column: SortColumn, sort: CheckListSort | null): CheckListSort {
  return sort === SORT_COLUMNS[column].descending ? SORT_COLUMNS[column].ascending : SORT_COLUMNS[column].descending
}
