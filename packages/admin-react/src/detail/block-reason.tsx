import type { ActionBlock } from '../actions/action-block'
import { DateText } from '../components/date-text'
import { useLocaleTools } from '../provider/admin-context'

/** Why a button is disabled, in words: the days left and the date, or the dispute that paused it. */
export function BlockReason({ id, block }: { id: string; block: ActionBlock }) {
  const { t, plural } = useLocaleTools()
  if (block.kind === 'paused_by_dispute') {
    return (
      <p id={id} className="vk-notice">
        {t('block.pausedByDispute')}
      </p>
    )
  }
  return (
    <p id={id} className="vk-notice">
      {block.businessDaysRemaining === null ? t('block.waitRunning') : plural('block.daysRemaining', block.businessDaysRemaining)}{' '}
      {t('block.finalNoticeFrom')} <DateText iso={block.finalNoticeDueAt} />
    </p>
  )
}
