import { useLocaleTools } from '../provider/admin-context'

export function LoadingStatus() {
  const { t } = useLocaleTools()
  return (
    <p role="status" className="vk-muted">
      {t('common.loading')}
    </p>
  )
}
