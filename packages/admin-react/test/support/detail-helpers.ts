import { screen, within } from '@testing-library/react'

/** The status badge next to the detail's heading. */
export function headerStatus(): string | null | undefined {
  const heading = screen.getByRole('heading', { level: 2, name: /^Background check of/ })
  return heading.parentElement?.querySelector('.vk-badge')?.textContent
}

/** The "Decisions" panel. */
export function decisions() {
  return within(screen.getByRole('region', { name: 'Decisions' }))
}

/** The names of the decision buttons offered, in order. */
export function offeredButtons(): string[] {
  const panel = screen.getByRole('region', { name: 'Decisions' })
  return [...panel.querySelectorAll('.vk-toolbar > button')].map((button) => button.textContent ?? '')
}
