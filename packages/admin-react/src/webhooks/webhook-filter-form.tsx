import { useId } from 'react'
import type { AuthOutcome, ProcessingOutcome } from '../api/types'
import { useLocaleTools } from '../provider/admin-context'
import { AUTH_OUTCOME_NAMES, AUTH_OUTCOMES, isAuthOutcome, isProcessingOutcome, PROCESSING_OUTCOME_NAMES, PROCESSING_OUTCOMES } from './webhook-outcomes'

/** The filters as typed: text, so a half-typed status is not a filter yet. */
export interface WebhookFilterDraft {
  eventType: string
  authOutcome: AuthOutcome | ''
  processingOutcome: ProcessingOutcome | ''
  httpStatus: string
}

export const EMPTY_WEBHOOK_FILTERS: WebhookFilterDraft = { eventType: '', authOutcome: '', processingOutcome: '', httpStatus: '' }

export function WebhookFilterForm({ draft, onChange }: { draft: WebhookFilterDraft; onChange(draft: WebhookFilterDraft): void }) {
  const { t } = useLocaleTools()
  const ids = { eventType: useId(), auth: useId(), processing: useId(), status: useId() }
  return (
    <fieldset className="vk-toolbar">
      <legend className="vk-sr-only">{t('webhooks.filters')}</legend>
      <div className="vk-field">
        <label htmlFor={ids.eventType}>{t('webhooks.eventType')}</label>
        <input id={ids.eventType} className="vk-input" value={draft.eventType} placeholder={t('webhooks.eventTypePlaceholder')} onChange={(e) => onChange({ ...draft, eventType: e.target.value })} />
      </div>
      <div className="vk-field">
        <label htmlFor={ids.auth}>{t('webhooks.authOutcome')}</label>
        <select id={ids.auth} className="vk-input" value={draft.authOutcome} onChange={(e) => onChange({ ...draft, authOutcome: isAuthOutcome(e.target.value) ? e.target.value : '' })}>
          <option value="">{t('webhooks.any')}</option>
          {AUTH_OUTCOME_NAMES.map((name) => (
            <option key={name} value={name}>
              {t(AUTH_OUTCOMES[name].label)}
            </option>
          ))}
        </select>
      </div>
      <div className="vk-field">
        <label htmlFor={ids.processing}>{t('webhooks.processingOutcome')}</label>
        <select
          id={ids.processing}
          className="vk-input"
          value={draft.processingOutcome}
          onChange={(e) => onChange({ ...draft, processingOutcome: isProcessingOutcome(e.target.value) ? e.target.value : '' })}
        >
          <option value="">{t('webhooks.any')}</option>
          {PROCESSING_OUTCOME_NAMES.map((name) => (
            <option key={name} value={name}>
              {t(PROCESSING_OUTCOMES[name].label)}
            </option>
          ))}
        </select>
      </div>
      <div className="vk-field">
        <label htmlFor={ids.status}>{t('webhooks.httpStatus')}</label>
        <input id={ids.status} className="vk-input" inputMode="numeric" value={draft.httpStatus} placeholder={t('webhooks.httpStatusPlaceholder')} onChange={(e) => onChange({ ...draft, httpStatus: e.target.value })} />
      </div>
    </fieldset>
  )
}
