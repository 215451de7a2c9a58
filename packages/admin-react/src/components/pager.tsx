import { useLocaleTools } from '../provider/admin-context'

export interface PagerProps {
  label: string
  page: number
  hasPrevious: boolean
  hasNext: boolean
  onPrevious(): void
  onNext(): void
}

/** Previous / next over keyset cursors (there is no page count: keyset pages are not numbered). */
export function Pager({ label, page, hasPrevious, hasNext, onPrevious, onNext }: PagerProps) {
  const { t } = useLocaleTools()
  return (
    <nav aria-label={label} className="vk-toolbar">
      <button type="button" className="vk-button" disabled={!hasPrevious} onClick={onPrevious}>
        {t('pager.previous')}
      </button>
      <span>{t('pager.page', { page })}</span>
      <button type="button" className="vk-button" disabled={!hasNext} onClick={onNext}>
        {t('pager.next')}
      </button>
    </nav>
  )
}
