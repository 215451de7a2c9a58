import type { CheckListSort } from '@vetkit/core/client'
import { useLocaleTools } from '../provider/admin-context'
import { columnSort, nextSort, SORT_COLUMNS, type SortColumn } from './sort-columns'

export interface SortHeaderProps {
  column: SortColumn
  sort: CheckListSort | null
  onSort(sort: CheckListSort): void
}

/** A column header that sorts: `aria-sort` says the current order, the button flips it. */
export function SortHeader({ column, sort, onSort }: SortHeaderProps) {
  const { t } = useLocaleTools()
  const current = columnSort(column, sort)
  return (
    <th scope="col" aria-sort={current}>
      <button type="button" className="vk-sort" onClick={() => onSort(nextSort(column, sort))}>
        {t(SORT_COLUMNS[column].label)}
        <span aria-hidden="true">{current === 'ascending' ? ' ▲' : current === 'descending' ? ' ▼' : ' ↕'}</span>
      </button>
    </th>
  )
}
