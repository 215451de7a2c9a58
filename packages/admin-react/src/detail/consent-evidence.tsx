import type { ConsentEvidence as Consent } from '../api/types'
import { DateText } from '../components/date-text'
import { useLocaleTools } from '../provider/admin-context'

/** The subject's signed disclosures, newest first: what they signed, when, and from where. */
export function ConsentEvidence({ consents }: { consents: readonly Consent[] }) {
  const { t } = useLocaleTools()
  if (consents.length === 0) return <p className="vk-muted">{t('consent.none')}</p>
  const newestFirst = [...consents].sort((a, b) => Date.parse(b.signedAt) - Date.parse(a.signedAt))
  return (
    <ul className="vk-checklist">
      {newestFirst.map((consent) => (
        <li key={consent.id}>
          <dl className="vk-dl">
            <dt>{t('consent.signedAt')}</dt>
            <dd>
              <DateText iso={consent.signedAt} />
            </dd>
            <dt>{t('consent.signatureName')}</dt>
            <dd>{consent.signatureName}</dd>
            <dt>{t('consent.disclosureVersion')}</dt>
            <dd>{consent.disclosureVersion}</dd>
            <dt>{t('consent.ip')}</dt>
            <dd>{consent.ip ?? t('common.none')}</dd>
            <dt>{t('consent.userAgent')}</dt>
            <dd>{consent.userAgent ?? t('common.none')}</dd>
            <dt>{t('consent.authorizationTextHash')}</dt>
            <dd className="vk-code">{consent.authorizationTextHash}</dd>
          </dl>
        </li>
      ))}
    </ul>
  )
}
