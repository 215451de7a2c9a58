import type { Block, EmailDocument, Inline } from './document'
import { safeWebUrl } from './safe-href'

/** The plain-text part. Links keep their URL in full, since a text reader cannot click a label. */
export function renderText(document: EmailDocument): string {
  return `${document.blocks.map(renderBlock).join('\n\n')}\n`
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return block.text.toUpperCase()
    case 'paragraph':
      return renderInline(block.parts)
    case 'list':
      return block.items.map((item) => `- ${renderInline(item)}`).join('\n')
    case 'lines':
      return block.lines.map(renderInline).join('\n')
  }
}

function renderInline(parts: readonly Inline[]): string {
  return parts.map(renderPart).join('')
}

function renderPart(part: Inline): string {
  if (typeof part === 'string') return part
  if ('strong' in part) return part.strong
  if ('email' in part) return part.email
  const url = safeWebUrl(part.link)
  return part.label === undefined || part.label === url ? url : `${part.label} (${url})`
}
