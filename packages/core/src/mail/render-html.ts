import type { Block, EmailDocument, Inline } from './document'
import { escapeHtml } from './escape-html'
import { safeWebUrl } from './safe-href'

/**
 * The HTML part: one column, system fonts, inline styles, no images or remote resources, so it
 * reads the same in every client and to a screen reader. Every value goes through `escapeHtml`.
 */
export function renderHtml(document: EmailDocument): string {
  const body = document.blocks.map(renderBlock).join('\n')
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(document.subject)}</title>`,
    '</head>',
    '<body style="margin:0;padding:0;background-color:#ffffff;">',
    '<div style="max-width:600px;margin:0 auto;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;">',
    body,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h2 style="font-size:18px;margin:24px 0 8px;">${escapeHtml(block.text)}</h2>`
    case 'paragraph':
      return `<p style="margin:0 0 16px;">${renderInline(block.parts)}</p>`
    case 'list':
      return `<ul style="margin:0 0 16px;padding-left:24px;">${block.items.map((item) => `<li>${renderInline(item)}</li>`).join('')}</ul>`
    case 'lines':
      return `<p style="margin:0 0 16px;">${block.lines.map(renderInline).join('<br>\n')}</p>`
  }
}

function renderInline(parts: readonly Inline[]): string {
  return parts.map(renderPart).join('')
}

function renderPart(part: Inline): string {
  if (typeof part === 'string') return escapeHtml(part)
  if ('strong' in part) return `<strong>${escapeHtml(part.strong)}</strong>`
  if ('email' in part) return `<a href="mailto:${escapeHtml(encodeURI(part.email))}" style="color:#0b57d0;">${escapeHtml(part.email)}</a>`
  const url = safeWebUrl(part.link)
  return `<a href="${escapeHtml(url)}" style="color:#0b57d0;">${escapeHtml(part.label ?? url)}</a>`
}
