import { useState } from 'react'
import { CheckDetail } from '../detail/check-detail'
import { useLocaleTools } from '../provider/admin-context'
import { CheckQueue, type CheckQueueProps } from '../queue/check-queue'
import { WebhookLog, type WebhookLogProps } from '../webhooks/webhook-log'
import { CONSOLE_SECTION_NAMES, CONSOLE_SECTIONS, type ConsoleSection } from './console-sections'
import { useSelectedCheck } from './use-selected-check'

export interface ReviewConsoleProps {
  /** The open check: pass it (with `onSelectCheck`) to drive the console from the host's router. */
  selectedCheckId?: string | null
  /** Every change of the open check (`null`: back to the queue). */
  onSelectCheck?: (checkId: string | null) => void
  /** Passed to the queue. */
  queue?: Omit<CheckQueueProps, 'onSelectCheck'>
  /** Passed to the webhook log. */
  webhooks?: Omit<WebhookLogProps, 'onSelectCheck'>
}

/**
 * The whole review console: the queues, a check's detail and the webhook log, with its own view
 * state (no router). The queue stays mounted behind an open check, so its tab, search, order and
 * page are where the admin left them.
 */
export function ReviewConsole({ selectedCheckId, onSelectCheck, queue, webhooks }: ReviewConsoleProps) {
  const { t } = useLocaleTools()
  const [section, setSection] = useState<ConsoleSection>('checks')
  const [selected, select] = useSelectedCheck(selectedCheckId, onSelectCheck)
  const openCheck = (checkId: string) => {
    setSection('checks')
    select(checkId)
  }

  return (
    <div className="vk-stack">
      <nav aria-label={t('console.nav')} className="vk-toolbar">
        {CONSOLE_SECTION_NAMES.map((name) => (
          <button key={name} type="button" className="vk-button" aria-current={section === name ? 'page' : undefined} onClick={() => setSection(name)}>
            {t(CONSOLE_SECTIONS[name].label)}
          </button>
        ))}
      </nav>
      {section === 'checks' && selected !== null && <CheckDetail checkId={selected} onBack={() => select(null)} onSelectCheck={openCheck} />}
      <div hidden={section !== 'checks' || selected !== null}>
        <CheckQueue {...queue} onSelectCheck={openCheck} />
      </div>
      {section === 'webhooks' && <WebhookLog {...webhooks} onSelectCheck={openCheck} />}
    </div>
  )
}
