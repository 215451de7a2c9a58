import { CHECKR_AGENCY } from '../../src/providers/checkr/agency'
import { describe, expect, it } from 'vitest'
import { resolveMailBranding } from '../../src/mail/branding'
import { renderEmail } from '../../src/mail/render-email'
import { branding, brandingInput, collapse, everyKind, hrefs, otherCra, visibleText } from './email-fixtures'

// Properties every template must have, checked on all kinds at once.
describe.each(everyKind())('$kind', (request) => {
  const email = renderEmail(request.kind, request.data as never)

  it('carries the same words in the text and HTML parts', () => {
    let text = email.text
    for (const url of hrefs(email.html)) text = text.replaceAll(` (${url})`, '')
    const normalise = (value: string) => collapse(value.replace(/^- /gm, '')).toLowerCase()
    expect(normalise(text)).toBe(normalise(visibleText(email.html)))
  })

  it('shows every link URL in the text part, and links only to http(s) or mailto', () => {
    const links = hrefs(email.html)
    expect(links.length).toBeGreaterThan(0)
    for (const url of links) {
      expect(url).toMatch(/^(https?:|mailto:)/)
      expect(email.text).toContain(url.replace(/^mailto:/, ''))
    }
  })

  it('is plain and self-contained: no images, scripts, styles sheets or remote resources', () => {
    expect(email.html).not.toMatch(/<(img|script|link|iframe|object|style)\b/i)
    expect(email.html).not.toMatch(/\bsrc=|url\(|@import/i)
    expect(email.html).toContain('<html lang="en">')
    expect(email.html).toContain(`<title>${email.subject.replace(/&/g, '&amp;')}</title>`)
  })

  it('keeps the recipient name out of the subject, and the subject on one line', () => {
    expect(email.subject).not.toContain('Jane')
    expect(email.subject).not.toMatch(/[\r\n]/)
    expect(email.subject).toContain('Acme Tutors')
  })

  it('signs with the sender profile and gives the support address', () => {
    expect(email.text).toContain('Trust & Safety\nAcme Tutors\nhelp@acme.test')
    expect(email.html).toContain('href="mailto:help@acme.test"')
  })

  it('escapes every interpolated value in the HTML part', () => {
    const hostile = '<script>alert("x")</script> & \'co\''
    const hostileBranding = resolveMailBranding({
      ...brandingInput,
      productName: hostile,
      senderName: hostile,
      cra: { ...otherCra, name: hostile, address: hostile, phone: hostile },
    }, CHECKR_AGENCY)
    const data = { ...request.data, branding: hostileBranding, recipientName: hostile }
    if ('reportItems' in data) data.reportItems = [hostile]
    if ('additionalNotices' in data) data.additionalNotices = [hostile]
    const hostileEmail = renderEmail(request.kind, data as never)
    expect(hostileEmail.html).not.toContain('<script')
    expect(hostileEmail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;')
    // The text part is not HTML: it keeps the value as written.
    expect(hostileEmail.text).toContain(hostile)
  })

  it('uses nothing it was not given: no default CRA once another is set, no stray fields', () => {
    const custom = resolveMailBranding({ ...brandingInput, cra: otherCra }, CHECKR_AGENCY)
    const data = { ...request.data, branding: custom, ssn: 'SENTINEL-SSN', report: { records: ['SENTINEL-RECORD'] } }
    const rendered = renderEmail(request.kind, data as never)
    for (const part of [rendered.subject, rendered.text, rendered.html]) {
      expect(part).not.toMatch(/checkr/i)
      expect(part).not.toContain('SENTINEL')
    }
  })

  it('refuses a javascript: link instead of escaping it', () => {
    const evil = resolveMailBranding(brandingInput, CHECKR_AGENCY)
    const unsafe = { ...evil, links: { ...evil.links, status: 'javascript:alert(1)', recheck: 'javascript:alert(1)', dispute: 'javascript:alert(1)' } }
    const data = { ...request.data, branding: unsafe }
    if ('invitationUrl' in data) data.invitationUrl = 'javascript:alert(1)'
    if ('reportCopyUrl' in data) data.reportCopyUrl = 'javascript:alert(1)'
    expect(() => renderEmail(request.kind, data as never)).toThrow(expect.objectContaining({ code: 'invalid_argument', field: 'link' }))
  })
})

describe('greeting', () => {
  it('greets by name when given one, neutrally otherwise', () => {
    expect(renderEmail('check_under_review', { branding, recipientName: 'Jane' }).text).toMatch(/^Hi Jane,\n/)
    expect(renderEmail('check_under_review', { branding }).text).toMatch(/^Hello,\n/)
    expect(renderEmail('check_under_review', { branding, recipientName: '  ' }).text).toMatch(/^Hello,\n/)
  })
})
