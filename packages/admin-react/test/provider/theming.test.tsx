import { render, screen } from '@testing-library/react'
import { createVetkitClient } from '@vetkit/core/client'
import { describe, expect, it } from 'vitest'
import { COLOR_TOKENS, StatusBadge, VetkitAdminProvider, type Appearance } from '../../src/index'
import { selectorsOf } from '../style/css-rules'

const client = createVetkitClient({ baseUrl: 'http://vetkit.test' })
const renderRoot = (appearance?: Appearance) => {
  const { container } = render(
    <VetkitAdminProvider client={client} {...(appearance ? { appearance } : {})} className="host-class">
      <StatusBadge status="passed" />
    </VetkitAdminProvider>,
  )
  const root = container.firstElementChild as HTMLElement
  return { root, css: root.querySelector('style')?.textContent ?? '' }
}

describe('theming', () => {
  it('sets the host\'s tokens as --vk-* custom properties on the root', () => {
    const { root } = renderRoot({ tokens: { accent: '#7c3aed', radius: '0px', fontFamily: 'Inter, sans-serif' }, darkTokens: { accent: '#c4b5fd' } })
    expect(root.classList.contains('vk-admin')).toBe(true)
    expect(root.classList.contains('host-class')).toBe(true)
    expect(root.style.getPropertyValue('--vk-accent-light')).toBe('#7c3aed')
    expect(root.style.getPropertyValue('--vk-accent-dark')).toBe('#c4b5fd')
    expect(root.style.getPropertyValue('--vk-radius')).toBe('0px')
    expect(root.style.getPropertyValue('--vk-font-family')).toBe('Inter, sans-serif')
    // Tokens the host did not choose come from the stylesheet, not inline.
    expect(root.style.getPropertyValue('--vk-text-light')).toBe('')
  })

  it('resolves every color from the scheme, and the components read only the resolved tokens', () => {
    const { css } = renderRoot()
    for (const name of Object.keys(COLOR_TOKENS)) {
      const token = `--vk-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
      expect(css).toContain(`${token}:var(${token}-light)`)
      expect(css).toContain(`${token}:var(${token}-dark)`)
    }
    expect(css).toMatch(/\.vk-admin \.vk-button-primary\{background:var\(--vk-accent\)/)
  })

  it('marks the scheme on the root: auto by default, dark on request, with a prefers-color-scheme rule for auto', () => {
    expect(renderRoot().root.dataset.vkScheme).toBe('auto')
    const { root, css } = renderRoot({ colorScheme: 'dark' })
    expect(root.dataset.vkScheme).toBe('dark')
    expect(css).toMatch(/\.vk-admin\[data-vk-scheme=dark\]\{[^}]*--vk-background:var\(--vk-background-dark\)/)
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\)\{\.vk-admin\[data-vk-scheme=auto\]\{[^}]*--vk-background:var\(--vk-background-dark\)/)
    expect(css).toContain('color-scheme:dark')
  })

  it('scopes every selector of its stylesheet under the root class: nothing global', () => {
    const { css } = renderRoot()
    const selectors = selectorsOf(css)
    expect(selectors.length).toBeGreaterThan(30)
    for (const selector of selectors) {
      expect(selector, selector).toMatch(/^\.vk-admin(?=[\s.[:]|$)/)
      expect(selector, selector).not.toMatch(/(^|[\s>+~,(])(\*|html|body|:root)(?=$|[\s.[:>+~,)])/)
    }
    // One stylesheet, inside the root.
    expect(document.head.querySelectorAll('style')).toHaveLength(0)
  })

  it('draws a status as text on a tone, so it reads without color', () => {
    renderRoot()
    const badge = screen.getByText('Passed')
    expect(badge.className).toBe('vk-badge vk-tone-success')
  })

  it('shows a focus outline on every control', () => {
    const { css } = renderRoot()
    const focus = /([^{}]+):focus-visible[^{]*\{outline:2px solid var\(--vk-focus\)/.exec(css)
    expect(focus).not.toBeNull()
    for (const control of ['.vk-button', '.vk-link', '.vk-input', '.vk-tab', '.vk-sort', '.vk-checkbox']) expect(css).toContain(`.vk-admin ${control}:focus-visible`)
  })
})
