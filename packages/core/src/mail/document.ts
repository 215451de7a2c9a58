/**
 * An email as structured content. Templates build one `EmailDocument`; the text and HTML renderers
 * turn it into both parts, so the two always carry the same facts, and escaping happens in exactly
 * one place (the HTML renderer) instead of in every template.
 */
export type Inline =
  | string
  | { readonly strong: string }
  /** An http(s) link. HTML shows the label; text shows the label and the URL. */
  | { readonly link: string; readonly label?: string }
  | { readonly email: string }

export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly parts: readonly Inline[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly Inline[])[] }
  /** Consecutive short lines, such as a postal address or a signature. */
  | { readonly kind: 'lines'; readonly lines: readonly (readonly Inline[])[] }

export interface EmailDocument {
  readonly subject: string
  readonly blocks: readonly Block[]
}

export interface RenderedEmail {
  subject: string
  text: string
  html: string
}

export const paragraph = (...parts: Inline[]): Block => ({ kind: 'paragraph', parts })
export const heading = (text: string): Block => ({ kind: 'heading', text })
export const list = (...items: (readonly Inline[])[]): Block => ({ kind: 'list', items })
export const lines = (...items: (readonly Inline[])[]): Block => ({ kind: 'lines', lines: items })
