import type { AdminError } from '../api/admin-error'
import { useLocaleTools } from '../provider/admin-context'

/**
 * A failed request, in an alert region: the API's message as it came, the field at fault and the
 * code, so the admin (and support) can act on it. Never a blank failure.
 */
export function ErrorAlert({ error }: { error: AdminError }) {
  const { t } = useLocaleTools()
  const title = error.status === 0 ? t('error.network') : t('error.title', { status: error.status })
  return (
    <div role="alert" className="vk-alert">
      <strong>{title}</strong> <span>{error.message}</span>
      {error.field !== null && <span> {t('error.field', { field: error.field })}</span>}
      <span className="vk-code"> ({error.code})</span>
    </div>
  )
}
