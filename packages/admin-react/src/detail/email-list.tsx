import type { EmailRecord } from '../api/types'
import { DateText } from '../components/date-text'
import { ToneBadge } from '../components/tone-badge'
import { useLocaleTools } from '../provider/admin-context'
import { EMAIL_STATUSES } from './email-statuses'

/** The emails vetkit queued for the check (notices, reminders), with their delivery state. */
export function EmailList({ emails }: { emails: readonly EmailRecord[] }) {
  const { t } = useLocaleTools()
  if (emails.length === 0) return <p className="vk-muted">{t('email.none')}</p>
  return (
    <table className="vk-table">
      <caption className="vk-sr-only">{t('email.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('email.template')}</th>
          <th scope="col">{t('email.statusColumn')}</th>
          <th scope="col">{t('email.createdAt')}</th>
          <th scope="col">{t('email.sentAt')}</th>
          <th scope="col">{t('email.attempts')}</th>
          <th scope="col">{t('email.lastError')}</th>
        </tr>
      </thead>
      <tbody>
        {emails.map((email) => (
          <tr key={email.id}>
            <th scope="row" className="vk-code">
              {email.template}
            </th>
            <td>
              <ToneBadge tone={EMAIL_STATUSES[email.status].tone}>{t(EMAIL_STATUSES[email.status].label)}</ToneBadge>
            </td>
            <td>
              <DateText iso={email.createdAt} />
            </td>
            <td>
              <DateText iso={email.sentAt} />
            </td>
            <td>{email.attempts}</td>
            <td>{email.lastError ?? t('common.none')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
