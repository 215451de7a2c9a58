import { useEffect, useId, useRef, useState } from 'react'
import type { CheckJson } from '../api/types'
import { CHECK_ACTIONS, offeredActions, type CheckActionName, type CheckActionSpec } from '../actions/check-actions'
import { BUTTON_CLASS } from '../components/button-class'
import { ErrorAlert } from '../components/error-alert'
import { useCheckAction } from '../hooks/use-check-action'
import { useNow } from '../hooks/use-now'
import { useLocaleTools } from '../provider/admin-context'
import { ActionDialog } from './action-dialog'
import { BlockReason } from './block-reason'

export interface CheckActionsPanelProps {
  check: CheckJson
  /** Called with a re-check's new check, to open it. */
  onSelectCheck?: ((checkId: string) => void) | undefined
}

/** The decisions the check's status offers, each asking first when it asks for a note or cannot be undone. */
export function CheckActionsPanel({ check, onSelectCheck }: CheckActionsPanelProps) {
  const { t } = useLocaleTools()
  const now = useNow()
  const runner = useCheckAction()
  const [open, setOpen] = useState<CheckActionName | null>(null)
  const headingId = useId()
  const blockId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const wasOpen = useRef(false)
  const actions = offeredActions(check)

  // The button that opened a dialog may be gone once the check moved on: keep focus in the panel.
  // The dialog gives focus back to its opener first; the opener may vanish only when the reloaded
  // check offers other decisions (a render later under React 18), so look again when they change.
  const offeredKey = actions.join(',')
  useEffect(() => {
    if (open !== null) {
      wasOpen.current = true
      return
    }
    if (!wasOpen.current) return
    const active = document.activeElement
    if (active === null || active === document.body) {
      heading.current?.focus()
      wasOpen.current = false
    }
  }, [open, offeredKey])

  function start(action: CheckActionName) {
    runner.reset()
    // Widened: a decision may one day run without a dialog, whatever today's table says.
    const spec: CheckActionSpec = CHECK_ACTIONS[action]
    if (spec.irreversible || spec.note !== 'none' || spec.choosesAdverseItems) setOpen(action)
    else void runner.run(action, check)
  }

  const { state } = runner
  return (
    <section aria-labelledby={headingId} className="vk-section vk-stack">
      <h3 id={headingId} ref={heading} tabIndex={-1} className="vk-subheading">
        {t('detail.actions')}
      </h3>
      {actions.length === 0 ? (
        <p className="vk-muted">{t('action.none')}</p>
      ) : (
        <div className="vk-toolbar">
          {actions.map((action) => {
            const block = CHECK_ACTIONS[action].blocked(check, now)
            return (
              <button
                key={action}
                type="button"
                className={BUTTON_CLASS[CHECK_ACTIONS[action].tone]}
                disabled={block !== null || state.kind === 'running'}
                aria-describedby={block === null ? undefined : `${blockId}-${action}`}
                onClick={() => start(action)}
              >
                {t(`action.${action}`)}
              </button>
            )
          })}
        </div>
      )}
      {actions.map((action) => {
        const block = CHECK_ACTIONS[action].blocked(check, now)
        return block === null ? null : <BlockReason key={action} id={`${blockId}-${action}`} block={block} />
      })}
      {/* Always in the page, so the announcement of a new message is not lost. */}
      <div role="status">
        {state.kind === 'done' && (
          <div className="vk-notice vk-toolbar">
            <span>{t(`done.${state.action}`)}</span>
            {state.checkId !== check.id && onSelectCheck && (
              <button type="button" className="vk-button" onClick={() => onSelectCheck(state.checkId)}>
                {t('action.openNewCheck')}
              </button>
            )}
          </div>
        )}
      </div>
      {state.kind === 'failed' && open === null && <ErrorAlert error={state.error} />}
      {open !== null && <ActionDialog action={open} check={check} runner={runner} onClose={() => setOpen(null)} />}
    </section>
  )
}
