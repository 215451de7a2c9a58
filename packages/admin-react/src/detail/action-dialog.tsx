import { useId, useState } from 'react'
import type { CheckJson } from '../api/types'
import { CHECK_ACTIONS, type CheckActionName } from '../actions/check-actions'
import { BUTTON_CLASS } from '../components/button-class'
import { ErrorAlert } from '../components/error-alert'
import { ModalDialog } from '../components/modal-dialog'
import type { CheckActionRunner } from '../hooks/use-check-action'
import { useLocaleTools } from '../provider/admin-context'
import { AdverseItemsPicker } from './adverse-items-picker'

export interface ActionDialogProps {
  action: CheckActionName
  check: CheckJson
  runner: CheckActionRunner
  onClose(): void
}

/**
 * Asks before a decision: an alert dialog for an irreversible one, a dialog for a note. It stays
 * open on a refusal, with the API's message in it, so the admin can correct the note or cancel.
 */
export function ActionDialog({ action, check, runner, onClose }: ActionDialogProps) {
  const { t } = useLocaleTools()
  const spec = CHECK_ACTIONS[action]
  const noteId = useId()
  const [reason, setReason] = useState('')
  const [chosen, setChosen] = useState<string[]>([])
  const running = runner.state.kind === 'running'
  const failure = runner.state.kind === 'failed' && runner.state.action === action ? runner.state.error : null
  const missingItems = spec.choosesAdverseItems && chosen.length === 0

  async function confirm() {
    if (await runner.run(action, check, { reason, adverseItemIds: chosen })) onClose()
  }

  return (
    <ModalDialog
      role={spec.irreversible ? 'alertdialog' : 'dialog'}
      title={t(`confirm.${action}.title`)}
      description={<p>{t(`confirm.${action}.body`)}</p>}
      onCancel={onClose}
      footer={
        <>
          <button type="button" className="vk-button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className={BUTTON_CLASS[spec.tone]} disabled={running || missingItems} onClick={() => void confirm()}>
            {running ? t('common.working') : t(`confirm.${action}.button`)}
          </button>
        </>
      }
    >
      {spec.choosesAdverseItems && <AdverseItemsPicker checkId={check.id} chosen={chosen} onChange={setChosen} />}
      {spec.note !== 'none' && (
        <div className="vk-field">
          <label htmlFor={noteId}>{t(spec.note === 'required' ? 'action.noteRequired' : 'action.noteOptional')}</label>
          <textarea id={noteId} className="vk-input" rows={3} value={reason} aria-required={spec.note === 'required'} onChange={(event) => setReason(event.target.value)} />
        </div>
      )}
      {failure !== null && <ErrorAlert error={failure} />}
    </ModalDialog>
  )
}
