// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { createVetkitClient } from '@vetkit/core/client'
import { describe, expect, it, vi } from 'vitest'
import { CheckDetail, ReviewConsole, VetkitAdminProvider, WebhookLog } from '../../src/index'

describe('server rendering', () => {
  it('renders the console without a DOM and without a request', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
    const fetch = vi.fn<typeof globalThis.fetch>()
    const client = createVetkitClient({ baseUrl: 'http://vetkit.test', fetch })
    const html = renderToString(
      <VetkitAdminProvider client={client} appearance={{ colorScheme: 'dark', tokens: { accent: '#7c3aed' } }} locale={{ locale: 'en-US', timeZone: 'UTC' }}>
        <ReviewConsole />
        <CheckDetail checkId="chk-1" />
        <WebhookLog />
      </VetkitAdminProvider>,
    )
    expect(html).toMatch(/^<div class="vk-admin" data-vk-scheme="dark" style="--vk-accent-light:#7c3aed">/)
    // The stylesheet comes through unescaped (quotes and all), inside the root.
    expect(html).toContain('<style>.vk-admin{')
    expect(html).not.toContain('&quot;')
    expect(html).toContain('role="tablist"')
    expect(html).toContain('Needs review')
    expect(html).toContain('Loading…')
    expect(fetch).not.toHaveBeenCalled()
  })
})
