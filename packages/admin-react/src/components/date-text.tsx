import { useLocaleTools } from '../provider/admin-context'

/** A date in the admin's locale and time zone; the machine-readable instant stays on `<time>`. */
export function DateText({ iso, dateOnly = false }: { iso: string | null; dateOnly?: boolean }) {
  const { t, dates } = useLocaleTools()
  if (iso === null) return <span className="vk-muted">{t('common.none')}</span>
  return <time dateTime={iso}>{dateOnly ? dates.date(iso) : dates.dateTime(iso)}</time>
}
