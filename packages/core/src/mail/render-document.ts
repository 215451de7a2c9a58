import type { EmailDocument, RenderedEmail } from './document'
import { renderHtml } from './render-html'
import { renderText } from './render-text'

/** Renders both parts from one document. The subject is folded to one line: it becomes a header. */
export function renderDocument(document: EmailDocument): RenderedEmail {
  const subject = document.subject.replace(/\s+/g, ' ').trim()
  return { subject, text: renderText(document), html: renderHtml({ ...document, subject }) }
}
