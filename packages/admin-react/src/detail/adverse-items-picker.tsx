import { useId } from 'react'
import { ErrorAlert } from '../components/error-alert'
import { DateText } from '../components/date-text'
import { LoadingStatus } from '../components/loading-status'
import { useAdverseItems } from '../hooks/use-adverse-items'
import { useLocaleTools } from '../provider/admin-context'

export interface AdverseItemsPickerProps {
  checkId: string
  chosen: readonly string[]
  onChange(chosen: string[]): void
}

/**
 * The report items a pre-adverse notice may name, as checkboxes, and when its final notice could
 * go out if it is sent now: the admin sees the date before confirming.
 */
export function AdverseItemsPicker({ checkId, chosen, onChange }: AdverseItemsPickerProps) {
  const { t, plural } = useLocaleTools()
  const legendId = useId()
  const remote = useAdverseItems(checkId, true)
  if (remote.kind === 'loading') return <LoadingStatus />
  if (remote.kind === 'failed') return <ErrorAlert error={remote.error} />
  const { items, waitBusinessDays, finalNoticeDueIfStartedNow } = remote.data
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((c) => c !== id))
  return (
    <div className="vk-stack">
      <fieldset aria-labelledby={legendId} className="vk-stack">
        <legend id={legendId}>{t('adverse.chooseItems')}</legend>
        {items.length === 0 ? (
          <p className="vk-muted">{t('adverse.noItems')}</p>
        ) : (
          <ul className="vk-checklist">
            {items.map((item) => (
              <li key={item.id}>
                <label>
                  <input type="checkbox" className="vk-checkbox" checked={chosen.includes(item.id)} onChange={(event) => toggle(item.id, event.target.checked)} /> {item.text}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <p className="vk-notice">
        {plural('adverse.dueIfStartedNow', waitBusinessDays)} <DateText iso={finalNoticeDueIfStartedNow} />
      </p>
    </div>
  )
}
