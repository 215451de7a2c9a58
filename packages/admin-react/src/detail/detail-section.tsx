import { useId, type ReactNode } from 'react'

/** A titled region of the detail page (a landmark a screen reader can jump to). */
export function DetailSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId()
  return (
    <section aria-labelledby={id} className="vk-section vk-stack">
      <h3 id={id} className="vk-subheading">
        {title}
      </h3>
      {children}
    </section>
  )
}
