import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

export interface ModalDialogProps {
  /** `alertdialog` for a step that cannot be undone, `dialog` otherwise. */
  role: 'alertdialog' | 'dialog'
  title: string
  description: ReactNode
  children?: ReactNode
  /** Buttons, last in the tab order. */
  footer: ReactNode
  onCancel(): void
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])'

/**
 * A modal in the console's root (so its scoped styles apply), labelled by its title and described
 * by its text. Focus moves to its first control on open, stays inside while it is open (Tab
 * wraps), and goes back to what had it on close; Escape cancels.
 */
export function ModalDialog({ role, title, description, children, footer, onCancel }: ModalDialogProps) {
  const titleId = useId()
  const descriptionId = useId()
  const dialog = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const first = dialog.current?.querySelector<HTMLElement>(FOCUSABLE)
    ;(first ?? dialog.current)?.focus()
    return () => {
      if (previous?.isConnected) previous.focus()
    }
  }, [])

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation()
      onCancel()
      return
    }
    if (event.key !== 'Tab' || !dialog.current) return
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)]
    const first = focusable[0]
    const last = focusable.at(-1)
    if (!first || !last) return
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <div className="vk-backdrop">
      <div ref={dialog} role={role} aria-modal="true" aria-labelledby={titleId} aria-describedby={descriptionId} tabIndex={-1} className="vk-dialog" onKeyDown={onKeyDown}>
        <h2 id={titleId} className="vk-heading">
          {title}
        </h2>
        <div id={descriptionId}>{description}</div>
        {children}
        <div className="vk-toolbar">{footer}</div>
      </div>
    </div>
  )
}
