import type { CheckJson } from '../api/types'
import { DateText } from '../components/date-text'
import { useLocaleTools } from '../provider/admin-context'

/** The adverse action's wait: when it started, on which items, and when the final notice may go out. */
export function AdverseActionSummary({ check }: { check: CheckJson }) {
  const { t, plural } = useLocaleTools()
  const action = check.adverseAction
  if (action === null) return null
  return (
    <dl className="vk-dl">
      <dt>{t('adverse.startedAt')}</dt>
      <dd>
        <DateText iso={action.startedAt} />
      </dd>
      <dt>{t('adverse.medium')}</dt>
      <dd>{t(action.medium === 'email' ? 'adverse.medium.email' : 'adverse.medium.postal')}</dd>
      <dt>{t('adverse.items')}</dt>
      <dd className="vk-code">{action.adverseItemIds.join(', ')}</dd>
      <dt>{t('adverse.wait')}</dt>
      <dd>{plural('adverse.businessDays', action.waitBusinessDays)}</dd>
      <dt>{t('adverse.elapsed')}</dt>
      <dd>{plural('adverse.businessDays', action.businessDaysElapsed)}</dd>
      <dt>{t('adverse.remaining')}</dt>
      <dd>{action.businessDaysRemaining === null ? t('common.none') : plural('adverse.businessDays', action.businessDaysRemaining)}</dd>
      <dt>{t('adverse.finalNoticeDueAt')}</dt>
      <dd>{action.paused ? t('adverse.paused') : <DateText iso={action.finalNoticeDueAt} />}</dd>
      <dt>{t('adverse.writtenDispute')}</dt>
      <dd>{t(action.writtenDispute ? 'common.yes' : 'common.no')}</dd>
      {check.finalAdverseAt !== null && (
        <>
          <dt>{t('adverse.finalAdverseAt')}</dt>
          <dd>
            <DateText iso={check.finalAdverseAt} />
          </dd>
        </>
      )}
    </dl>
  )
}
